package io.lambdascaling.analysis;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A centre with its standard error and degrees of freedom — a trimmed mean, or a pool of them — and
 * the one-sided Welch (Yuen, for trimmed means) comparison of two such estimates.
 *
 * @param standardError NaN when unknown (one sample); 0 when the value is exact
 * @param degreesOfFreedom for Student's t; below 1 the error is treated as unknown
 */
record Estimate(double value, double standardError, double degreesOfFreedom) {

  /** A configuration's 10 % trimmed mean with Yuen's standard error. */
  static Estimate of(Summary s) {
    return new Estimate(s.trimmedMean(), s.trimmedStandardError(), s.trimmedDegreesOfFreedom());
  }

  /** The same estimate times a factor (e.g. a level plus its tolerance). */
  Estimate times(double factor) {
    return new Estimate(value * factor, standardError * factor, degreesOfFreedom);
  }

  /**
   * Whether this is larger than {@code other} beyond noise: Welch's t on the difference exceeds its
   * one-sided {@code 1 - alpha} quantile (Welch–Satterthwaite degrees of freedom). Two exact values
   * compare as numbers; an unknown error never shows a difference.
   */
  boolean above(Estimate other, double alpha) {
    double a = variance();
    double b = other.variance();
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return false;
    }
    double difference = value - other.value;
    if (a + b == 0) {
      return difference > 0;
    }
    double df = (a + b) * (a + b) / (share(a) + other.share(b));
    double t = difference / Math.sqrt(a + b);
    return t > new TDistribution(null, df).inverseCumulativeProbability(1 - alpha);
  }

  private double variance() {
    if (standardError == 0) {
      return 0;
    }
    return degreesOfFreedom < 1 ? Double.NaN : standardError * standardError;
  }

  /** This side's term of the Welch–Satterthwaite denominator. */
  private double share(double variance) {
    return variance == 0 ? 0 : variance * variance / degreesOfFreedom;
  }
}
