package io.lambdascaling.analysis;

/**
 * One invocation that returned, as the function and Lambda's REPORT line described it.
 *
 * @param procTimeMs the hashing's wall-clock time, measured inside the function
 * @param cpuTimeMs the worker threads' CPU time (NaN when the function could not measure it)
 * @param cores what the function's JVM saw as available processors
 * @param coldStart the function's first invocation in its instance, or a REPORT with Init Duration
 */
public record Sample(
    String requestId,
    double procTimeMs,
    double cpuTimeMs,
    int cores,
    String cpuModel,
    boolean coldStart,
    double durationMs,
    long billedDurationMs,
    Double initDurationMs,
    int maxMemoryUsedMb) {}
