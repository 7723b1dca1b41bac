package io.lambdascaling.operator.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.local.lambda.Faults;
import io.lambdascaling.local.lambda.LocalLambda;
import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import io.lambdascaling.operator.TestLambdaClients;
import io.lambdascaling.operator.fleet.ControlPlane;
import io.lambdascaling.operator.fleet.DesiredFunction;
import io.lambdascaling.operator.fleet.Fleet;
import io.lambdascaling.operator.fleet.FunctionPackage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Invocations and how they end, against the local Lambda through the AWS SDK. */
class LambdaInvokerIT {

  private static void deploy(LambdaClient lambda, String name, int memoryMb, int timeoutSeconds)
      throws InterruptedException {
    new Fleet(
            lambda, new ControlPlane(ControlPlane.Settings.defaults()), FunctionPackage.embedded())
        .ensure(
            new DesiredFunction(
                name,
                new Configuration("x86_64", 2, memoryMb),
                "java21",
                "arn:aws:iam::123456789012:role/r",
                timeoutSeconds,
                Map.of("lambdascaling.io/uid", "u"),
                "lambdascaling.io/uid",
                "u"),
            Duration.ofSeconds(30));
  }

  @Test
  void samples_errors_timeouts_and_throttles_are_told_apart() throws Exception {
    try (LocalLambda local =
            LocalLambda.start(
                LocalLambda.Options.defaults(), new SimulatePlatform(SimulationModel.defaults(4)));
        LambdaClient lambda = TestLambdaClients.of(local)) {
      deploy(lambda, "inv-ok", 3538, 120);
      deploy(lambda, "inv-slow", 128, 2);
      LambdaInvoker invoker = new LambdaInvoker(lambda);
      String event = LambdaInvoker.event(200, 100_000, "PBKDF2WithHmacSHA256");

      Outcome cold = invoker.invoke("inv-ok", event);
      Outcome warm = invoker.invoke("inv-ok", event);
      Outcome bad = invoker.invoke("inv-ok", "{\"workers\": 99}");
      Outcome timeout = invoker.invoke("inv-slow", event);

      assertThat(cold.kind()).isEqualTo(Outcome.Kind.SUCCESS);
      assertThat(cold.sample().coldStart()).isTrue();
      assertThat(cold.sample().initDurationMs()).isNotNull();
      assertThat(warm.sample().coldStart()).isFalse();
      // 200 × 100,000 × 330 ns over 2 workers on 2 vCPU, ±3 % noise
      assertThat(warm.sample().procTimeMs()).isBetween(3000.0, 3700.0);
      assertThat(warm.sample().billedDurationMs())
          .isGreaterThanOrEqualTo((long) warm.sample().durationMs());
      assertThat(warm.sample().cores()).isEqualTo(2);
      assertThat(bad.kind()).isEqualTo(Outcome.Kind.FUNCTION_ERROR);
      assertThat(bad.error()).contains("workers: must be an integer from 1 to 64, got 99");
      assertThat(bad.billedDurationMs()).isPositive();
      assertThat(timeout.kind()).isEqualTo(Outcome.Kind.TIMEOUT);
      assertThat(timeout.report().durationMs()).isEqualTo(2000.0);
    }
  }

  @Test
  void a_throttle_is_an_outcome_not_a_sample() throws Exception {
    LocalLambda.Options faults =
        LocalLambda.Options.defaults()
            .withFaults(new Faults.Options(1.0, 0, 0, 0, false, 15, 100, 1000, 1));
    try (LocalLambda local =
            LocalLambda.start(faults, new SimulatePlatform(SimulationModel.defaults(4)));
        LambdaClient lambda = TestLambdaClients.of(local)) {
      deploy(lambda, "inv-throttled", 1024, 60);

      Outcome o = new LambdaInvoker(lambda).invoke("inv-throttled", "{}");

      assertThat(o.kind()).isEqualTo(Outcome.Kind.THROTTLED);
      assertThat(o.sample()).isNull();
    }
  }

  @Test
  void a_service_error_says_nothing_about_the_function_and_is_retried() throws Exception {
    LocalLambda.Options faults =
        LocalLambda.Options.defaults()
            .withFaults(new Faults.Options(0, 1.0, 0, 0, false, 15, 100, 1000, 1));
    try (LocalLambda local =
            LocalLambda.start(faults, new SimulatePlatform(SimulationModel.defaults(4)));
        LambdaClient lambda = TestLambdaClients.of(local)) {
      deploy(lambda, "inv-5xx", 1024, 60);

      Outcome o = new LambdaInvoker(lambda).invoke("inv-5xx", "{}");

      assertThat(o.kind()).isEqualTo(Outcome.Kind.SERVICE_ERROR);
      assertThat(o.sample()).isNull();
    }
  }
}
