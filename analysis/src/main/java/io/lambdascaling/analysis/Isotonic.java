package io.lambdascaling.analysis;

/**
 * Weighted isotonic regression by pool-adjacent-violators: the non-increasing sequence closest, in
 * weighted least squares, to the given one. Time cannot rise with memory on Lambda (more memory
 * only adds CPU), so a rise in measured means is noise, and the knee is judged on this fit.
 */
public final class Isotonic {

  private Isotonic() {}

  /**
   * @param values in order of increasing memory
   * @param weights positive, one per value
   * @return the non-increasing fit, same length
   */
  public static double[] nonIncreasing(double[] values, double[] weights) {
    int n = values.length;
    if (weights.length != n) {
      throw new IllegalArgumentException("one weight per value");
    }
    double[] level = new double[n];
    double[] weight = new double[n];
    int[] size = new int[n];
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      level[blocks] = values[i];
      weight[blocks] = weights[i];
      size[blocks] = 1;
      blocks++;
      // A later block above an earlier one violates "non-increasing": pool them.
      while (blocks > 1 && level[blocks - 1] > level[blocks - 2]) {
        double w = weight[blocks - 2] + weight[blocks - 1];
        level[blocks - 2] =
            (level[blocks - 2] * weight[blocks - 2] + level[blocks - 1] * weight[blocks - 1]) / w;
        weight[blocks - 2] = w;
        size[blocks - 2] += size[blocks - 1];
        blocks--;
      }
    }
    double[] fit = new double[n];
    int at = 0;
    for (int b = 0; b < blocks; b++) {
      for (int k = 0; k < size[b]; k++) {
        fit[at++] = level[b];
      }
    }
    return fit;
  }
}
