package io.lambdascaling.local.lambda;

/** A token bucket: {@code perSecond} tokens a second, bursts up to one second's worth. */
final class RateLimiter {

  private final double perSecond;
  private double tokens;
  private long last;

  RateLimiter(double perSecond) {
    this.perSecond = perSecond;
    this.tokens = perSecond;
    this.last = System.nanoTime();
  }

  /** Takes a token if one is there; never waits. */
  synchronized boolean tryAcquire() {
    long now = System.nanoTime();
    tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
