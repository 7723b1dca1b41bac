package io.lambdascaling.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdascaling.api.v1alpha1.Architecture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

  static String resource(String name) throws IOException {
    try (InputStream in = ManifestReaderTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void valid_manifests_have_no_violations() throws IOException {
    for (String name : new String[] {"/manifests/minimal.yaml", "/manifests/full.yaml"}) {
      ManifestReader.Result result = ManifestReader.read(resource(name));

      assertThat(result.violations()).as(name).isEmpty();
      assertThat(result.isValid()).isTrue();
    }
  }

  @Test
  void json_manifests_are_read_too() {
    String json =
        """
        {"apiVersion": "lambdascaling.io/v1alpha1", "kind": "LambdaScalingExperiment",
         "metadata": {"name": "json"},
         "spec": {"architectures": ["arm64"],
                  "function": {"roleArn": "arn:aws:iam::123456789012:role/r"},
                  "budget": {"maxCostUsd": 1}}}
        """;

    ManifestReader.Result result = ManifestReader.read(json);

    assertThat(result.violations()).isEmpty();
    assertThat(result.experiment().getSpec().getArchitectures())
        .containsExactly(Architecture.ARM64);
  }

  @Test
  void every_violation_is_reported_at_once() {
    String manifest =
        """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata:
          name: many-mistakes
        spec:
          architectures: [mips]
          workers: [0, "two", 3, 3]
          memory:
            sizesMb: [64]
          sampling:
            interval: soon
            invocationsPerConfiguration: 1.5
          function:
            roleArn: nope
            colour: blue
          budget:
            maxCostUsd: -1
        """;

    ManifestReader.Result result = ManifestReader.read(manifest);

    assertThat(result.violations())
        .extracting(Violation::field)
        .containsExactlyInAnyOrder(
            "spec.architectures[0]",
            "spec.workers[1]",
            "spec.sampling.invocationsPerConfiguration",
            "spec.function.colour",
            "spec.workers[0]",
            "spec.workers[3]",
            "spec.memory.sizesMb[0]",
            "spec.sampling.interval",
            "spec.function.roleArn",
            "spec.budget.maxCostUsd");
  }

  @Test
  void a_wrong_type_is_reported_once_not_again_as_missing() {
    String manifest =
        """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: x}
        spec:
          function: {roleArn: 42}
          budget: {maxCostUsd: 1}
        """;

    ManifestReader.Result result = ManifestReader.read(manifest);

    assertThat(result.violations())
        .containsExactly(new Violation("spec.function.roleArn", "must be a string, got 42"));
  }

  @Test
  void null_fields_take_their_defaults_as_on_an_api_server() {
    String manifest =
        """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: x}
        spec:
          workers: null
          sampling:
            interval: null
          function: {roleArn: "arn:aws:iam::123456789012:role/r"}
          budget: {maxCostUsd: 1}
        """;

    ManifestReader.Result result = ManifestReader.read(manifest);

    assertThat(result.violations()).isEmpty();
    assertThat(result.experiment().getSpec().getWorkers()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(result.experiment().getSpec().getSampling().getInterval()).isEqualTo("2m");
  }

  @Test
  void a_number_past_what_the_model_holds_is_named_once_and_the_rest_still_checked() {
    String manifest =
        """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: x}
        spec:
          workers: [99999999999, 2, 2]
          workload: {iterations: 1e20}
          function: {roleArn: "arn:aws:iam::123456789012:role/r"}
          budget: {maxCostUsd: 1}
        """;

    ManifestReader.Result result = ManifestReader.read(manifest);

    assertThat(result.violations())
        .extracting(Violation::toString)
        .containsExactlyInAnyOrder(
            "spec.workers[0]: cannot be read: Numeric value (99999999999) out of range of int"
                + " (-2147483648 - 2147483647)",
            "spec.workload.iterations: must be an integer from 1 to 10000000, got 1.0E20",
            "spec.workers[2]: duplicate value 2; each worker count at most once");
  }

  @Test
  void an_empty_document_is_reported() {
    assertThat(ManifestReader.read("").violations())
        .extracting(Violation::field)
        .containsExactly("manifest");
  }
}
