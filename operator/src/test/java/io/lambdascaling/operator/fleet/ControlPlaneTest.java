package io.lambdascaling.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

class ControlPlaneTest {

  /** A clock that only moves when the control plane sleeps: waits are recorded, not spent. */
  private final List<Duration> sleeps = new ArrayList<>();

  private long now;

  private ControlPlane controlPlane(double rate, int attempts) {
    return new ControlPlane(
        new ControlPlane.Settings(rate, attempts, Duration.ofMillis(100), Duration.ofSeconds(5)),
        d -> {
          sleeps.add(d);
          now += d.toNanos();
        },
        () -> now,
        () -> 1.0);
  }

  @Test
  void calls_are_spaced_by_the_rate_limit() throws InterruptedException {
    ControlPlane cp = controlPlane(10, 3);

    for (int i = 0; i < 5; i++) {
      cp.call("GetFunction", () -> "ok");
    }

    assertThat(sleeps).hasSize(4).allMatch(d -> d.equals(Duration.ofMillis(100)));
  }

  @Test
  void conflicts_and_throttles_are_retried_with_growing_backoff() throws InterruptedException {
    ControlPlane cp = controlPlane(1000, 5);
    AtomicInteger attempts = new AtomicInteger();

    String result =
        cp.call(
            "UpdateFunctionConfiguration",
            () -> {
              int n = attempts.incrementAndGet();
              if (n == 1) {
                throw ResourceConflictException.builder().message("in progress").build();
              }
              if (n == 2) {
                throw ServiceException.builder().statusCode(500).message("oops").build();
              }
              return "done";
            });

    assertThat(result).isEqualTo("done");
    assertThat(attempts).hasValue(3);
    // backoff with jitter at its top (random = 1.0): 100 ms, then 200 ms; rate-limit waits are 1 ms
    assertThat(sleeps).contains(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void every_attempt_and_every_retry_is_told_with_its_outcome() {
    List<String> told = new ArrayList<>();
    LambdaCalls calls =
        new LambdaCalls() {
          @Override
          public void called(String operation, String outcome) {
            told.add(operation + " " + outcome);
          }

          @Override
          public void retried(String operation, String reason) {
            told.add(operation + " retried after " + reason);
          }
        };
    ControlPlane cp =
        new ControlPlane(
            new ControlPlane.Settings(1000, 5, Duration.ofMillis(1), Duration.ofMillis(1)),
            d -> now += d.toNanos(),
            () -> now,
            () -> 1.0,
            calls);
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                cp.call(
                    "CreateFunction",
                    () -> {
                      if (attempts.incrementAndGet() == 1) {
                        throw TooManyRequestsException.builder().statusCode(429).build();
                      }
                      throw InvalidParameterValueException.builder().statusCode(400).build();
                    }))
        .isInstanceOf(ControlPlane.Failure.class);
    assertThatThrownBy(
            () ->
                cp.call(
                    "GetFunction",
                    () -> {
                      throw SdkClientException.create("connection reset");
                    }))
        .isInstanceOf(ControlPlane.Failure.class);

    assertThat(told)
        .startsWith(
            "CreateFunction throttled",
            "CreateFunction retried after throttled",
            "CreateFunction client_error",
            "GetFunction network_error",
            "GetFunction retried after network_error");
  }

  @Test
  void retry_after_is_honoured() {
    ControlPlane cp = controlPlane(1000, 3);

    assertThat(cp.backoff(1, Optional.of(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
    assertThat(cp.backoff(10, Optional.empty())).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void permanent_errors_are_not_retried_and_keep_awss_message() {
    ControlPlane cp = controlPlane(1000, 5);
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                cp.call(
                    "CreateFunction",
                    () -> {
                      attempts.incrementAndGet();
                      throw InvalidParameterValueException.builder()
                          .statusCode(400)
                          .awsErrorDetails(
                              AwsErrorDetails.builder()
                                  .errorCode("InvalidParameterValueException")
                                  .errorMessage(
                                      "The role defined for the function cannot be assumed by Lambda.")
                                  .build())
                          .build();
                    }))
        .isInstanceOfSatisfying(ControlPlane.Failure.class, f -> assertThat(f.permanent()).isTrue())
        .hasMessage(
            "CreateFunction failed: InvalidParameterValueException: The role defined for the"
                + " function cannot be assumed by Lambda.");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void retries_end_after_the_last_attempt() {
    ControlPlane cp = controlPlane(1000, 3);
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                cp.call(
                    "DeleteFunction",
                    () -> {
                      attempts.incrementAndGet();
                      throw TooManyRequestsException.builder()
                          .statusCode(429)
                          .message("slow down")
                          .build();
                    }))
        .isInstanceOfSatisfying(
            ControlPlane.Failure.class, f -> assertThat(f.permanent()).isFalse())
        .hasMessageStartingWith("DeleteFunction kept failing after 3 attempts");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void missing_credentials_are_permanent_and_a_lost_connection_is_not() {
    assertThat(
            ControlPlane.retryable(
                SdkClientException.create(
                    "Unable to load credentials from any of the providers in the chain")))
        .isFalse();
    assertThat(
            ControlPlane.retryable(
                SdkClientException.create("Unable to execute HTTP request: Connection refused")))
        .isTrue();
  }
}
