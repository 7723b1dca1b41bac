package io.lambdascaling.operator.fleet;

import java.time.Duration;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Waits until a function can be invoked — Active, with no update in progress — with the SDK's
 * waiters ({@code FunctionActiveV2}, then {@code FunctionUpdatedV2}), polling GetFunction through
 * the {@link ControlPlane} every 200 ms at first, doubling up to every 2 s.
 */
final class Readiness {

  private static final BackoffStrategy POLLING =
      BackoffStrategy.exponentialDelayWithoutJitter(Duration.ofMillis(200), Duration.ofSeconds(2));

  private final ControlPlaneClient client;

  Readiness(ControlPlaneClient client) {
    this.client = client;
  }

  /**
   * The function's configuration once it can be invoked.
   *
   * @param timeout how long it may take; then a FleetException, not permanent
   * @throws FleetException permanent when its state or its last update Failed
   * @throws ControlPlane.Failure when GetFunction fails for good
   */
  FunctionConfiguration await(String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    await(name, deadline, w -> w.waitUntilFunctionActiveV2(g -> g.functionName(name)));
    return await(name, deadline, w -> w.waitUntilFunctionUpdatedV2(g -> g.functionName(name)))
        .configuration();
  }

  private GetFunctionResponse await(
      String name,
      long deadlineNanos,
      Function<LambdaWaiter, WaiterResponse<GetFunctionResponse>> until)
      throws InterruptedException {
    Duration left = Duration.ofNanos(Math.max(deadlineNanos - System.nanoTime(), 1_000_000));
    LambdaWaiter waiter =
        LambdaWaiter.builder()
            .client(client)
            .overrideConfiguration(
                o -> o.waitTimeout(left).maxAttempts(Integer.MAX_VALUE).backoffStrategyV2(POLLING))
            .build();
    try {
      return until.apply(waiter).matched().response().orElseThrow();
    } catch (SdkClientException e) {
      if (e.getCause() instanceof ControlPlane.Failure f) {
        throw f;
      }
      if (Thread.interrupted()) {
        throw interrupted(name);
      }
      FleetException why;
      try {
        why = notReady(name);
      } catch (AbortedException aborted) {
        Thread.interrupted(); // told by the exception instead
        throw interrupted(name);
      }
      throw why;
    }
  }

  private static InterruptedException interrupted(String name) {
    return new InterruptedException(name + ": interrupted while waiting until it is ready");
  }

  /**
   * Why the waiter gave up, read from the function as it is now: a Failed state or update is
   * permanent; anything else (still Pending or InProgress) is not.
   */
  private FleetException notReady(String name) {
    FunctionConfiguration c = client.getFunction(g -> g.functionName(name)).configuration();
    if (c.state() == State.FAILED) {
      return new FleetException(name + " failed: " + c.stateReason(), true, null);
    }
    if (c.lastUpdateStatus() == LastUpdateStatus.FAILED) {
      return new FleetException(name + " update failed: " + c.lastUpdateStatusReason(), true, null);
    }
    return new FleetException(
        name + " is still " + c.stateAsString() + "/" + c.lastUpdateStatusAsString(), false, null);
  }
}
