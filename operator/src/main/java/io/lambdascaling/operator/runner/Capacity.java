package io.lambdascaling.operator.runner;

import java.util.concurrent.Semaphore;

/**
 * What an invocation needs before it starts: a place under the experiment's and the global
 * concurrency caps, and the budget for its worst case.
 */
final class Capacity {

  private final Semaphore experimentCap;
  private final Semaphore globalCap;
  private final Budget budget;

  Capacity(Semaphore experimentCap, Semaphore globalCap, Budget budget) {
    this.experimentCap = experimentCap;
    this.globalCap = globalCap;
    this.budget = budget;
  }

  /**
   * Waits for a place under both caps, then reserves the worst case; false (holding nothing) when
   * the budget cannot cover it.
   */
  boolean take(double worstUsd) throws InterruptedException {
    experimentCap.acquire();
    globalCap.acquire();
    if (budget.tryReserve(worstUsd)) {
      return true;
    }
    release();
    return false;
  }

  /** Gives back an invocation that never started: its place and its reservation. */
  void untake(double worstUsd) {
    budget.settle(worstUsd, 0);
    release();
  }

  /** Frees the places of an invocation that ended (its cost settled elsewhere). */
  void release() {
    globalCap.release();
    experimentCap.release();
  }
}
