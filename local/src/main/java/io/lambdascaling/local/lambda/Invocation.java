package io.lambdascaling.local.lambda;

import java.util.List;

/**
 * How one invocation ended.
 *
 * @param payload the function's response, or the error object when it failed
 * @param errorType null on success; else e.g. Runtime.UserException-like types, Sandbox.Timedout
 * @param logLines what the function logged during the invocation
 * @param durationMs from handing the event to the function until its response, in ms
 * @param initDurationMs on a cold start, from starting the instance until it asked for work
 * @param maxMemoryUsedMb the instance's peak memory
 * @param queuedMs time spent waiting for capacity before the invocation started (never inside
 *     durationMs)
 */
public record Invocation(
    byte[] payload,
    String errorType,
    List<String> logLines,
    double durationMs,
    Double initDurationMs,
    int maxMemoryUsedMb,
    double queuedMs) {

  public boolean failed() {
    return errorType != null;
  }
}
