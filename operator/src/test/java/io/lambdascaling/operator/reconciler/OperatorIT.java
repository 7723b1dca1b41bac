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
import java.util.HashMap;
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
 * The operator through its composition root, against the Fabric8 mock API server in CRUD mode and
 * the simulated local Lambda: a manifest goes in, the threads-to-memory table comes out.
 */
class OperatorIT {

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
            LocalLambda.Options.defaults(), new SimulatePlatform(SimulationModel.defaults(3)));
    OperatorConfig config =
        new OperatorConfig(
            "us-east-1",
            Optional.of(local.endpoint()),
            Set.of(),
            50,
            50,
            Duration.ofMillis(500),
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
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
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
            + " did not get there in 60 s; last status: "
            + (e == null ? null : Serialization.asYaml(e.getStatus())));
  }

  private static Condition condition(ExperimentStatus s, String type) {
    return s.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void a_small_experiment_completes_with_its_table_and_leaves_no_function() throws Exception {
    kubernetes.resource(Serialization.unmarshal(INVALID, LambdaScalingExperiment.class)).create();
    kubernetes.resource(Serialization.unmarshal(VALID, LambdaScalingExperiment.class)).create();

    ExperimentStatus broken = await("broken", s -> s.getPhase() == Phase.Failed).getStatus();
    assertThat(condition(broken, "InvalidSpec").getStatus()).isEqualTo("True");
    assertThat(condition(broken, "InvalidSpec").getMessage()).contains("spec.workers[0]");

    ExperimentStatus s = await("small", st -> st.getPhase() == Phase.Completed).getStatus();
    assertThat(s.getResults()).hasSize(6).allSatisfy(r -> assertThat(r.getSamples()).isEqualTo(5));
    assertThat(s.getInvocations().getSucceeded()).isEqualTo(36);
    assertThat(s.getProgressPercent()).isEqualTo(100.0);
    assertThat(s.getSpendUsd()).isPositive();
    assertThat(s.getPlatform()).contains("SIMULATED");
    assertThat(condition(s, "Ready").getStatus()).isEqualTo("True");
    assertThat(s.getTable()).hasSize(1);
    assertThat(s.getTable().get(0).getRows()).extracting(KneeRow::getWorkers).containsExactly(1, 2);
    assertThat(s.getTable().get(0).getRows().get(0).getMemoryMb()).isEqualTo(2048);
    assertThat(s.getTable().get(0).getRows().get(1).getMemoryMb()).isEqualTo(3584);
    assertThat(lambda.listFunctions().functions()).as("cleanup: Delete").isEmpty();
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
    kubernetes.resource(endless).create();
    await(
        "endless", st -> st.getPhase() == Phase.Running && st.getInvocations().getSucceeded() > 6);

    kubernetes
        .resources(LambdaScalingExperiment.class)
        .inNamespace("default")
        .withName("endless")
        .delete();

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (kubernetes
                .resources(LambdaScalingExperiment.class)
                .inNamespace("default")
                .withName("endless")
                .get()
            != null
        && System.nanoTime() < deadline) {
      Thread.sleep(200); // polling the API server until the finalizer is gone
    }
    assertThat(
            kubernetes
                .resources(LambdaScalingExperiment.class)
                .inNamespace("default")
                .withName("endless")
                .get())
        .as("finalizer removed")
        .isNull();
    assertThat(lambda.listFunctions().functions()).as("every function deleted").isEmpty();
  }
}
