package io.lambdascaling.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdascaling.analysis.Isotonic;
import io.lambdascaling.analysis.Knee;
import io.lambdascaling.analysis.Measured;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.Summary;
import io.lambdascaling.analysis.ThreadsToMemory;
import io.lambdascaling.api.v1alpha1.MemorySpec;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import io.lambdascaling.operator.plan.MemorySizes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The knee rule the operator and {@code lse analyze} share, against the truth of the simulate
 * model: samples drawn from its noise-free curve (CV 3 %, 1 % outliers) on the reference
 * experiment's 41 sizes, 10 seeds × 2 architectures × 1–6 workers, scored against {@link
 * SimulationModel#kneeMb} at 2 %. Rows of 1–3 workers are the decidable ones (the truth's neighbour
 * is at least 1 % away from the tolerance line); 4–6 workers are scored apart. The rule it replaced
 * — the lowest level of the monotone fit as the best time — is scored beside it for comparison.
 */
class KneeAccuracyTest {

  private static final List<Integer> SIZES = MemorySizes.of(MemorySpec.reference());
  private static final List<String> ARCHITECTURES = List.of("arm64", "x86_64");
  private static final int MAX_WORKERS = 6;
  private static final int DECIDABLE_WORKERS = 3;
  private static final int SEEDS = 10;
  private static final double TOLERANCE = 2;

  /** Rows scored: knees equal to the truth, within one planned size of it, confident, both. */
  record Score(int rows, int exact, int withinOneStep, int confident, int confidentButWrong) {
    String placement() {
      return String.format("exact %d/%d, within one step %d/%d", exact, rows, withinOneStep, rows);
    }

    Score plus(int knee, int truth, boolean confident) {
      int off = Math.abs(SIZES.indexOf(knee) - SIZES.indexOf(truth));
      return new Score(
          rows + 1,
          exact + (off == 0 ? 1 : 0),
          withinOneStep + (off <= 1 ? 1 : 0),
          this.confident + (confident ? 1 : 0),
          confidentButWrong + (confident && off != 0 ? 1 : 0));
    }

    @Override
    public String toString() {
      return String.format(
          "exact %d/%d, within one step %d/%d, confident %d, confident but wrong %d",
          exact, rows, withinOneStep, rows, confident, confidentButWrong);
    }
  }

  /** Scores for the decidable rows and the others, under the analysis and under the old rule. */
  record Scores(Score decidable, Score others, Score oldDecidable, Score oldOthers) {}

  private static final Score NONE = new Score(0, 0, 0, 0, 0);

  private static Scores score(int samplesPerConfiguration) {
    Scores s = new Scores(NONE, NONE, NONE, NONE);
    for (long seed = 1; seed <= SEEDS; seed++) {
      List<Measured> drawn = draw(SimulationModel.defaults(seed), samplesPerConfiguration);
      for (ThreadsToMemory.ArchitectureTable t :
          ThreadsToMemory.table(drawn, TOLERANCE, 0.95, Prices.usEast1())) {
        for (Knee k : t.rows()) {
          int truth = SimulationModel.kneeMb(k.workers(), SIZES, TOLERANCE);
          int old = oldKnee(drawn, t.architecture(), k.workers());
          boolean decidable = k.workers() <= DECIDABLE_WORKERS;
          s =
              new Scores(
                  decidable ? s.decidable.plus(k.memoryMb(), truth, k.confident()) : s.decidable,
                  decidable ? s.others : s.others.plus(k.memoryMb(), truth, k.confident()),
                  decidable ? s.oldDecidable.plus(old, truth, false) : s.oldDecidable,
                  decidable ? s.oldOthers : s.oldOthers.plus(old, truth, false));
        }
      }
    }
    System.out.printf(
        "%d samples per configuration, 1-%d workers: new %s; old %s%n",
        samplesPerConfiguration, DECIDABLE_WORKERS, s.decidable, s.oldDecidable.placement());
    System.out.printf(
        "%d samples per configuration, %d-%d workers: new %s; old %s%n",
        samplesPerConfiguration,
        DECIDABLE_WORKERS + 1,
        MAX_WORKERS,
        s.others,
        s.oldOthers.placement());
    return s;
  }

  /**
   * Every configuration's steady samples: the model's noise-free time × its noise. The draw repeats
   * SimulationModel's (package-private) noise: lognormal with mean 1 and the model's CV, and with
   * the model's outlier rate also × uniform(1.2, outlierFactorMax).
   */
  private static List<Measured> draw(SimulationModel model, int n) {
    SplittableRandom random = new SplittableRandom(model.seed());
    List<Measured> out = new ArrayList<>();
    for (String arch : ARCHITECTURES) {
      for (int w = 1; w <= MAX_WORKERS; w++) {
        for (int mb : SIZES) {
          double[] x = new double[n];
          for (int i = 0; i < n; i++) {
            x[i] = model.expectedProcMs(arch, mb, w, 20, 5000) * noise(model, random);
          }
          out.add(new Measured(arch, w, mb, Summary.of(x, 0.95), 0));
        }
      }
    }
    return out;
  }

  private static double noise(SimulationModel model, SplittableRandom random) {
    double sigma = Math.sqrt(Math.log(1 + model.cv() * model.cv()));
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    double gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    double factor = Math.exp(sigma * gaussian - sigma * sigma / 2);
    if (random.nextDouble() < model.outlierRate()) {
      factor *= 1.2 + random.nextDouble() * (model.outlierFactorMax() - 1.2);
    }
    return factor;
  }

  /** The rule before the plateau was pooled: within the tolerance of the fit's lowest level. */
  private static int oldKnee(List<Measured> drawn, String arch, int workers) {
    List<Measured> curve =
        drawn.stream()
            .filter(m -> m.architecture().equals(arch) && m.workers() == workers)
            .toList();
    double[] fit =
        Isotonic.nonIncreasing(
            curve.stream().mapToDouble(m -> m.summary().trimmedMean()).toArray(),
            curve.stream().mapToDouble(m -> m.summary().count()).toArray());
    double threshold = fit[fit.length - 1] * (1 + TOLERANCE / 100);
    int k = 0;
    while (fit[k] > threshold) {
      k++;
    }
    return curve.get(k).memoryMb();
  }

  @Test
  void ten_samples_per_configuration_find_the_decidable_knees() {
    Scores s = score(10);

    assertThat(s.decidable.rows()).isEqualTo(60);
    assertThat(s.decidable.exact()).as("exact").isGreaterThanOrEqualTo(52);
    assertThat(s.decidable.withinOneStep()).as("within one step").isGreaterThanOrEqualTo(59);
    assertThat(s.decidable.confidentButWrong()).as("confident but wrong, 1-3 workers").isZero();
    assertThat(s.others.withinOneStep())
        .as("4-6 workers within one step")
        .isGreaterThanOrEqualTo(58);
    assertThat(s.decidable.confidentButWrong() + s.others.confidentButWrong())
        .as("confident but wrong, of 120 rows")
        .isLessThanOrEqualTo(1);
  }

  @Test
  void twenty_samples_per_configuration_find_every_decidable_knee() {
    Scores s = score(20);

    assertThat(s.decidable.exact()).as("exact").isEqualTo(60);
    assertThat(s.decidable.withinOneStep()).as("within one step").isEqualTo(60);
    assertThat(s.decidable.confidentButWrong()).as("confident but wrong, 1-3 workers").isZero();
    assertThat(s.others.withinOneStep()).as("4-6 workers within one step").isEqualTo(60);
    assertThat(s.decidable.confidentButWrong() + s.others.confidentButWrong())
        .as("confident but wrong, of 120 rows")
        .isLessThanOrEqualTo(1);
  }
}
