package io.lambdascaling.operator.runner;

import io.lambdascaling.analysis.Prices;

/**
 * The experiment's money: what was spent, and what invocations in flight could still cost at worst.
 * An invocation starts only if its worst case (the timeout at its memory, plus the request) fits
 * under the limit beside everything spent and reserved, so spend never passes {@code maxCostUsd}.
 */
public final class Budget {

  /** Lambda bills the init phase of managed runtimes too; an on-demand init may take 10 s. */
  static final long MAX_INIT_MS = 10_000;

  private final double maxUsd;
  private double spentUsd;
  private double reservedUsd;
  private int openReservations;

  public Budget(double maxUsd, double alreadySpentUsd) {
    if (!(maxUsd > 0)) {
      throw new IllegalArgumentException("maxCostUsd must be above 0, got " + maxUsd);
    }
    this.maxUsd = maxUsd;
    this.spentUsd = alreadySpentUsd;
  }

  /**
   * What one invocation can cost at most: the timeout and a full init, billed, plus the request.
   */
  public static double worstCaseUsd(
      Prices prices, String architecture, int memoryMb, int timeoutSeconds) {
    return prices.invocationUsd(architecture, memoryMb, timeoutSeconds * 1000L + MAX_INIT_MS);
  }

  /** Reserves the worst case of one invocation; false when it does not fit. */
  public synchronized boolean tryReserve(double worstCaseUsd) {
    if (spentUsd + reservedUsd + worstCaseUsd > maxUsd) {
      return false;
    }
    reservedUsd += worstCaseUsd;
    openReservations++;
    return true;
  }

  /** The invocation ended: its reservation goes, what it really cost stays. */
  public synchronized void settle(double reservedWorstCaseUsd, double actualUsd) {
    openReservations--;
    // With nothing in flight nothing is reserved: no rounding residue may linger.
    reservedUsd = openReservations == 0 ? 0 : Math.max(0, reservedUsd - reservedWorstCaseUsd);
    spentUsd += actualUsd;
  }

  public synchronized double spentUsd() {
    return spentUsd;
  }

  public synchronized double reservedUsd() {
    return reservedUsd;
  }

  public double maxUsd() {
    return maxUsd;
  }
}
