package io.lambdascaling.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.KneeRow;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator through its composition root, against the Fabric8 mock API server in CRUD mode and
 * the simulated local Lambda: a manifest goes in, the threads-to-memory table comes out.
 */
class OperatorIT {

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new OperatorHarness(SimulationModel.defaults(3), Duration.ofMillis(500));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static final String VALID =
      """
      apiVersion: lambdascaling.io/v1alpha1
      kind: LambdaScalingExperiment
      metadata: {name: small, namespace: default}
      spec:
        architectures: [arm64]
        workers: [1, 2]
        memory: {sizesMb: [1024, 2048, 3584]}
        sampling: {invocationsPerConfiguration: 6, interval: 0s}
        function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
        budget: {maxCostUsd: 5}
      """;

  private static final String INVALID =
      """
      apiVersion: lambdascaling.io/v1alpha1
      kind: LambdaScalingExperiment
      metadata: {name: broken, namespace: default}
      spec:
        workers: [0]
        function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
        budget: {maxCostUsd: 5}
      """;

  private LambdaScalingExperiment await(String name, Predicate<ExperimentStatus> done)
      throws InterruptedException {
    return h.await(name, done, Duration.ofSeconds(60));
  }

  private static Condition condition(ExperimentStatus s, String type) {
    return OperatorHarness.condition(s, type);
  }

  @Test
  void a_small_experiment_completes_with_its_table_and_leaves_no_function() throws Exception {
    h.apply(INVALID);
    h.apply(VALID);

    ExperimentStatus broken = await("broken", s -> s.getPhase() == Phase.Failed).getStatus();
    assertThat(condition(broken, "InvalidSpec").getStatus()).isEqualTo("True");
    assertThat(condition(broken, "InvalidSpec").getMessage()).contains("spec.workers[0]");

    ExperimentStatus s = await("small", st -> st.getPhase() == Phase.Completed).getStatus();
    assertThat(OperatorHarness.results(s))
        .hasSize(6)
        .allSatisfy(r -> assertThat(r.getSamples()).isEqualTo(5));
    assertThat(s.getInvocations().getSucceeded()).isEqualTo(36);
    assertThat(s.getProgressPercent()).isEqualTo(100.0);
    assertThat(s.getSpendUsd()).isPositive();
    assertThat(s.getPlatform()).contains("SIMULATED");
    assertThat(condition(s, "Ready").getStatus()).isEqualTo("True");
    assertThat(s.getTable()).hasSize(1);
    assertThat(s.getTable().get(0).getRows()).extracting(KneeRow::getWorkers).containsExactly(1, 2);
    assertThat(s.getTable().get(0).getRows().get(0).getMemoryMb()).isEqualTo(2048);
    assertThat(s.getTable().get(0).getRows().get(1).getMemoryMb()).isEqualTo(3584);
    assertThat(h.lambda.listFunctions().functions()).as("cleanup: Delete").isEmpty();
  }

  @Test
  void deleting_a_running_experiment_leaves_no_function() throws Exception {
    LambdaScalingExperiment endless =
        Serialization.unmarshal(
            VALID
                .replace("name: small", "name: endless")
                .replace(
                    "invocationsPerConfiguration: 6, interval: 0s",
                    "invocationsPerConfiguration: 1000, interval: 1s"),
            LambdaScalingExperiment.class);
    h.kubernetes.resource(endless).create();
    await(
        "endless", st -> st.getPhase() == Phase.Running && st.getInvocations().getSucceeded() > 6);

    h.kubernetes
        .resources(LambdaScalingExperiment.class)
        .inNamespace("default")
        .withName("endless")
        .delete();

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (h.get("endless") != null && System.nanoTime() < deadline) {
      Thread.sleep(200); // polling the API server until the finalizer is gone
    }
    assertThat(h.get("endless")).as("finalizer removed").isNull();
    assertThat(h.lambda.listFunctions().functions()).as("every function deleted").isEmpty();
  }
}
