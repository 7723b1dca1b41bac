package io.lambdascaling.local.lambda.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The documented model behind simulate mode. Nothing here is measured on AWS; the parameters are
 * plausible defaults (the per-iteration costs are near what OpenJDK 17 does on one core of the
 * development machine) and every one can be set.
 *
 * <pre>
 * vCPU(memory)   = min(memoryMb / 1769, 6)
 * procTime       = passwords × iterations × nanosPerIteration(arch) / min(workers, vCPU) × noise
 * noise          = lognormal with mean 1 and coefficient of variation cv; with probability
 *                  outlierRate also × uniform(1.2, outlierFactorMax)
 * duration       = procTime + overheadMs
 * init (cold)    = (initBaseMs + initPerVcpuMs / min(1, vCPU)) × noise
 * </pre>
 *
 * @param nanosPerIterationX86 cost of one PBKDF2-HMAC-SHA256 iteration on one x86_64 vCPU
 * @param nanosPerIterationArm the same on arm64
 * @param cv coefficient of variation of the multiplicative noise
 * @param outlierRate probability of an outlier
 * @param outlierFactorMax the largest outlier factor
 * @param overheadMs time outside the hashing (event parsing, password generation)
 * @param initBaseMs part of the cold-start init that does not depend on CPU share
 * @param initPerVcpuMs part of the init that takes this long on one full vCPU
 * @param seed makes every draw repeatable
 */
public record SimulationModel(
    double nanosPerIterationX86,
    double nanosPerIterationArm,
    double cv,
    double outlierRate,
    double outlierFactorMax,
    double overheadMs,
    double initBaseMs,
    double initPerVcpuMs,
    long seed) {

  /** Lambda: 1,769 MB = 1 vCPU. */
  public static final double MB_PER_VCPU = 1769.0;

  public static final double MAX_VCPU = 6.0;

  public static SimulationModel defaults(long seed) {
    return new SimulationModel(330, 280, 0.03, 0.01, 2.0, 1.5, 300, 150, seed);
  }

  /** The same model with other noise. */
  public SimulationModel withNoise(double cv, double outlierRate) {
    return new SimulationModel(
        nanosPerIterationX86,
        nanosPerIterationArm,
        cv,
        outlierRate,
        outlierFactorMax,
        overheadMs,
        initBaseMs,
        initPerVcpuMs,
        seed);
  }

  public static double vcpu(int memoryMb) {
    return Math.min(memoryMb / MB_PER_VCPU, MAX_VCPU);
  }

  public double nanosPerIteration(String architecture) {
    return "arm64".equals(architecture) ? nanosPerIterationArm : nanosPerIterationX86;
  }

  /** The noise-free processing time: the truth an analysis should recover. */
  public double expectedProcMs(
      String architecture, int memoryMb, int workers, int passwords, int iterations) {
    double work = (double) passwords * iterations * nanosPerIteration(architecture) / 1e6;
    return work / Math.min(workers, vcpu(memoryMb));
  }

  /** Time relative to one worker on one vCPU: workers beyond the vCPUs share them. */
  private static double relativeTime(int workers, int memoryMb) {
    return 1 / Math.min(workers, vcpu(memoryMb));
  }

  /**
   * The knee the noise-free model implies for one worker count: the smallest of the sizes whose
   * time is within {@code tolerancePercent} of the best among them (time is proportional to 1 /
   * min(workers, vCPU), whatever the architecture and workload).
   */
  public static int kneeMb(int workers, List<Integer> sizesMb, double tolerancePercent) {
    double best = sizesMb.stream().mapToDouble(mb -> relativeTime(workers, mb)).min().orElseThrow();
    return sizesMb.stream()
        .filter(mb -> relativeTime(workers, mb) <= best * (1 + tolerancePercent / 100))
        .min(Integer::compare)
        .orElseThrow();
  }

  public double expectedInitMs(int memoryMb) {
    return initBaseMs + initPerVcpuMs / Math.min(1.0, vcpu(memoryMb));
  }

  /** One multiplicative noise draw with mean 1. */
  double noise(SplittableRandom random) {
    double sigma = Math.sqrt(Math.log(1 + cv * cv));
    double factor = Math.exp(sigma * gaussian(random) - sigma * sigma / 2);
    if (random.nextDouble() < outlierRate) {
      factor *= 1.2 + random.nextDouble() * (outlierFactorMax - 1.2);
    }
    return factor;
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: two uniforms make one standard normal.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
