package io.lambdascaling.operator.fleet;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * The way every Lambda control-plane call of the operator goes: through one rate limit (Lambda
 * allows 15 requests a second, shared by Create, Update, Delete and most other control calls), and
 * retried with exponential backoff and full jitter when Lambda answers 409 (the function is busy),
 * 429 (throttled; its Retry-After is honoured), 5xx, or the connection fails. Anything else is
 * permanent and thrown at once. Every attempt and every retry is told to {@link LambdaCalls}.
 */
public final class ControlPlane {

  /** Waits; tests substitute one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * @param requestsPerSecond the rate limit of all control-plane calls together
   * @param maxAttempts attempts per call, the first included
   * @param baseBackoff backoff before the first retry (doubling, with full jitter)
   * @param maxBackoff the longest backoff
   */
  public record Settings(
      double requestsPerSecond, int maxAttempts, Duration baseBackoff, Duration maxBackoff) {

    public static Settings defaults() {
      return new Settings(10, 8, Duration.ofMillis(200), Duration.ofSeconds(20));
    }
  }

  /** The call failed for good: permanently, or on every attempt. */
  public static final class Failure extends RuntimeException {
    private final boolean permanent;

    Failure(String operation, int attempts, RuntimeException cause, boolean permanent) {
      super(
          operation
              + (permanent ? " failed: " : " kept failing after " + attempts + " attempts: ")
              + message(cause),
          cause);
      this.permanent = permanent;
    }

    public boolean permanent() {
      return permanent;
    }

    private static String message(RuntimeException e) {
      return e instanceof LambdaException l && l.awsErrorDetails() != null
          ? l.awsErrorDetails().errorCode() + ": " + l.awsErrorDetails().errorMessage()
          : e.getMessage();
    }
  }

  private final Settings settings;
  private final Sleeper sleeper;
  private final LongSupplier nanoClock;
  private final java.util.function.DoubleSupplier random;
  private final LambdaCalls calls;
  private long nextFreeNanos;

  public ControlPlane(Settings settings) {
    this(settings, LambdaCalls.NONE);
  }

  /**
   * @param calls told of every attempt and every retry
   */
  public ControlPlane(Settings settings, LambdaCalls calls) {
    this(
        settings,
        d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000),
        System::nanoTime,
        Math::random,
        calls);
  }

  ControlPlane(
      Settings settings,
      Sleeper sleeper,
      LongSupplier nanoClock,
      java.util.function.DoubleSupplier random) {
    this(settings, sleeper, nanoClock, random, LambdaCalls.NONE);
  }

  ControlPlane(
      Settings settings,
      Sleeper sleeper,
      LongSupplier nanoClock,
      java.util.function.DoubleSupplier random,
      LambdaCalls calls) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.nanoClock = nanoClock;
    this.random = random;
    this.calls = calls;
    this.nextFreeNanos = nanoClock.getAsLong();
  }

  /**
   * Runs one control-plane call.
   *
   * @throws Failure when it fails permanently or on every attempt
   */
  public <T> T call(String operation, Supplier<T> call) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      awaitTurn();
      try {
        T answer = call.get();
        calls.called(operation, LambdaCalls.SUCCESS);
        return answer;
      } catch (LambdaException | SdkClientException e) {
        String outcome = LambdaCalls.outcome(e);
        calls.called(operation, outcome);
        if (!retryable(e)) {
          throw new Failure(operation, attempt, e, true);
        }
        if (attempt >= settings.maxAttempts()) {
          throw new Failure(operation, attempt, e, false);
        }
        calls.retried(operation, outcome);
        sleeper.sleep(backoff(attempt, retryAfter(e)));
      }
    }
  }

  static boolean retryable(RuntimeException e) {
    if (e instanceof SdkClientException) {
      // No credentials will not fix itself; anything else here is the request getting no answer.
      String message = String.valueOf(e.getMessage());
      return !message.startsWith("Unable to load credentials");
    }
    return e instanceof ResourceConflictException
        || e instanceof TooManyRequestsException
        || (e instanceof LambdaException l && l.statusCode() >= 500);
  }

  private static Optional<Duration> retryAfter(RuntimeException e) {
    if (e instanceof TooManyRequestsException t && t.retryAfterSeconds() != null) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(t.retryAfterSeconds().trim())));
      } catch (NumberFormatException ignored) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Full jitter: uniform in [0, min(max, base × 2^(attempt-1))], but never below Retry-After. */
  Duration backoff(int attempt, Optional<Duration> retryAfter) {
    long cap =
        Math.min(
            settings.maxBackoff().toNanos(),
            settings.baseBackoff().toNanos() << Math.min(attempt - 1, 30));
    Duration jittered = Duration.ofNanos((long) (random.getAsDouble() * cap));
    return retryAfter.filter(r -> r.compareTo(jittered) > 0).orElse(jittered);
  }

  /** The rate limit: calls are spaced 1 / rate apart, each waiting for its turn. */
  private void awaitTurn() throws InterruptedException {
    long interval = (long) (1e9 / settings.requestsPerSecond());
    long wait;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      long turn = Math.max(now, nextFreeNanos);
      nextFreeNanos = turn + interval;
      wait = turn - now;
    }
    if (wait > 0) {
      sleeper.sleep(Duration.ofNanos(wait));
    }
  }
}
