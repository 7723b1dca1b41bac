package io.lambdascaling.analysis;

import java.util.List;

/**
 * The level a curve settles to at large memory: the samples of the largest sizes pooled downwards
 * until two sizes in a row are each slower than the pool (one-sided Welch/Yuen t on the trimmed
 * means). A single slow size inside a plateau is noise and is pooled; on the ramp every size down
 * is slower. Unlike the lowest level of the monotone fit — the minimum of the tail means, which
 * noise biases low — a pooled plateau sits at its middle, so the knee does not drift along it; and
 * since the pool is a mean of a suffix, the monotone fit's last level is never above it.
 *
 * @param level the pooled trimmed mean, weighted by sample counts, with its standard error
 * @param from the index of the smallest size in the pool
 */
record Plateau(Estimate level, int from) {

  /** How many sizes in a row, each slower than the pool, end it. */
  static final int RUN = 3;

  /**
   * @param curve summaries in order of increasing memory, at least one
   * @param alpha the one-sided level of each test that ends the pooling
   */
  static Plateau of(List<Summary> curve, double alpha) {
    Pool pool = new Pool();
    int from = curve.size() - 1;
    pool.add(curve.get(from));
    while (from > 0 && !endsBelow(curve, from, pool, alpha)) {
      from--;
      pool.add(curve.get(from));
    }
    return new Plateau(pool.estimate(), from);
  }

  /**
   * Whether the next RUN sizes below {@code from} (those there are) are all slower than the pool.
   */
  private static boolean endsBelow(List<Summary> curve, int from, Pool pool, double alpha) {
    for (int i = from - 1; i >= Math.max(0, from - RUN); i--) {
      if (!point(curve.get(i)).above(pool.estimate(), alpha)) {
        return false;
      }
    }
    return true;
  }

  /** A size's trimmed mean; one whose error is unknown (a single sample) counts as exact. */
  private static Estimate point(Summary s) {
    Estimate e = Estimate.of(s);
    boolean unknown = e.degreesOfFreedom() < 1 || Double.isNaN(e.standardError());
    return unknown ? new Estimate(e.value(), 0, 0) : e;
  }

  /** Running sums for the count-weighted mean and its Welch–Satterthwaite error. */
  private static final class Pool {
    private double count;
    private double sum;
    private double variance;
    private double varianceShares;

    void add(Summary s) {
      Estimate e = point(s);
      count += s.count();
      sum += s.count() * e.value();
      double v = s.count() * s.count() * e.standardError() * e.standardError();
      variance += v;
      varianceShares += v == 0 ? 0 : v * v / e.degreesOfFreedom();
    }

    Estimate estimate() {
      double se = Math.sqrt(variance) / count;
      double df = varianceShares == 0 ? 0 : variance * variance / varianceShares;
      return new Estimate(sum / count, se, df);
    }
  }
}
