package io.lambdascaling.analysis;

/**
 * How one invocation ended.
 *
 * @param sample set when it succeeded
 * @param report Lambda's REPORT line, when the log tail had one (failures are billed too)
 * @param error what went wrong, when it did
 */
public record Outcome(Kind kind, Sample sample, Report report, String error) {

  /**
   * The outcomes that count differently: samples; function errors and timeouts (failures); and
   * throttles and service errors (retried, never samples or failures).
   */
  public enum Kind {
    SUCCESS,
    FUNCTION_ERROR,
    TIMEOUT,
    THROTTLED,
    /**
     * Lambda (5xx) or the network failed before an answer came: says nothing about the function.
     */
    SERVICE_ERROR
  }

  public long billedDurationMs() {
    return report == null ? 0 : report.billedDurationMs();
  }
}
