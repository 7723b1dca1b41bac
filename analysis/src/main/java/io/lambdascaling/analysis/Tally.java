package io.lambdascaling.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * One configuration's attempts, taken in the order made: the one rule that says which attempt is a
 * cold start, a warm-up, a steady sample or a failure, and the counts that follow from it. The
 * runner feeds it live and on replay; the cli feeds it samples read from files. Not thread-safe:
 * its owner guards it.
 *
 * <p>The rule: an invocation with an init phase is {@link AttemptPhase#COLD}. The first {@code
 * warmupInvocations} successes counted from a cold start (the cold start included) or from the
 * configuration's first success are kept out of the statistics; those that are not cold are {@link
 * AttemptPhase#WARMUP}. Every other success is {@link AttemptPhase#STEADY}. {@code
 * failuresBeforeGivingUp} consecutive function errors or timeouts mark the configuration failed.
 */
public final class Tally {

  /** Where a configuration stands. */
  public enum State {
    RUNNING,
    DONE,
    FAILED
  }

  /**
   * @param invocations successes wanted; the configuration is done once it has them
   * @param warmupInvocations successes kept out of the statistics from a cold start, it included
   * @param failuresBeforeGivingUp consecutive function errors or timeouts that mark it failed
   */
  public record Rules(int invocations, int warmupInvocations, int failuresBeforeGivingUp) {

    /** What the operator gives up after. */
    public static final int FAILURES_BEFORE_GIVING_UP = 3;

    /**
     * For attempts read back whose run is over: one success makes a configuration done, and every
     * phase is read from the file.
     */
    public static Rules finished() {
      return new Rules(1, 0, FAILURES_BEFORE_GIVING_UP);
    }
  }

  /**
   * A read-only copy.
   *
   * @param steadyBilledMs the billed durations of the steady invocations (the init phase of a cold
   *     start is billed too, and would make the mean no invocation's cost)
   * @param costUsd what every attempt cost; NaN when one's cost is unknown
   */
  public record Snapshot(
      State state,
      List<Double> steadyProcTimesMs,
      long succeeded,
      long coldStarts,
      long warmups,
      long functionErrors,
      long timeouts,
      long throttled,
      long serviceErrors,
      RunningMoments steadyBilledMs,
      double costUsd,
      int maxMemoryUsedMb,
      int reportedCores,
      String lastError) {}

  private final Rules rules;
  private final List<Double> steadyProcTimesMs = new ArrayList<>();
  private long succeeded;
  private long coldStarts;
  private long warmups;
  private long functionErrors;
  private long timeouts;
  private long throttled;
  private long serviceErrors;
  private int consecutiveFailures;
  private int sinceColdStart;
  private RunningMoments steadyBilledMs = RunningMoments.EMPTY;
  private double costUsd;
  private int maxMemoryUsedMb;
  private int reportedCores;
  private String lastError;
  private State state = State.RUNNING;

  public Tally(Rules rules) {
    this.rules = rules;
  }

  /** Takes the next attempt, classified by the rule; returns its phase. */
  public AttemptPhase add(Attempt a) {
    return add(a, phaseOf(a));
  }

  /** The phase the rule gives an attempt made next. */
  public AttemptPhase phaseOf(Attempt a) {
    return switch (a.outcome().kind()) {
      case SUCCESS ->
          a.coldStart()
              ? AttemptPhase.COLD
              : sinceColdStart < rules.warmupInvocations()
                  ? AttemptPhase.WARMUP
                  : AttemptPhase.STEADY;
      case FUNCTION_ERROR, TIMEOUT -> AttemptPhase.FAILED;
      case THROTTLED -> AttemptPhase.THROTTLED;
      case SERVICE_ERROR -> AttemptPhase.SERVICE_ERROR;
    };
  }

  /**
   * Takes the next attempt in a phase already known (read from a file that recorded it); returns
   * it.
   */
  public AttemptPhase add(Attempt a, AttemptPhase phase) {
    Outcome o = a.outcome();
    costUsd += a.costUsd();
    if (o.report() != null) {
      maxMemoryUsedMb = Math.max(maxMemoryUsedMb, o.report().maxMemoryUsedMb());
    }
    switch (phase) {
      case COLD, WARMUP, STEADY -> success(o, phase);
      case THROTTLED -> throttled++;
      case SERVICE_ERROR -> {
        serviceErrors++;
        lastError = o.error();
      }
      case FAILED -> {
        if (o.kind() == Outcome.Kind.TIMEOUT) {
          timeouts++;
        } else {
          functionErrors++;
        }
        lastError = o.error();
        if (++consecutiveFailures >= rules.failuresBeforeGivingUp()) {
          state = State.FAILED;
        }
      }
    }
    return phase;
  }

  private void success(Outcome o, AttemptPhase phase) {
    consecutiveFailures = 0;
    succeeded++;
    if (o.sample() != null && o.sample().cores() > 0) {
      reportedCores = o.sample().cores();
    }
    if (phase == AttemptPhase.COLD) {
      coldStarts++;
      sinceColdStart = 0;
    } else if (phase == AttemptPhase.WARMUP) {
      warmups++;
    } else {
      steadyProcTimesMs.add(o.sample().procTimeMs());
      if (o.report() != null) {
        steadyBilledMs = steadyBilledMs.add(o.report().billedDurationMs());
      }
    }
    sinceColdStart++;
    // On replay a success after a failed state means the configuration was retried since.
    state = succeeded >= rules.invocations() ? State.DONE : State.RUNNING;
  }

  /** A failed configuration gets another chance (its spec changed). */
  public void retry() {
    if (state == State.FAILED) {
      state = State.RUNNING;
      consecutiveFailures = 0;
    }
  }

  public State state() {
    return state;
  }

  public Snapshot snapshot() {
    return new Snapshot(
        state,
        List.copyOf(steadyProcTimesMs),
        succeeded,
        coldStarts,
        warmups,
        functionErrors,
        timeouts,
        throttled,
        serviceErrors,
        steadyBilledMs,
        costUsd,
        maxMemoryUsedMb,
        reportedCores,
        lastError);
  }
}
