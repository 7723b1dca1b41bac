package io.lambdascaling.analysis;

/**
 * What was measured for one configuration.
 *
 * @param summary the steady-state processing times; null when none succeeded
 * @param meanBilledMs mean billed duration, for cost; 0 when unknown (then the time is used)
 */
public record Measured(
    String architecture, int workers, int memoryMb, Summary summary, double meanBilledMs) {}
