package io.lambdascaling.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.KneeRow;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.local.lambda.execute.ExecuteOptions;
import io.lambdascaling.local.lambda.execute.ExecutePlatform;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The acceptance experiment in execute mode: the real function in real JVMs under the runtime
 * interface client, CPU quotas following memory where cgroups are writable.
 */
class ExecuteModeOperatorIT {

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h =
        new OperatorHarness(
            ExecutePlatform.create(
                ExecuteOptions.defaults().withCpuScale(ExecuteOptions.parseCpuScale("auto"))),
            Duration.ofMillis(500));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void a_small_execute_mode_experiment_completes_and_cleans_up() throws Exception {
    long start = System.nanoTime();
    h.apply(
        """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: executed, namespace: default}
        spec:
          architectures: [x86_64]
          workers: [1, 2]
          memory: {sizesMb: [1024, 1769, 3008]}
          workload: {passwords: 4, iterations: 5000}
          sampling: {invocationsPerConfiguration: 3, interval: 0s, warmupInvocations: 0}
          function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
          budget: {maxCostUsd: 1}
        """);

    ExperimentStatus s =
        h.await("executed", st -> st.getPhase() == Phase.Completed, Duration.ofMinutes(3))
            .getStatus();
    System.out.printf(
        "execute-mode experiment: 6 configurations x 3 invocations in %.1f s on %s%n",
        (System.nanoTime() - start) / 1e9, s.getPlatform());

    assertThat(s.getPlatform()).contains("execute");
    assertThat(OperatorHarness.results(s))
        .hasSize(6)
        .allSatisfy(
            r -> {
              assertThat(OperatorHarness.successes(r)).isEqualTo(3);
              assertThat(r.getColdStarts())
                  .as("the first invocation of each instance")
                  .isEqualTo(1);
              assertThat(r.getMeanMs()).isPositive();
            });
    assertThat(s.getInvocations().getSucceeded()).isEqualTo(18);
    assertThat(s.getSpendUsd()).isPositive();
    assertThat(s.getTable())
        .singleElement()
        .satisfies(
            t -> assertThat(t.getRows()).extracting(KneeRow::getWorkers).containsExactly(1, 2));
    assertThat(h.lambda.listFunctions().functions()).as("cleanup: Delete").isEmpty();
  }
}
