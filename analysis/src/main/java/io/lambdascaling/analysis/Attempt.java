package io.lambdascaling.analysis;

/**
 * One invocation as the experiment keeps it: which configuration, when it started, how it ended,
 * and what it cost. Attempts are the durable record an experiment resumes from; everything in the
 * status is computed from them.
 *
 * @param configuration the configuration's key, e.g. {@code arm64-w2-m1024}
 * @param startedAtMs when the invocation started, epoch milliseconds
 * @param costUsd what Lambda billed for it (0 when throttled)
 */
public record Attempt(String configuration, long startedAtMs, Outcome outcome, double costUsd) {}
