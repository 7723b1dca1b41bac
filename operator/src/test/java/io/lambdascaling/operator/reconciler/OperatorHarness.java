package io.lambdascaling.operator.reconciler;

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
import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.api.v1alpha1.ConfigurationResult;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.local.lambda.LocalLambda;
import io.lambdascaling.local.lambda.Platform;
import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import io.lambdascaling.operator.LambdaScalingOperator;
import io.lambdascaling.operator.config.LeaderElection;
import io.lambdascaling.operator.config.OperatorConfig;
import io.lambdascaling.operator.journal.AttemptCsv;
import io.lambdascaling.operator.journal.AttemptStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
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
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The operator through its composition root, against the Fabric8 mock API server in CRUD mode (with
 * the CRD from crds/) and a simulated local Lambda.
 */
final class OperatorHarness implements AutoCloseable {

  final KubernetesMockServer server;
  final KubernetesClient kubernetes;
  final LocalLambda local;
  final LambdaClient lambda;
  OperatorConfig config;
  private LambdaScalingOperator operator;
  private final List<LambdaScalingOperator> replicas = new ArrayList<>();

  OperatorHarness(SimulationModel model, Duration flushInterval) throws IOException {
    this(new SimulatePlatform(model), flushInterval);
  }

  OperatorHarness(Platform platform, Duration flushInterval) throws IOException {
    this(platform, LocalLambda.Options.defaults(), flushInterval);
  }

  /**
   * @param lambdaOptions the local Lambda's, e.g. with faults injected
   */
  OperatorHarness(Platform platform, LocalLambda.Options lambdaOptions, Duration flushInterval)
      throws IOException {
    this(platform, lambdaOptions, flushInterval, true);
  }

  /**
   * The API server and the local Lambda, with no operator yet: start replicas with {@link
   * #replica}.
   */
  static OperatorHarness withoutOperator(SimulationModel model, Duration flushInterval)
      throws IOException {
    return new OperatorHarness(
        new SimulatePlatform(model), LocalLambda.Options.defaults(), flushInterval, false);
  }

  private OperatorHarness(
      Platform platform,
      LocalLambda.Options lambdaOptions,
      Duration flushInterval,
      boolean startOperator)
      throws IOException {
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
    local = LocalLambda.start(lambdaOptions, platform);
    config =
        new OperatorConfig(
            "us-east-1",
            Optional.of(local.endpoint()),
            Set.of(),
            50,
            50,
            flushInterval,
            "it",
            Prices.usEast1(),
            Duration.ofSeconds(30),
            0);
    lambda = LambdaScalingOperator.lambdaClient(config);
    if (startOperator) {
      startOperator();
    }
  }

  /**
   * Starts one more operator process's worth of state, with leader election, as another replica of
   * the Deployment would; the harness closes it at the end.
   */
  LambdaScalingOperator replica(LeaderElection election) {
    LambdaScalingOperator r = LambdaScalingOperator.start(config, election, kubernetes, lambda);
    replicas.add(r);
    return r;
  }

  /** Starts an operator process's worth of state: informers, reconciler, executions. */
  void startOperator() {
    operator = LambdaScalingOperator.start(config, kubernetes, lambda);
  }

  /** Stops the operator and starts it again with a changed configuration. */
  void restartOperator(java.util.function.UnaryOperator<OperatorConfig> change) {
    stopOperator();
    config = change.apply(config);
    startOperator();
  }

  /** Where the running operator serves its metrics (any free port, loopback). */
  URI metricsUrl() {
    return operator.metricsUrl();
  }

  /**
   * Stops the operator as a dying process would: nothing it had not written survives (its threads
   * are interrupted; invocations in flight are abandoned).
   */
  void stopOperator() {
    operator.close();
    operator = null;
  }

  /** Stops the operator as SIGTERM does: in-flight invocations land and everything made is kept. */
  void shutdownOperator(Duration drain) {
    operator.shutdown(drain);
    operator = null;
  }

  /**
   * An experiment long enough to interrupt: 6 configurations (arm64, 1 and 2 workers, three sizes)
   * × 30 invocations, 100 ms apart — about 3 s of rounds on the simulated Lambda.
   */
  static String sixBy30(String name) {
    return """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: %s, namespace: default}
        spec:
          architectures: [arm64]
          workers: [1, 2]
          memory: {sizesMb: [1024, 2048, 3584]}
          sampling: {invocationsPerConfiguration: 30, interval: 100ms}
          function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
          budget: {maxCostUsd: 5}
        """
        .formatted(name);
  }

  /** Every configuration's result, series by series. */
  /**
   * A configuration's successes as the status counts them: steady samples, cold starts and warm-ups
   * (absent when none), each counted once.
   */
  static long successes(ConfigurationResult r) {
    return r.getSamples() + r.getColdStarts() + (r.getWarmups() == null ? 0 : r.getWarmups());
  }

  static List<ConfigurationResult> results(ExperimentStatus s) {
    return s.getResults().stream().flatMap(r -> r.getSizes().stream()).toList();
  }

  void apply(String yaml) {
    kubernetes.resource(Serialization.unmarshal(yaml, LambdaScalingExperiment.class)).create();
  }

  LambdaScalingExperiment get(String name) {
    return get("default", name);
  }

  LambdaScalingExperiment get(String namespace, String name) {
    return kubernetes
        .resources(LambdaScalingExperiment.class)
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  /** Changes the spec as a GitOps edit would (a new generation). */
  void edit(String namespace, String name, Consumer<LambdaScalingExperiment> change) {
    kubernetes
        .resources(LambdaScalingExperiment.class)
        .inNamespace(namespace)
        .withName(name)
        .edit(
            e -> {
              change.accept(e);
              return e;
            });
  }

  /** Polls the API server, as kubectl wait would, until the status satisfies the predicate. */
  LambdaScalingExperiment await(String name, Predicate<ExperimentStatus> done, Duration timeout)
      throws InterruptedException {
    return await("default", name, done, timeout);
  }

  LambdaScalingExperiment await(
      String namespace, String name, Predicate<ExperimentStatus> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    LambdaScalingExperiment e = null;
    while (System.nanoTime() < deadline) {
      e = get(namespace, name);
      if (e != null && e.getStatus() != null && done.test(e.getStatus())) {
        return e;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        namespace
            + "/"
            + name
            + " did not get there in "
            + timeout
            + "; last status: "
            + (e == null ? null : Serialization.asYaml(e.getStatus())));
  }

  /** Polls until the condition holds (the API server, the local Lambda, a replica). */
  static void awaitTrue(String what, BooleanSupplier done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not happen in " + timeout);
      }
      Thread.sleep(50);
    }
  }

  /** Every attempt kept in the experiment's ConfigMaps. */
  List<Attempt> kept(LambdaScalingExperiment e) {
    return new AttemptStore(kubernetes)
        .chunks(e).stream()
            .map(AttemptStore::text)
            .flatMap(t -> AttemptCsv.parse(t).stream())
            .toList();
  }

  /** Successful attempts kept, per configuration key. */
  Map<String, Long> keptSuccesses(LambdaScalingExperiment e) {
    return kept(e).stream()
        .filter(a -> a.outcome().kind() == Outcome.Kind.SUCCESS)
        .collect(Collectors.groupingBy(a -> a.configuration().key(), Collectors.counting()));
  }

  static Condition condition(ExperimentStatus s, String type) {
    return s.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.close();
    }
    replicas.forEach(LambdaScalingOperator::close);
    lambda.close();
    local.close();
    kubernetes.close();
    server.destroy();
  }
}
