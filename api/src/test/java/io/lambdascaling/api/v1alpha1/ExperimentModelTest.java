package io.lambdascaling.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CR model as the Kubernetes client (de)serialises it. */
class ExperimentModelTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = ExperimentModelTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static LambdaScalingExperiment parse(String yaml) {
    return Serialization.unmarshal(yaml, LambdaScalingExperiment.class);
  }

  private static JsonNode tree(Object o) {
    return Serialization.jsonMapper().valueToTree(o);
  }

  @Test
  void full_manifest_survives_a_yaml_round_trip() throws IOException {
    String original = resource("/manifests/full.yaml");
    LambdaScalingExperiment first = parse(original);

    LambdaScalingExperiment second = parse(Serialization.asYaml(first));

    assertThat(tree(second)).isEqualTo(tree(first));
    JsonNode source = Serialization.jsonMapper().valueToTree(Serialization.unmarshal(original));
    assertThat(tree(first).get("spec")).isEqualTo(source.get("spec"));
  }

  @Test
  void full_manifest_fields_land_where_they_belong() throws IOException {
    LambdaScalingExperiment e = parse(resource("/manifests/full.yaml"));
    ExperimentSpec spec = e.getSpec();

    assertThat(e.getMetadata().getNamespace()).isEqualTo("experiments");
    assertThat(spec.getArchitectures()).containsExactly(Architecture.ARM64, Architecture.X86_64);
    assertThat(spec.getWorkers()).containsExactly(1, 2, 4);
    assertThat(spec.getMemory().getFromMb()).isEqualTo(1024);
    assertThat(spec.getMemory().getSizesMb()).isNull();
    assertThat(spec.getWorkload().getAlgorithm()).isEqualTo(HashAlgorithm.PBKDF2WithHmacSHA512);
    assertThat(spec.getSampling().getInterval()).isEqualTo("1m30s");
    assertThat(spec.getFunction().getRuntime()).isEqualTo(LambdaRuntime.JAVA17);
    assertThat(spec.getFunction().getTags()).containsEntry("cost-center", "4711");
    assertThat(spec.getBudget().getMaxCostUsd()).isEqualTo(2.5);
    assertThat(spec.getAnalysis().getConfidenceLevel()).isEqualTo(0.99);
    assertThat(spec.getCleanup().getOnCompletion()).isEqualTo(CleanupPolicy.Retain);
    assertThat(spec.isSuspend()).isTrue();

    ExperimentStatus status = e.getStatus();
    assertThat(status.getPhase()).isEqualTo(Phase.Running);
    assertThat(status.getConditions().get(0).getType()).isEqualTo(ConditionTypes.PROGRESSING);
    assertThat(status.getConditions().get(0).getObservedGeneration()).isEqualTo(3L);
    assertThat(status.getInvocations().getThrottled()).isEqualTo(4);
    assertThat(status.getResults().get(0).getWorkers()).isEqualTo(2);
    ConfigurationResult result = status.getResults().get(0).getSizes().get(0);
    assertThat(result.getMemoryMb()).isEqualTo(2048);
    assertThat(result.getCiHalfWidthMs()).isEqualTo(12.7);
    assertThat(result.getErrors()).as("absent means none").isNull();
    KneeRow row = status.getTable().get(0).getRows().get(1);
    assertThat(row.isConfident()).isFalse();
    assertThat(row.getReason()).contains("overlap");
  }

  @Test
  void minimal_manifest_gets_the_reference_experiment_defaults() throws IOException {
    ExperimentSpec spec = parse(resource("/manifests/minimal.yaml")).getSpec();

    assertThat(spec.getArchitectures()).containsExactly(Architecture.X86_64, Architecture.ARM64);
    assertThat(spec.getWorkers()).containsExactly(1, 2, 3, 4, 5, 6);
    List<Integer> sizes = spec.getMemory().getSizesMb();
    assertThat(sizes).hasSize(41).startsWith(128, 256, 512, 768).endsWith(9984, 10240);
    assertThat(spec.getWorkload().getPasswords()).isEqualTo(200);
    assertThat(spec.getWorkload().getIterations()).isEqualTo(100_000);
    assertThat(spec.getWorkload().getAlgorithm()).isEqualTo(HashAlgorithm.PBKDF2WithHmacSHA256);
    assertThat(spec.getSampling().getInvocationsPerConfiguration()).isEqualTo(190);
    assertThat(spec.getSampling().getInterval()).isEqualTo("2m");
    assertThat(spec.getSampling().getWarmupInvocations()).isEqualTo(1);
    assertThat(spec.getSampling().getMaxConcurrency()).isEqualTo(50);
    assertThat(spec.getSampling().getStrategy()).isEqualTo(SamplingStrategy.Exhaustive);
    assertThat(spec.getFunction().getRuntime()).isEqualTo(LambdaRuntime.JAVA21);
    assertThat(spec.getFunction().getTimeoutSeconds()).isEqualTo(900);
    assertThat(spec.getFunction().getNamePrefix()).isEqualTo("lse-");
    assertThat(spec.getRegion()).isNull();
    assertThat(spec.getBudget().getMaxDuration()).isEqualTo("24h");
    assertThat(spec.getAnalysis().getTolerancePercent()).isEqualTo(2.0);
    assertThat(spec.getAnalysis().getConfidenceLevel()).isEqualTo(0.95);
    assertThat(spec.getCleanup().getOnCompletion()).isEqualTo(CleanupPolicy.Delete);
    assertThat(spec.isSuspend()).isFalse();
  }

  @Test
  void unknown_fields_never_break_reading_a_stored_object() {
    String yaml =
        """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: future}
        spec:
          newKnob: 7
          sampling: {interval: 1m, adaptive: {rounds: 3}}
          function: {roleArn: "arn:aws:iam::123456789012:role/r"}
          budget: {maxCostUsd: 1}
        status:
          phase: Running
          somethingNew: [1, 2]
          results: [{architecture: arm64, workers: 1, sizes: [{memoryMb: 128, futureStat: 1.0}]}]
        """;

    LambdaScalingExperiment e = parse(yaml);

    // The spec is kept as stored, for the operator to name its unknown fields rather than run an
    // experiment part of which it ignored; the status the operator wrote is read as far as known.
    assertThat(e.getSpec()).isInstanceOf(UnreadableSpec.class);
    assertThat(((UnreadableSpec) e.getSpec()).source().at("/sampling/adaptive/rounds").asInt())
        .isEqualTo(3);
    assertThat(e.getStatus().getResults().get(0).getSizes().get(0).getMemoryMb()).isEqualTo(128);
  }

  @Test
  void a_spec_of_the_wrong_type_is_read_and_written_back_as_it_was() {
    String yaml =
        """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: wrong}
        spec:
          workers: ["two"]
          suspend: maybe
        """;

    LambdaScalingExperiment e = parse(yaml);

    assertThat(e.getSpec()).isInstanceOf(UnreadableSpec.class);
    JsonNode written = Serialization.jsonMapper().valueToTree(e);
    assertThat(written.at("/spec/workers/0").asText()).isEqualTo("two");
    assertThat(written.at("/spec/suspend").asText()).isEqualTo("maybe");
    assertThat(written.at("/spec").size()).isEqualTo(2);
  }

  @Test
  void status_leaves_out_what_was_never_set() {
    JsonNode status = tree(new ExperimentStatus());

    assertThat(status.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("conditions", "results", "table");
  }
}
