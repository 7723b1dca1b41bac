package io.lambdascaling.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.local.lambda.LocalLambda;
import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import io.lambdascaling.operator.TestLambdaClients;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

/** The fleet against the local Lambda, through the real AWS SDK client. */
class FleetIT {

  private static final Duration READY = Duration.ofSeconds(30);
  private LocalLambda local;
  private LambdaClient lambda;
  private Fleet fleet;

  @BeforeEach
  void start() throws IOException {
    local =
        LocalLambda.start(
            LocalLambda.Options.defaults().withTransitionDelay(Duration.ofMillis(300)),
            new SimulatePlatform(SimulationModel.defaults(1)));
    lambda = TestLambdaClients.of(local);
    fleet =
        new Fleet(
            lambda, new ControlPlane(ControlPlane.Settings.defaults()), FunctionPackage.embedded());
  }

  @AfterEach
  void stop() {
    lambda.close();
    local.close();
  }

  private static DesiredFunction desired(String name, int memoryMb, String owner) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("lambdascaling.io/uid", owner);
    tags.put("app.kubernetes.io/managed-by", "lambda-scaling-operator");
    return new DesiredFunction(
        name,
        new Configuration("arm64", 3, memoryMb),
        "java21",
        "arn:aws:iam::123456789012:role/lse-execution",
        120,
        tags,
        "lambdascaling.io/uid",
        owner);
  }

  @Test
  void creates_the_planned_function_and_waits_until_it_is_active() throws InterruptedException {
    String arn = fleet.ensure(desired("lse-fleet-arm64-w3-m1024", 1024, "u-1"), READY);

    GetFunctionResponse f = lambda.getFunction(g -> g.functionName("lse-fleet-arm64-w3-m1024"));
    assertThat(arn).isEqualTo(f.configuration().functionArn());
    assertThat(f.configuration().stateAsString()).isEqualTo("Active");
    assertThat(f.configuration().memorySize()).isEqualTo(1024);
    assertThat(f.configuration().architecturesAsStrings()).containsExactly("arm64");
    assertThat(f.configuration().environment().variables()).containsEntry("WORKERS", "3");
    assertThat(f.configuration().codeSha256()).isEqualTo(FunctionPackage.embedded().codeSha256());
    assertThat(f.tags()).containsEntry("lambdascaling.io/uid", "u-1");
  }

  @Test
  void an_unchanged_function_is_left_alone_and_a_drifted_one_is_updated()
      throws InterruptedException {
    fleet.ensure(desired("lse-fleet-drift", 1024, "u-1"), READY);
    String revision =
        lambda.getFunction(g -> g.functionName("lse-fleet-drift")).configuration().revisionId();

    fleet.ensure(desired("lse-fleet-drift", 1024, "u-1"), READY);
    assertThat(
            lambda.getFunction(g -> g.functionName("lse-fleet-drift")).configuration().revisionId())
        .as("no update when nothing drifted")
        .isEqualTo(revision);

    lambda.updateFunctionConfiguration(u -> u.functionName("lse-fleet-drift").timeout(7));
    fleet.ensure(desired("lse-fleet-drift", 2048, "u-1"), READY);
    var config = lambda.getFunctionConfiguration(g -> g.functionName("lse-fleet-drift"));
    assertThat(config.memorySize()).isEqualTo(2048);
    assertThat(config.timeout()).isEqualTo(120);
    assertThat(config.lastUpdateStatusAsString()).isEqualTo("Successful");
  }

  @Test
  void a_name_owned_by_another_experiment_is_never_adopted() throws InterruptedException {
    fleet.ensure(desired("lse-fleet-taken", 1024, "someone-else"), READY);

    assertThatThrownBy(() -> fleet.ensure(desired("lse-fleet-taken", 1024, "u-1"), READY))
        .isInstanceOfSatisfying(FleetException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("is not this experiment's (lambdascaling.io/uid=someone-else)");
  }

  @Test
  void a_bad_role_is_a_permanent_failure_with_awss_message() {
    DesiredFunction bad = desired("lse-fleet-role", 1024, "u-1");
    DesiredFunction badRole =
        new DesiredFunction(
            bad.name(),
            bad.configuration(),
            bad.runtime(),
            "not-a-role",
            120,
            bad.tags(),
            bad.ownerTag(),
            bad.owner());

    assertThatThrownBy(() -> fleet.ensure(badRole, READY))
        .isInstanceOfSatisfying(FleetException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("InvalidParameterValueException")
        .hasMessageContaining("Role must be an IAM role ARN");
  }

  @Test
  void functions_are_found_by_tag_and_deleted() throws InterruptedException {
    fleet.ensure(desired("lse-fleet-a", 512, "u-1"), READY);
    fleet.ensure(desired("lse-fleet-b", 512, "u-2"), READY);
    fleet.ensure(desired("lse-fleet-c", 512, "u-1"), READY);

    assertThat(fleet.tagged("lse-fleet-", "lambdascaling.io/uid", "u-1"))
        .containsExactly("lse-fleet-a", "lse-fleet-c");
    for (String name : fleet.tagged("lse-fleet-", "lambdascaling.io/uid", "u-1")) {
      fleet.delete(name);
    }
    fleet.delete("lse-fleet-a"); // already gone: fine
    assertThat(fleet.tagged("lse-", "lambdascaling.io/uid", "u-1")).isEmpty();
    assertThat(fleet.tagged("lse-", "lambdascaling.io/uid", "u-2")).containsExactly("lse-fleet-b");
  }

  @Test
  void waiting_and_listing_go_through_the_control_plane_and_a_slow_function_times_out()
      throws InterruptedException {
    List<String> calls = new CopyOnWriteArrayList<>();
    LambdaCalls told =
        new LambdaCalls() {
          @Override
          public void called(String operation, String outcome) {
            calls.add(operation + " " + outcome);
          }

          @Override
          public void retried(String operation, String reason) {}
        };
    Fleet counted =
        new Fleet(
            lambda,
            new ControlPlane(ControlPlane.Settings.defaults(), told),
            FunctionPackage.embedded());

    // Pending for 300 ms: a 50 ms ready timeout gives up, and says it may work later.
    assertThatThrownBy(
            () -> counted.ensure(desired("lse-fleet-slow", 512, "u-1"), Duration.ofMillis(50)))
        .isInstanceOfSatisfying(FleetException.class, e -> assertThat(e.permanent()).isFalse())
        .hasMessageContaining("lse-fleet-slow is still Pending");
    String arn = counted.ensure(desired("lse-fleet-slow", 512, "u-1"), READY);

    assertThat(arn).endsWith(":function:lse-fleet-slow");
    assertThat(
            lambda
                .getFunction(g -> g.functionName("lse-fleet-slow"))
                .configuration()
                .stateAsString())
        .isEqualTo("Active");
    assertThat(calls.stream().filter(c -> c.equals("GetFunction success")).count())
        .as("the waiters' polls, each metered")
        .isGreaterThanOrEqualTo(4);
    assertThat(counted.tagged("lse-fleet-", "lambdascaling.io/uid", "u-1"))
        .containsExactly("lse-fleet-slow");
    assertThat(calls)
        .contains("CreateFunction success", "ListFunctions success", "ListTags success");
    assertThat(calls).noneMatch(c -> c.startsWith("GetFunctionConfiguration"));
  }
}
