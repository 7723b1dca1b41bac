package io.lambdascaling.operator.runner;

import io.lambdascaling.analysis.Tally;

/**
 * One configuration in a run: its tally, and what the scheduler needs besides (whether an
 * invocation is in flight, and when the next may start). Guarded by the ledger that owns it.
 */
final class ConfigurationProgress {

  final Tally tally;
  boolean inFlight;
  long nextEligibleNanos;

  ConfigurationProgress(Tally.Rules rules) {
    this.tally = new Tally(rules);
  }

  boolean running() {
    return tally.state() == Tally.State.RUNNING;
  }
}
