package io.lambdascaling.local.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lambdascaling.api.schema.CelRules;
import io.lambdascaling.api.schema.FieldError;
import io.lambdascaling.api.schema.StructuralValidation;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

  static Stream<Arguments> rulesOfTheCrd() {
    String sixtyFourWorkers =
        IntStream.rangeClosed(1, 64).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    return Stream.of(
        Arguments.of(
            "architectures: [arm64, arm64]",
            "spec.architectures: Invalid value: \"array\": architectures must not repeat"),
        Arguments.of(
            "function: {roleArn: \"arn:aws:iam::123456789012:role/r\", tags: {\"aws:x\": y}}",
            "spec.function.tags: Invalid value: \"object\": tag keys must be 1-128 characters"),
        Arguments.of(
            "memory: {sizesMb: [1024], fromMb: 128, toMb: 512, stepMb: 128}",
            "spec.memory: Invalid value: \"object\": set either sizesMb, or fromMb, toMb and stepMb,"
                + " not both"),
        Arguments.of(
            "memory: {fromMb: 128, toMb: 512}",
            "spec.memory: Invalid value: \"object\": fromMb, toMb and stepMb must be set together"),
        Arguments.of(
            "memory: {fromMb: 1024, toMb: 512, stepMb: 128}",
            "spec.memory: Invalid value: \"object\": fromMb must not be greater than toMb"),
        Arguments.of(
            "memory: {fromMb: 128, toMb: 10240, stepMb: 1}",
            "spec.memory: Invalid value: \"object\": the range fromMb..toMb in steps of stepMb must"
                + " hold at most 1000 sizes"),
        Arguments.of(
            "memory: {sizesMb: [64]}",
            "spec.memory.sizesMb: Invalid value: \"array\": each size must be from 128 to 10240 MB"),
        Arguments.of(
            "workers: [1, 1]",
            "spec.workers: Invalid value: \"array\": workers must be distinct integers from 1 to 64"),
        Arguments.of(
            "workers: ["
                + sixtyFourWorkers
                + "]\n  architectures: [arm64, x86_64]\n  memory: {sizesMb:"
                + " [128, 256, 512, 1024, 2048, 3072, 4096, 8192]}",
            "spec: Invalid value: \"object\": architectures × workers × memory.sizesMb must make at"
                + " most 1000 configurations"),
        Arguments.of(
            "budget: {maxCostUsd: 0}",
            "spec.budget.maxCostUsd: Invalid value: 0: spec.budget.maxCostUsd in body should be"
                + " greater than 0"),
        Arguments.of("function: null", "spec.function: Required value"),
        Arguments.of(
            "architectures: [arm]",
            "spec.architectures[0]: Unsupported value: \"arm\": supported values: \"arm64\","
                + " \"x86_64\""),
        Arguments.of(
            "function: {roleArn: nope}",
            "spec.function.roleArn: Invalid value: \"nope\": spec.function.roleArn in body should"
                + " match '^arn:aws"),
        Arguments.of(
            "architectures: [arm64, x86_64, arm64]",
            "spec.architectures: Too many: 3: must have at most 2 items"),
        Arguments.of(
            "workers: [\"a\"]",
            "spec.workers[0]: Invalid value: \"string\": spec.workers[0] in body must be of type"
                + " integer: \"string\""),
        Arguments.of(
            "sampling: {interval: soon}",
            "spec.sampling.interval: Invalid value: \"soon\": spec.sampling.interval in body should"
                + " match"),
        Arguments.of(
            "workload: {iterations: 20000000}",
            "spec.workload.iterations: Invalid value: 20000000: spec.workload.iterations in body"
                + " should be less than or equal to 1e+07"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rulesOfTheCrd")
  void each_rule_of_the_project_crd_is_enforced(String specLine, String expected) {
    assertThat(errors(Samples.validWith(specLine)))
        .anySatisfy(e -> assertThat(e).startsWith(expected));
  }

  @Test
  void unknown_fields_are_pruned_and_reported() {
    CustomResourceAdmission.Verdict verdict =
        admit(Samples.validWith("colour: blue") + "status: {phase: Running, extra: 1}\n");

    assertThat(verdict.errors()).isEmpty();
    assertThat(verdict.pruned()).containsExactly("spec.colour", "status.extra");
    assertThat(verdict.object().at("/spec").has("colour")).isFalse();
  }

  @Test
  void rejection_message_lists_every_error_as_kube_apiserver_does() {
    CustomResourceAdmission.Verdict verdict =
        admit(Samples.validWith("workers: [1, 1]").replace("  budget: {maxCostUsd: 5}\n", ""));

    assertThat(ADMISSION.message("small", verdict.errors()))
        .isEqualTo(
            "LambdaScalingExperiment.lambdascaling.io \"small\" is invalid: [spec.budget: Required"
                + " value, spec.workers: Invalid value: \"array\": workers must be distinct integers"
                + " from 1 to 64]");
  }

  @Test
  void bounds_are_printed_as_go_prints_them() {
    assertThat(StructuralValidation.plain(1.0)).isEqualTo("1");
    assertThat(StructuralValidation.plain(0.999)).isEqualTo("0.999");
    assertThat(StructuralValidation.plain(10112.0)).isEqualTo("10112");
    assertThat(StructuralValidation.plain(1.0e7)).isEqualTo("1e+07");
  }
}
