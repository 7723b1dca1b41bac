package io.lambdascaling.operator.runner;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.AttemptPhase;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Tally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run has done, guarded by one lock: every configuration's tally and scheduling, the spend,
 * and the attempts not yet handed over to durable storage (oldest first). Spend, tallies and
 * unstored attempts change together, so that a checkpoint sees them agree.
 */
final class Ledger {

  private static final Duration THROTTLE_BACKOFF = Duration.ofSeconds(1);

  private final Map<Configuration, ConfigurationProgress> progress = new LinkedHashMap<>();
  private final List<Attempt> unstored = new ArrayList<>();
  private final Budget budget;

  Ledger(List<Configuration> configurations, Tally.Rules rules, Budget budget) {
    this.budget = budget;
    configurations.forEach(c -> progress.put(c, new ConfigurationProgress(rules)));
  }

  synchronized Map<Configuration, Tally.Snapshot> snapshot() {
    Map<Configuration, Tally.Snapshot> out = new LinkedHashMap<>();
    progress.forEach((c, p) -> out.put(c, p.tally.snapshot()));
    return out;
  }

  synchronized ExperimentRun.Checkpoint checkpoint() {
    return new ExperimentRun.Checkpoint(snapshot(), budget.spentUsd(), List.copyOf(unstored));
  }

  synchronized void stored(int count) {
    unstored.subList(0, count).clear();
  }

  /** Takes earlier attempts as made; those of configurations not in the run are ignored. */
  synchronized void replay(List<Attempt> history, boolean retryFailed) {
    for (Attempt a : history) {
      ConfigurationProgress p = progress.get(a.configuration());
      if (p != null) {
        p.tally.add(a);
      }
    }
    if (retryFailed) {
      progress.values().forEach(p -> p.tally.retry());
    }
  }

  /** The configurations that still need invocations, in plan order. */
  synchronized List<Configuration> running() {
    List<Configuration> out = new ArrayList<>();
    progress.forEach(
        (c, p) -> {
          if (p.running()) {
            out.add(c);
          }
        });
    return out;
  }

  synchronized int inFlight() {
    return (int) progress.values().stream().filter(p -> p.inFlight).count();
  }

  /** Whether the configuration may start an invocation now. */
  synchronized boolean due(Configuration c, long nowNanos) {
    ConfigurationProgress p = progress.get(c);
    return !p.inFlight && p.running() && nowNanos >= p.nextEligibleNanos;
  }

  synchronized void inFlight(Configuration c, boolean inFlight) {
    progress.get(c).inFlight = inFlight;
  }

  /** The interval runs from the real start of the invocation. */
  synchronized void started(Configuration c, long nextEligibleNanos) {
    progress.get(c).nextEligibleNanos = nextEligibleNanos;
  }

  /** How long until a configuration not in flight comes due. */
  synchronized Duration untilNextDue(long nowNanos) {
    long next = Long.MAX_VALUE;
    for (ConfigurationProgress p : progress.values()) {
      if (p.running() && !p.inFlight) {
        next = Math.min(next, p.nextEligibleNanos);
      }
    }
    return next == Long.MAX_VALUE
        ? Duration.ofSeconds(1)
        : Duration.ofNanos(Math.max(0, next - nowNanos));
  }

  /**
   * Records an attempt that landed: settles what was reserved for it, and keeps it until stored.
   */
  synchronized AttemptPhase record(Attempt a, double reservedUsd, long nowNanos) {
    budget.settle(reservedUsd, a.costUsd());
    ConfigurationProgress p = progress.get(a.configuration());
    p.inFlight = false;
    AttemptPhase phase = p.tally.add(a);
    if (phase == AttemptPhase.THROTTLED || phase == AttemptPhase.SERVICE_ERROR) {
      p.nextEligibleNanos = nowNanos + THROTTLE_BACKOFF.toNanos();
    }
    unstored.add(a);
    return phase;
  }
}
