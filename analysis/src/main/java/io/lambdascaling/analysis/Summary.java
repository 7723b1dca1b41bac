package io.lambdascaling.analysis;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * What one configuration's steady-state samples say: the plain statistics, a confidence interval of
 * the mean, and a robust centre — the 10 % trimmed mean with Yuen's interval — that a single
 * outlier or a run on a faster host cannot drag far.
 *
 * @param ciLow lower end of the confidence interval of the mean (NaN below two samples)
 * @param trimmedMean the mean of the middle 80 % of the samples
 * @param trimmedCiLow lower end of Yuen's confidence interval of the trimmed mean
 * @param trimmedStandardError Yuen's standard error of the trimmed mean
 * @param trimmedDegreesOfFreedom for Student's t with it (samples left after trimming, minus one)
 */
public record Summary(
    int count,
    double mean,
    double stddev,
    double min,
    double max,
    double p50,
    double p95,
    double ciLow,
    double ciHigh,
    double trimmedMean,
    double trimmedCiLow,
    double trimmedCiHigh,
    double trimmedStandardError,
    int trimmedDegreesOfFreedom) {

  /** The share trimmed from each end for the robust centre. */
  public static final double TRIM = 0.10;

  /** Coefficient of variation (stddev / mean). */
  public double cv() {
    return stddev / mean;
  }

  /**
   * @param samples the steady-state processing times, any order (not modified)
   * @param confidenceLevel e.g. 0.95
   */
  public static Summary of(double[] samples, double confidenceLevel) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double[] x = samples.clone();
    Arrays.sort(x);
    int n = x.length;
    RunningMoments m = RunningMoments.of(x);
    double sd = m.stddev();
    double[] ci = interval(m.mean(), sd / Math.sqrt(n), n - 1, confidenceLevel);

    int g = (int) Math.floor(TRIM * n);
    double trimmed = mean(x, g, n - g);
    double winsorizedSd = winsorizedStddev(x, g);
    int h = n - 2 * g;
    double trimmedSe = winsorizedSd / ((1 - 2.0 * g / n) * Math.sqrt(n));
    double[] trimmedCi = interval(trimmed, trimmedSe, h - 1, confidenceLevel);
    return new Summary(
        n,
        m.mean(),
        sd,
        x[0],
        x[n - 1],
        quantile(x, 0.50),
        quantile(x, 0.95),
        ci[0],
        ci[1],
        trimmed,
        trimmedCi[0],
        trimmedCi[1],
        trimmedSe,
        h - 1);
  }

  /** Two-sided Student-t interval around a centre; NaN when the degrees of freedom are too few. */
  static double[] interval(
      double centre, double standardError, int degreesOfFreedom, double level) {
    if (degreesOfFreedom < 1 || Double.isNaN(standardError)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double t =
        new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(1 - (1 - level) / 2);
    return new double[] {centre - t * standardError, centre + t * standardError};
  }

  private static double mean(double[] sorted, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += sorted[i];
    }
    return sum / (to - from);
  }

  /**
   * Standard deviation after pulling the g smallest and g largest values in to their neighbours.
   */
  private static double winsorizedStddev(double[] sorted, int g) {
    int n = sorted.length;
    double[] w = sorted.clone();
    for (int i = 0; i < g; i++) {
      w[i] = sorted[g];
      w[n - 1 - i] = sorted[n - 1 - g];
    }
    return RunningMoments.of(w).stddev();
  }

  /** Linear interpolation between closest ranks (type 7, as R and NumPy by default). */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
