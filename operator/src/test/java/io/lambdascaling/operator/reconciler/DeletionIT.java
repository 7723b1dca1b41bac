package io.lambdascaling.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.local.lambda.Faults;
import io.lambdascaling.local.lambda.LocalLambda;
import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import io.lambdascaling.operator.fleet.ControlPlane;
import io.lambdascaling.operator.fleet.Fleet;
import io.lambdascaling.operator.fleet.FunctionPackage;
import io.lambdascaling.operator.plan.Planner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * Deleting an experiment at awkward moments — while its functions are being created, while a round
 * is in flight, while Lambda is down — leaves no function and never loses the finalizer early; and
 * functions this installation left behind for experiments that are gone are collected, while those
 * of another installation sharing the account are not.
 */
class DeletionIT {

  private OperatorHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private void start(LocalLambda.Options lambda) throws Exception {
    h =
        new OperatorHarness(
            new SimulatePlatform(SimulationModel.defaults(21)), lambda, Duration.ofMillis(300));
  }

  private static String experiment(String name, int invocations, String cleanup) {
    return """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: NAME, namespace: default}
        spec:
          architectures: [arm64]
          workers: [1, 2]
          memory: {sizesMb: [1024, 2048, 3584]}
          sampling: {invocationsPerConfiguration: INVOCATIONS, interval: 0s}
          function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
          budget: {maxCostUsd: 5}
          cleanup: {onCompletion: CLEANUP}
        """
        .replace("NAME", name)
        .replace("INVOCATIONS", Integer.toString(invocations))
        .replace("CLEANUP", cleanup);
  }

  private long requests(String operation) {
    return h.local.requestCounts().getOrDefault(operation, 0L);
  }

  private void delete(String name) {
    h.kubernetes
        .resources(LambdaScalingExperiment.class)
        .inNamespace("default")
        .withName(name)
        .delete();
  }

  private List<String> functions() {
    return h.lambda.listFunctions().functions().stream()
        .map(FunctionConfiguration::functionName)
        .toList();
  }

  @Test
  void deleting_while_functions_are_created_leaves_none_and_invokes_nothing() throws Exception {
    start(LocalLambda.Options.defaults().withTransitionDelay(Duration.ofSeconds(2)));
    h.apply(experiment("provisioning", 1000, "Delete"));
    OperatorHarness.awaitTrue(
        "a CreateFunction", () -> requests("CreateFunction") >= 1, Duration.ofSeconds(30));

    delete("provisioning");
    OperatorHarness.awaitTrue(
        "the finalizer's removal", () -> h.get("provisioning") == null, Duration.ofSeconds(60));

    assertThat(functions()).isEmpty();
    assertThat(requests("Invoke")).as("nothing invoked").isZero();
    System.out.printf(
        "deletion during provisioning: %d CreateFunction, %d DeleteFunction, no function left%n",
        requests("CreateFunction"), requests("DeleteFunction"));
  }

  @Test
  void deleting_after_a_rename_no_operator_saw_deletes_the_functions_under_both_prefixes()
      throws Exception {
    start(LocalLambda.Options.defaults());
    h.apply(experiment("renamed", 2, "Retain"));
    h.await("renamed", s -> s.getPhase() == Phase.Completed, Duration.ofSeconds(60));
    assertThat(functions()).hasSize(6).allMatch(f -> f.startsWith("lse-renamed-"));

    // Renamed and deleted while no operator runs: the status still says where the functions are.
    h.stopOperator();
    h.edit("default", "renamed", e -> e.getSpec().getFunction().setNamePrefix("exp-"));
    delete("renamed");
    h.startOperator();
    OperatorHarness.awaitTrue(
        "the finalizer's removal", () -> h.get("renamed") == null, Duration.ofSeconds(60));

    assertThat(functions()).isEmpty();
  }

  @Test
  void deleting_during_a_round_leaves_no_function_and_invokes_nothing_after() throws Exception {
    start(
        LocalLambda.Options.defaults()
            .withFaults(new Faults.Options(0, 0, 0, 400, false, 15, 100, 1000, 3)));
    h.apply(experiment("round", 1000, "Delete"));
    h.await(
        "round",
        s -> s.getInvocations() != null && s.getInvocations().getSucceeded() >= 6,
        Duration.ofSeconds(30));

    delete("round");
    OperatorHarness.awaitTrue(
        "the finalizer's removal", () -> h.get("round") == null, Duration.ofSeconds(60));
    long invokes = requests("Invoke");
    Thread.sleep(1000);

    assertThat(functions()).isEmpty();
    assertThat(requests("Invoke")).as("no Invoke after the experiment went").isEqualTo(invokes);
    System.out.printf(
        "deletion during a round: %d Invoke, %d DeleteFunction, no function left%n",
        invokes, requests("DeleteFunction"));
  }

  @Test
  void deleting_while_lambda_is_down_keeps_the_finalizer_until_every_function_is_gone()
      throws Exception {
    start(LocalLambda.Options.defaults());
    h.apply(experiment("outage", 1000, "Delete"));
    h.await(
        "outage",
        s -> s.getInvocations() != null && s.getInvocations().getSucceeded() >= 6,
        Duration.ofSeconds(30));
    h.local.outage(true);
    long start = System.nanoTime();

    delete("outage");
    Thread.sleep(8000);
    LambdaScalingExperiment during = h.get("outage");
    assertThat(during).as("held by its finalizer while Lambda is down").isNotNull();
    assertThat(during.getMetadata().getDeletionTimestamp()).isNotNull();
    long refused = requests("Outage");
    assertThat(refused).isPositive();

    h.local.outage(false);
    OperatorHarness.awaitTrue(
        "the finalizer's removal", () -> h.get("outage") == null, Duration.ofSeconds(90));
    assertThat(functions()).isEmpty();
    System.out.printf(
        "deletion during an outage: %d requests refused in 8 s; finalizer removed %.1f s after the"
            + " delete, no function left%n",
        refused, (System.nanoTime() - start) / 1e9);
  }

  private void createFunction(String name, Map<String, String> tags) {
    h.lambda.createFunction(
        c ->
            c.functionName(name)
                .runtime("java21")
                .role("arn:aws:iam::123456789012:role/lse-execution")
                .handler(FunctionPackage.HANDLER)
                .code(z -> z.zipFile(SdkBytes.fromByteArray(FunctionPackage.embedded().zip())))
                .tags(tags));
  }

  @Test
  void orphans_of_this_installation_are_collected_and_no_one_elses() throws Exception {
    start(LocalLambda.Options.defaults());
    h.apply(experiment("kept", 1, "Retain"));
    h.apply(experiment("lost", 1, "Retain"));
    h.await("kept", s -> s.getPhase() == Phase.Completed, Duration.ofSeconds(30));
    h.await("lost", s -> s.getPhase() == Phase.Completed, Duration.ofSeconds(30));
    assertThat(functions()).hasSize(12);

    // "lost" goes while the operator is away and without its finalizer: its functions leak.
    h.stopOperator();
    h.edit("default", "lost", e -> e.getMetadata().setFinalizers(List.of()));
    delete("lost");
    OperatorHarness.awaitTrue(
        "lost's removal", () -> h.get("lost") == null, Duration.ofSeconds(10));
    // Another cluster's installation in the same account, and a function nobody tagged.
    createFunction(
        "lse-lost-arm64-w1-m1024-elsewhere",
        Map.of(
            Planner.TAG_MANAGED_BY, Planner.MANAGED_BY,
            Planner.TAG_INSTALLATION, "another-cluster",
            Planner.TAG_UID, "0d9f1c2e-0000-4000-8000-000000000001"));
    createFunction("someone-elses-function", Map.of());
    assertThat(functions()).hasSize(14);

    h.config = h.config.withOrphanInterval(Duration.ofSeconds(1));
    h.startOperator();
    OperatorHarness.awaitTrue(
        "the orphans' collection",
        () ->
            functions().stream()
                .noneMatch(f -> f.startsWith("lse-lost-arm64-w") && !f.endsWith("elsewhere")),
        Duration.ofSeconds(30));
    Thread.sleep(2500); // two more passes

    assertThat(functions())
        .hasSize(8)
        .contains("lse-lost-arm64-w1-m1024-elsewhere", "someone-elses-function")
        .filteredOn(f -> f.startsWith("lse-kept-"))
        .hasSize(6);
    System.out.printf(
        "orphans: 6 of this installation collected; 6 of a live experiment, 1 of another"
            + " installation and 1 untagged kept; %d ListTags, %d DeleteFunction%n",
        requests("ListTags"), requests("DeleteFunction"));
  }

  @Test
  void nothing_is_deleted_when_the_experiments_cannot_be_listed() throws Exception {
    start(LocalLambda.Options.defaults());
    createFunction(
        "lse-gone-arm64-w1-m1024",
        Map.of(
            Planner.TAG_MANAGED_BY,
            Planner.MANAGED_BY,
            Planner.TAG_INSTALLATION,
            h.config.installationId(),
            Planner.TAG_UID,
            "0d9f1c2e-0000-4000-8000-000000000002"));
    Fleet fleet =
        new Fleet(
            h.lambda,
            new ControlPlane(ControlPlane.Settings.defaults()),
            FunctionPackage.embedded());
    try (KubernetesClient unreachable =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:1")
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build()) {
      OrphanCollector collector =
          new OrphanCollector(unreachable, fleet, h.config.installationId(), Set.of());

      assertThatThrownBy(collector::collect).isInstanceOf(RuntimeException.class);
      collector.run(); // as scheduled: logged, nothing deleted
    }

    assertThat(functions()).containsExactly("lse-gone-arm64-w1-m1024");
    assertThat(
            new OrphanCollector(h.kubernetes, fleet, h.config.installationId(), Set.of()).collect())
        .as("with the API server back")
        .containsExactly("lse-gone-arm64-w1-m1024");
  }
}
