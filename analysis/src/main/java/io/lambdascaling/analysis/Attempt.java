package io.lambdascaling.analysis;

/**
 * One invocation as the experiment keeps it: which configuration, when it started, how it ended,
 * and what it cost. Attempts are the durable record an experiment resumes from; everything in the
 * status is computed from them.
 *
 * @param startedAtMs when the invocation started, epoch milliseconds
 * @param costUsd what Lambda billed for it (0 when throttled; NaN when unknown, as for the
 *     reference experiment's files)
 */
public record Attempt(
    Configuration configuration, long startedAtMs, Outcome outcome, double costUsd) {

  /** Whether it had an init phase: the function says so, or Lambda's REPORT has Init Duration. */
  public boolean coldStart() {
    return (outcome.sample() != null && outcome.sample().coldStart())
        || (outcome.report() != null && outcome.report().cold());
  }
}
