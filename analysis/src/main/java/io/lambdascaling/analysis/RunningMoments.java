package io.lambdascaling.analysis;

/**
 * Count, mean, sum of squared deviations, min and max of a stream of values, updated one value at a
 * time (Welford) and merged exactly (Chan, Golub and LeVeque), so that statistics kept in status
 * survive a restart without the raw samples.
 */
public record RunningMoments(long count, double mean, double m2, double min, double max) {

  public static final RunningMoments EMPTY =
      new RunningMoments(0, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

  public static RunningMoments of(double... values) {
    RunningMoments m = EMPTY;
    for (double v : values) {
      m = m.add(v);
    }
    return m;
  }

  public RunningMoments add(double value) {
    long n = count + 1;
    double delta = value - mean;
    double newMean = mean + delta / n;
    return new RunningMoments(
        n, newMean, m2 + delta * (value - newMean), Math.min(min, value), Math.max(max, value));
  }

  public RunningMoments merge(RunningMoments other) {
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      return other;
    }
    long n = count + other.count;
    double delta = other.mean - mean;
    double newMean = mean + delta * other.count / n;
    double newM2 = m2 + other.m2 + delta * delta * ((double) count * other.count / n);
    return new RunningMoments(
        n, newMean, newM2, Math.min(min, other.min), Math.max(max, other.max));
  }

  /** Sample variance (n - 1); NaN below two values. */
  public double variance() {
    return count < 2 ? Double.NaN : m2 / (count - 1);
  }

  public double stddev() {
    return Math.sqrt(variance());
  }
}
