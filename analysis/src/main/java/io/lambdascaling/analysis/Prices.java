package io.lambdascaling.analysis;

/**
 * Lambda's on-demand prices for one region: duration per GB-second by architecture (first tier),
 * and per request. Duration is billed in 1 ms steps.
 *
 * @param x86PerGbSecond USD per GB-second on x86_64
 * @param armPerGbSecond USD per GB-second on arm64
 * @param perRequest USD per request
 */
public record Prices(double x86PerGbSecond, double armPerGbSecond, double perRequest) {

  /** us-east-1: $0.0000166667 (x86_64) and $0.0000133334 (arm64) per GB-s, $0.20 per million. */
  public static Prices usEast1() {
    return new Prices(0.0000166667, 0.0000133334, 0.20 / 1_000_000);
  }

  public double perGbSecond(String architecture) {
    return "arm64".equals(architecture) ? armPerGbSecond : x86PerGbSecond;
  }

  /** What one invocation costs. */
  public double invocationUsd(String architecture, int memoryMb, double billedMs) {
    return perGbSecond(architecture) * (memoryMb / 1024.0) * (Math.ceil(billedMs) / 1000.0)
        + perRequest;
  }
}
