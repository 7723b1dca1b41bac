package io.lambdascaling.operator.runner;

import io.lambdascaling.analysis.RunningMoments;
import java.util.ArrayList;
import java.util.List;

/**
 * What one configuration has done so far: its steady-state processing times, cold starts, errors,
 * throttles, billed time and cost. Guarded by the run that owns it.
 */
public final class ConfigurationProgress {

  /** Where a configuration stands. */
  public enum State {
    RUNNING,
    DONE,
    FAILED
  }

  final List<Double> steadyProcTimesMs = new ArrayList<>();
  long succeeded;
  long coldStarts;
  long functionErrors;
  long timeouts;
  long throttled;
  long serviceErrors;
  int consecutiveFailures;
  int sinceColdStart;
  RunningMoments billedMs = RunningMoments.EMPTY;
  double costUsd;
  int maxMemoryUsedMb;
  int reportedCores;
  String lastError;
  State state = State.RUNNING;
  boolean inFlight;
  long nextEligibleNanos;

  /** A read-only copy for the status writer. */
  public record View(
      State state,
      List<Double> steadyProcTimesMs,
      long succeeded,
      long coldStarts,
      long functionErrors,
      long timeouts,
      long throttled,
      long serviceErrors,
      RunningMoments billedMs,
      double costUsd,
      int maxMemoryUsedMb,
      int reportedCores,
      String lastError) {}

  View view() {
    return new View(
        state,
        List.copyOf(steadyProcTimesMs),
        succeeded,
        coldStarts,
        functionErrors,
        timeouts,
        throttled,
        serviceErrors,
        billedMs,
        costUsd,
        maxMemoryUsedMb,
        reportedCores,
        lastError);
  }
}
