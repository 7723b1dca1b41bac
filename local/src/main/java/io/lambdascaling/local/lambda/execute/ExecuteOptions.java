package io.lambdascaling.local.lambda.execute;

import java.time.Duration;

/**
 * Settings of execute mode.
 *
 * @param cpuScale multiplies every CPU quota, so that a host with fewer cores than Lambda's largest
 *     size (5.79 vCPU) keeps the whole range's shape
 * @param cgroups {@code auto}, {@code v1}, {@code v2} or {@code none}
 * @param maxQueueWait longest an invocation waits for CPU or a free instance before it is answered
 *     429
 * @param idleTimeout idle instances are stopped after this
 * @param functionConcurrency instances one function may have at once (1: concurrent instances on a
 *     small host would distort each other)
 */
public record ExecuteOptions(
    double cpuScale,
    String cgroups,
    Duration maxQueueWait,
    Duration idleTimeout,
    int functionConcurrency) {

  /** Lambda's largest size, 10,240 MB, in vCPU (1,769 MB each). */
  public static final double LARGEST_VCPU = 10240 / ExecutePlatform.MB_PER_VCPU;

  public ExecuteOptions {
    if (!(cpuScale > 0) || cpuScale > 64) {
      throw new IllegalArgumentException(
          "cpuScale must be above 0 and at most 64, got " + cpuScale);
    }
    if (functionConcurrency < 1) {
      throw new IllegalArgumentException("functionConcurrency must be at least 1");
    }
  }

  public static ExecuteOptions defaults() {
    return new ExecuteOptions(1.0, "auto", Duration.ofMinutes(15), Duration.ofMinutes(5), 1);
  }

  public ExecuteOptions withCpuScale(double scale) {
    return new ExecuteOptions(scale, cgroups, maxQueueWait, idleTimeout, functionConcurrency);
  }

  public ExecuteOptions withCgroups(String mode) {
    return new ExecuteOptions(cpuScale, mode, maxQueueWait, idleTimeout, functionConcurrency);
  }

  public ExecuteOptions withMaxQueueWait(Duration wait) {
    return new ExecuteOptions(cpuScale, cgroups, wait, idleTimeout, functionConcurrency);
  }

  /** {@code auto}: fit Lambda's largest size onto this host's cores (never above 1). */
  public static double parseCpuScale(String text) {
    if (text.equalsIgnoreCase("auto")) {
      return autoScale(Runtime.getRuntime().availableProcessors());
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cpu scale must be a number or 'auto', got " + text);
    }
  }

  public static double autoScale(int hostCpus) {
    return Math.min(1.0, hostCpus / LARGEST_VCPU);
  }
}
