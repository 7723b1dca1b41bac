package io.lambdascaling.local.lambda;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection and Lambda's service quotas: random throttles, service errors, function errors
 * and added latency, the control-plane request rate (shared by Create, Update, Delete and the other
 * control calls), the GetFunction rate, and the account's concurrency limit.
 */
public final class Faults {

  /**
   * What to inject and which quotas to enforce.
   *
   * @param throttleRate probability that an Invoke is answered 429
   * @param serviceErrorRate probability that an Invoke is answered 500
   * @param functionErrorRate probability that an invocation fails in the function
   * @param maxAddedLatencyMs an Invoke waits a random 0..max ms before it is served
   * @param enforceQuotas whether the rate and concurrency limits below apply
   * @param controlPlanePerSecond requests a second shared by the control calls (Lambda: 15)
   * @param getFunctionPerSecond GetFunction requests a second (Lambda: 100)
   * @param accountConcurrency invocations in flight at once (Lambda's default: 1000)
   * @param seed for the random draws
   */
  public record Options(
      double throttleRate,
      double serviceErrorRate,
      double functionErrorRate,
      int maxAddedLatencyMs,
      boolean enforceQuotas,
      double controlPlanePerSecond,
      double getFunctionPerSecond,
      int accountConcurrency,
      long seed) {

    public static Options none() {
      return new Options(0, 0, 0, 0, false, 15, 100, 1000, 1);
    }

    public Options withQuotas() {
      return new Options(
          throttleRate,
          serviceErrorRate,
          functionErrorRate,
          maxAddedLatencyMs,
          true,
          controlPlanePerSecond,
          getFunctionPerSecond,
          accountConcurrency,
          seed);
    }
  }

  private final Options options;
  private final SplittableRandom random;
  private final RateLimiter controlPlane;
  private final RateLimiter getFunction;
  private final AtomicInteger inFlight = new AtomicInteger();

  Faults(Options options) {
    this.options = options;
    this.random = new SplittableRandom(options.seed());
    this.controlPlane = new RateLimiter(options.controlPlanePerSecond());
    this.getFunction = new RateLimiter(options.getFunctionPerSecond());
  }

  Options options() {
    return options;
  }

  private synchronized double draw() {
    return random.nextDouble();
  }

  /** Before a control call; GetFunction and GetFunctionConfiguration have their own rate. */
  void beforeControlCall(boolean isGetFunction) {
    if (!options.enforceQuotas()) {
      return;
    }
    RateLimiter limiter = isGetFunction ? getFunction : controlPlane;
    if (!limiter.tryAcquire()) {
      throw ApiError.tooManyRequests("CallerRateLimitExceeded", 1, "Rate exceeded");
    }
  }

  /**
   * Before an Invoke is served: may throttle, fail or delay it. Returns a ticket to close when the
   * invocation ends (it holds a place under the account's concurrency limit).
   */
  AutoCloseable beforeInvoke() throws InterruptedException {
    if (options.throttleRate() > 0 && draw() < options.throttleRate()) {
      throw ApiError.tooManyRequests(
          "ConcurrentInvocationLimitExceeded", 1, "Rate Exceeded. (injected by the local Lambda)");
    }
    if (options.serviceErrorRate() > 0 && draw() < options.serviceErrorRate()) {
      throw ApiError.service("Internal error (injected by the local Lambda)");
    }
    if (options.enforceQuotas() && inFlight.incrementAndGet() > options.accountConcurrency()) {
      inFlight.decrementAndGet();
      throw ApiError.tooManyRequests(
          "ConcurrentInvocationLimitExceeded",
          1,
          "Rate Exceeded. Concurrent invocations exceed the account limit of "
              + options.accountConcurrency());
    }
    AutoCloseable ticket = options.enforceQuotas() ? inFlight::decrementAndGet : () -> {};
    if (options.maxAddedLatencyMs() > 0) {
      try {
        // Added latency is part of the invocation: it holds its place under the limit.
        TimeUnit.MILLISECONDS.sleep((long) (draw() * options.maxAddedLatencyMs()));
      } catch (InterruptedException e) {
        inFlight.decrementAndGet();
        throw e;
      }
    }
    return ticket;
  }

  /** Whether this invocation should fail as if the function threw. */
  boolean injectFunctionError() {
    return options.functionErrorRate() > 0 && draw() < options.functionErrorRate();
  }
}
