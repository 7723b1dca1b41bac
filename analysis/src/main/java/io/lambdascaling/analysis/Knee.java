package io.lambdascaling.analysis;

/**
 * One worker count's line of the threads-to-memory table.
 *
 * @param memoryMb the knee: smallest memory from which more memory stops making it faster (null
 *     when nothing was measured)
 * @param meanMs the monotone-fit processing time at the knee
 * @param speedup one worker's time over this worker count's, at the knee's memory (null when one
 *     worker was not measured there)
 * @param confident whether the data separate the knee from its neighbours at the confidence level
 * @param reason why not, when not confident
 * @param costOptimalMemoryMb the memory with the lowest cost per invocation
 */
public record Knee(
    int workers,
    Integer memoryMb,
    Double meanMs,
    Double speedup,
    boolean confident,
    String reason,
    Integer costOptimalMemoryMb) {}
