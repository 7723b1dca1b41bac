package io.lambdascaling.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.lambdascaling.api.v1alpha1.ConditionTypes;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The corpus of broken manifests ({@code invalid-manifests/}) stored, as an API server without
 * schema admission stores them, beside one valid experiment: the operator names each one's field in
 * an InvalidSpec condition, creates no function for any of them, and runs the valid one to the end.
 */
class InvalidManifestsIT {

  private static final YAMLMapper YAML = new YAMLMapper();

  private static final String VALID =
      """
      apiVersion: lambdascaling.io/v1alpha1
      kind: LambdaScalingExperiment
      metadata: {name: valid, namespace: default}
      spec:
        architectures: [arm64]
        workers: [1, 2]
        memory: {sizesMb: [1024, 2048, 3584]}
        sampling: {invocationsPerConfiguration: 4, interval: 0s}
        function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
        budget: {maxCostUsd: 5}
      """;

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new OperatorHarness(SimulationModel.defaults(11), Duration.ofMillis(300));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** One broken manifest as stored, with the field its InvalidSpec condition must name. */
  record Stored(String file, String name, String field) {}

  private MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      experiments() {
    return h.kubernetes.genericKubernetesResources(
        LambdaScalingExperiment.GROUP + "/" + LambdaScalingExperiment.VERSION,
        "LambdaScalingExperiment");
  }

  @Test
  void every_broken_manifest_is_named_in_its_status_and_nothing_is_created_for_it()
      throws Exception {
    long start = System.nanoTime();
    List<Stored> stored = new ArrayList<>();
    List<String> notSent = new ArrayList<>();
    Path dir = Path.of("src", "test", "resources", "invalid-manifests");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSize(66);
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      String field = lines.get(0).substring("# field: ".length());
      String stem = file.getFileName().toString().replace(".yaml", "");
      JsonNode tree;
      try {
        tree = YAML.readTree(Files.readString(file));
      } catch (JsonProcessingException e) {
        notSent.add(stem + " (not YAML: no client can send it)");
        continue;
      }
      String apiVersion = tree.path("apiVersion").asText();
      String kind = tree.path("kind").asText();
      if (!kind.equals("LambdaScalingExperiment")
          || !apiVersion.equals(
              LambdaScalingExperiment.GROUP + "/" + LambdaScalingExperiment.VERSION)) {
        // A client sends these to another resource's path; they never reach this operator.
        notSent.add(stem + " (" + apiVersion + " " + kind + ": another resource)");
        continue;
      }
      ObjectNode metadata = ((ObjectNode) tree).with("metadata");
      metadata.put("namespace", "default");
      String name =
          field.equals("metadata.name")
              ? metadata.path("name").asText()
              : "bad-" + stem.substring(0, 2);
      metadata.put("name", name);
      GenericKubernetesResource resource = YAML.treeToValue(tree, GenericKubernetesResource.class);
      experiments().inNamespace("default").resource(resource).create();
      stored.add(new Stored(stem, name, field));
    }
    h.apply(VALID);
    System.out.printf(
        "invalid manifests: %d stored beside one valid experiment; not sent: %s%n",
        stored.size(), notSent);
    assertThat(stored).hasSize(63);

    Map<String, String> conditions = new LinkedHashMap<>();
    for (Stored s : stored) {
      ExperimentStatus status =
          h.await(s.name(), st -> st.getPhase() == Phase.Failed, Duration.ofSeconds(60))
              .getStatus();
      String message = OperatorHarness.condition(status, ConditionTypes.INVALID_SPEC).getMessage();
      conditions.put(s.file(), message);
      assertThat(message).as(s.file()).contains(s.field());
    }
    ExperimentStatus valid =
        h.await("valid", st -> st.getPhase() == Phase.Completed, Duration.ofSeconds(60))
            .getStatus();
    assertThat(valid.getInvocations().getSucceeded()).isEqualTo(24);
    assertThat(h.local.requestCounts().get("CreateFunction"))
        .as("CreateFunction: only the valid experiment's six")
        .isEqualTo(6);

    // Their specs are as the user wrote them: the operator wrote only status and its finalizer.
    for (Stored s : stored) {
      GenericKubernetesResource back =
          experiments().inNamespace("default").withName(s.name()).get();
      GenericKubernetesResource original =
          YAML.treeToValue(
              YAML.readTree(Files.readString(dir.resolve(s.file() + ".yaml"))),
              GenericKubernetesResource.class);
      assertThat(back.getAdditionalProperties().get("spec"))
          .as(s.file())
          .isEqualTo(original.getAdditionalProperties().get("spec"));
    }

    // And each goes when deleted: nothing to clean up, the finalizer is removed.
    for (Stored s : stored) {
      experiments().inNamespace("default").withName(s.name()).delete();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (experiments().inNamespace("default").list().getItems().size() > 1
        && System.nanoTime() < deadline) {
      Thread.sleep(200); // polling until every finalizer is gone
    }
    assertThat(experiments().inNamespace("default").list().getItems())
        .extracting(r -> r.getMetadata().getName())
        .containsExactly("valid");
    System.out.printf(
        "invalid manifests: %d named and deleted, valid one completed, %d CreateFunction, in %.1f"
            + " s%n",
        conditions.size(),
        h.local.requestCounts().get("CreateFunction"),
        (System.nanoTime() - start) / 1e9);
  }
}
