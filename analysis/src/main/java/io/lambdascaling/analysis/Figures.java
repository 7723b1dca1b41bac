package io.lambdascaling.analysis;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * How figures are shown, the same in the status and in the result files: no more digits than the
 * measurement carries. NaN (too few samples) is absent.
 */
public final class Figures {

  private static final MathContext COST_DIGITS = new MathContext(4);
  private static final MathContext MS_DIGITS = new MathContext(5);
  private static final MathContext SPREAD_DIGITS = new MathContext(3);

  private Figures() {}

  /**
   * Milliseconds to five significant digits and at most 0.01 ms (the resolution of Lambda's REPORT
   * line): finer digits are noise and would only inflate the status.
   */
  public static Double ms(double value) {
    if (Double.isNaN(value)) {
      return null;
    }
    if (Math.abs(value) < 1000) {
      return Math.round(value * 100) / 100.0;
    }
    return BigDecimal.valueOf(value).round(MS_DIGITS).doubleValue();
  }

  /** A spread (stddev, interval half-width) to three significant digits: itself an estimate. */
  public static Double spread(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return null;
    }
    return Math.abs(value) < 1
        ? ms(value)
        : BigDecimal.valueOf(value).round(SPREAD_DIGITS).doubleValue();
  }

  /** A share as a percentage to one decimal. */
  public static Double percent(double share) {
    return Double.isNaN(share) ? null : Math.round(share * 1000) / 10.0;
  }

  /** Dollars to four significant digits; absent when unknown. */
  public static Double usd(double value) {
    return Double.isNaN(value) ? null : BigDecimal.valueOf(value).round(COST_DIGITS).doubleValue();
  }
}
