package io.lambdascaling.local.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomResourceAdmissionTest {

  private static final CustomResourceAdmission ADMISSION =
      new CustomResourceAdmission(
          Samples.crd(), "v1alpha1", new StructuralValidation(), new CelRules());

  private static CustomResourceAdmission.Verdict admit(String yaml) {
    ObjectNode object =
        (ObjectNode)
            Serialization.jsonMapper()
                .valueToTree(Serialization.unmarshal(yaml, java.util.Map.class));
    return ADMISSION.admit(object);
  }

  private static List<String> errors(String yaml) {
    return admit(yaml).errors().stream().map(FieldError::toString).toList();
  }

  @Test
  void every_rule_of_the_project_crd_compiles() {
    assertThat(ADMISSION.ruleCompileErrors()).isEmpty();
  }

  @Test
  void valid_manifest_is_admitted_with_schema_defaults() {
    CustomResourceAdmission.Verdict verdict = admit(Samples.VALID);

    assertThat(verdict.errors()).isEmpty();
    assertThat(verdict.object().at("/spec/sampling/maxConcurrency").asInt()).isEqualTo(50);
    assertThat(verdict.object().at("/spec/sampling/invocationsPerConfiguration").asInt())
        .isEqualTo(6);
    assertThat(verdict.object().at("/spec/analysis/tolerancePercent").asDouble()).isEqualTo(2.0);
    assertThat(verdict.object().at("/spec/function/runtime").asText()).isEqualTo("java21");
    assertThat(verdict.object().at("/spec/budget/maxDuration").asText()).isEqualTo("24h");
  }

  @Test
  void worker_count_of_zero_breaks_the_workers_rule_the_only_bound_the_crd_puts_on_items() {
    assertThat(errors(Samples.validWith("workers: [0]")))
        .containsExactly(
            "spec.workers: Invalid value: \"array\": workers must be distinct integers from 1 to 64");
  }

  @Test
  void number_below_minimum_is_worded_as_kube_apiserver_words_it() {
    assertThat(
            errors(
                Samples.validWith(
                    "sampling: {invocationsPerConfiguration: 0, interval: 0s, maxConcurrency: 1001}")))
        .containsExactly(
            "spec.sampling.invocationsPerConfiguration: Invalid value: 0: spec.sampling.invocationsPerConfiguration"
                + " in body should be greater than or equal to 1",
            "spec.sampling.maxConcurrency: Invalid value: 1001: spec.sampling.maxConcurrency"
                + " in body should be less than or equal to 1000");
  }
}
