package io.lambdascaling.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated CRD's schema as both front doors use it: pruning, defaults, errors and rules. */
class StructuralSchemaTest {

  private static final StructuralSchema SCHEMA = ExperimentCrd.schema();

  private static ObjectNode manifest(String spec) {
    String yaml =
        """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: x}
        spec:
          function: {roleArn: "arn:aws:iam::123456789012:role/r"}
          budget: {maxCostUsd: 1}
        """
            + spec.indent(2);
    return Serialization.jsonMapper().valueToTree(Serialization.unmarshal(yaml, Map.class));
  }

  private static List<FieldError> errors(String spec) {
    ObjectNode object = manifest(spec);
    SCHEMA.prune(object);
    SCHEMA.applyDefaults(object);
    return SCHEMA.validate(object);
  }

  @Test
  void every_rule_of_the_generated_crd_compiles() {
    assertThat(SCHEMA.ruleCompileErrors()).isEmpty();
  }

  @Test
  void a_valid_spec_gets_the_schema_defaults_and_no_error() {
    ObjectNode object = manifest("workers: [1, 2]");
    SCHEMA.prune(object);
    SCHEMA.applyDefaults(object);

    assertThat(SCHEMA.validate(object)).isEmpty();
    assertThat(object.at("/spec/sampling/invocationsPerConfiguration").asInt()).isEqualTo(190);
    assertThat(object.at("/spec/architectures").size()).isEqualTo(2);
  }

  @Test
  void pruning_names_each_undeclared_field_by_path_and_pointer() {
    ObjectNode object = manifest("worker: [1]\nsampling: {intervall: 2m}");

    List<FieldPath> pruned = SCHEMA.prune(object);

    assertThat(pruned)
        .extracting(FieldPath::text)
        .containsExactly("spec.worker", "spec.sampling.intervall");
    assertThat(pruned.get(1).pointer()).hasToString("/spec/sampling/intervall");
    assertThat(object.at("/spec/worker").isMissingNode()).isTrue();
  }

  @Test
  void an_error_names_the_rule_it_breaks_and_where_the_value_is() {
    List<FieldError> errors = errors("workers: [1, \"two\"]\nsampling: {maxConcurrency: 0}");

    assertThat(errors)
        .extracting(e -> e.field() + " " + e.rule().keyword() + " " + e.rule().at())
        .containsExactlyInAnyOrder(
            "spec.workers[1] type /spec/workers/1",
            "spec.sampling.maxConcurrency minimum /spec/sampling/maxConcurrency");
  }

  @Test
  void a_cel_rule_that_fails_is_reported_on_its_node_with_its_message() {
    assertThat(errors("workers: [0]"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("spec.workers");
              assertThat(e.rule().keyword()).isEqualTo(FieldError.Rule.CEL);
              assertThat(e.detail()).isEqualTo("workers must be distinct integers from 1 to 64");
            });
  }

  @Test
  void the_schema_of_a_list_item_or_a_map_value_is_found_by_pointer() {
    assertThat(SCHEMA.at(JsonPointer.compile("/spec/workers/3")).path("type").asText())
        .isEqualTo("integer");
    assertThat(SCHEMA.at(JsonPointer.compile("/spec/function/tags/owner")).path("type").asText())
        .isEqualTo("string");
    assertThat(SCHEMA.at(JsonPointer.compile("/spec/budget/maxCostUsd")).path("minimum").asInt())
        .isZero();
    assertThat(SCHEMA.at(JsonPointer.compile("/spec/nothing")).isMissingNode()).isTrue();
  }
}
