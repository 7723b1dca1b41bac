package io.lambdascaling.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.lambdascaling.local.lambda.LocalLambda;
import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import io.lambdascaling.operator.LambdaScalingOperator;
import io.lambdascaling.operator.OperatorConfig;
import io.lambdascaling.operator.analysis.Prices;
import io.lambdascaling.operator.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.operator.api.v1alpha1.KneeRow;
import io.lambdascaling.operator.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.operator.api.v1alpha1.Phase;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The reference experiment's whole matrix (492 configurations) on a quiet simulation: the table the
 * operator writes is the one the simulation's model implies.
 */
class ReferenceMatrixIT {

  private KubernetesMockServer server;
  private KubernetesClient kubernetes;
  private LocalLambda local;
  private LambdaClient lambda;
  private LambdaScalingOperator operator;

  @BeforeEach
  void start() throws Exception {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    kubernetes = server.createClient();
    CustomResourceDefinition crd =
        Serialization.unmarshal(
            Files.readString(
                Path.of("..", "crds", "lambdascalingexperiments.lambdascaling.io-v1.yml")),
            CustomResourceDefinition.class);
    kubernetes.apiextensions().v1().customResourceDefinitions().resource(crd).create();

    // The operator takes AWS's default credential chain; the local Lambda accepts any key.
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    local =
        LocalLambda.start(
            LocalLambda.Options.defaults(),
            new SimulatePlatform(SimulationModel.defaults(3).withNoise(0.002, 0)));
    OperatorConfig config =
        new OperatorConfig(
            "us-east-1",
            Optional.of(local.endpoint()),
            Set.of(),
            50,
            50,
            Duration.ofSeconds(2),
            "it",
            Prices.usEast1(),
            Duration.ofSeconds(30));
    lambda = LambdaScalingOperator.lambdaClient(config);
    operator = LambdaScalingOperator.start(config, kubernetes, lambda);
  }

  @AfterEach
  void stop() {
    operator.close();
    lambda.close();
    local.close();
    kubernetes.close();
    server.destroy();
  }

  private LambdaScalingExperiment await(String name, Predicate<ExperimentStatus> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    LambdaScalingExperiment e = null;
    while (System.nanoTime() < deadline) {
      e =
          kubernetes
              .resources(LambdaScalingExperiment.class)
              .inNamespace("default")
              .withName(name)
              .get();
      if (e != null && e.getStatus() != null && done.test(e.getStatus())) {
        return e;
      }
      Thread.sleep(200); // polling the API server, as kubectl wait would
    }
    throw new AssertionError(
        name
            + " did not get there in 5 minutes; last status: "
            + (e == null ? null : Serialization.asYaml(e.getStatus())));
  }

  private static Condition condition(ExperimentStatus s, String type) {
    return s.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  private static final String REFERENCE =
      """
      apiVersion: lambdascaling.io/v1alpha1
      kind: LambdaScalingExperiment
      metadata: {name: reference, namespace: default}
      spec:
        sampling: {invocationsPerConfiguration: 5, interval: 0s, maxConcurrency: 50}
        function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
        budget: {maxCostUsd: 50}
      """;

  /** The smallest reference size whose noise-free time is within 2 % of the best. */
  private static int truth(int workers) {
    List<Integer> sizes = new ArrayList<>(List.of(128));
    for (int mb = 256; mb <= 10240; mb += 256) {
      sizes.add(mb);
    }
    double best = 1 / Math.min(workers, Math.min(10240 / 1769.0, 6));
    return sizes.stream()
        .filter(mb -> 1 / Math.min(workers, Math.min(mb / 1769.0, 6)) <= best * 1.02)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void the_reference_matrix_completes_with_the_models_table() throws Exception {
    long start = System.nanoTime();
    kubernetes.resource(Serialization.unmarshal(REFERENCE, LambdaScalingExperiment.class)).create();

    LambdaScalingExperiment done = await("reference", st -> st.getPhase() == Phase.Completed);
    double seconds = (System.nanoTime() - start) / 1e9;
    ExperimentStatus s = done.getStatus();
    int statusBytes = Serialization.asJson(s).length();
    System.out.printf(
        "reference matrix: 492 x 5 simulated invocations in %.1f s; status %d bytes%n",
        seconds, statusBytes);

    assertThat(s.getResults()).hasSize(492);
    assertThat(s.getInvocations().getSucceeded()).isEqualTo(492 * 5);
    assertThat(s.getTable()).hasSize(2);
    for (var table : s.getTable()) {
      for (KneeRow row : table.getRows()) {
        assertThat(row.getMemoryMb())
            .as("%s W=%d", table.getArchitecture(), row.getWorkers())
            .isEqualTo(truth(row.getWorkers()));
      }
    }
    assertThat(lambda.listFunctions().functions()).isEmpty();
  }
}
