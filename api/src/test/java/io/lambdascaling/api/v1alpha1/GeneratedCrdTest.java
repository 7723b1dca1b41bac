package io.lambdascaling.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CRD committed under crds/, as the build generated it from the model. */
class GeneratedCrdTest {

  static final Path CRD = Path.of("..", "crds", "lambdascalingexperiments.lambdascaling.io-v1.yml");

  private static CustomResourceDefinition crd;
  private static CustomResourceDefinitionVersion version;
  private static JSONSchemaProps spec;

  @BeforeAll
  static void load() throws IOException {
    crd = Serialization.unmarshal(Files.readString(CRD), CustomResourceDefinition.class);
    version = crd.getSpec().getVersions().get(0);
    spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
  }

  @Test
  void names_scope_and_version() {
    assertThat(crd.getMetadata().getName()).isEqualTo("lambdascalingexperiments.lambdascaling.io");
    assertThat(crd.getSpec().getGroup()).isEqualTo("lambdascaling.io");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo("LambdaScalingExperiment");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("lse");
    assertThat(crd.getSpec().getVersions()).hasSize(1);
    assertThat(version.getName()).isEqualTo("v1alpha1");
    assertThat(version.getServed()).isTrue();
    assertThat(version.getStorage()).isTrue();
    assertThat(version.getSubresources().getStatus()).isNotNull();
  }

  @Test
  void printer_columns_show_phase_configurations_progress_spend_and_age() {
    Map<String, String> columns =
        version.getAdditionalPrinterColumns().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    CustomResourceColumnDefinition::getName,
                    CustomResourceColumnDefinition::getJsonPath));

    assertThat(columns)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Phase", ".status.phase",
                "Configurations", ".status.configurations.total",
                "Progress", ".status.progressPercent",
                "Spend", ".status.spendUsd",
                "Age", ".metadata.creationTimestamp"));
  }

  @Test
  void cross_field_rules_are_cel_validations() {
    assertThat(rules(spec)).anyMatch(r -> r.contains("size(self.memory.sizesMb) <= 1000"));
    JSONSchemaProps memory = spec.getProperties().get("memory");
    assertThat(rules(memory))
        .contains(
            "has(self.sizesMb) != (has(self.fromMb) || has(self.toMb) || has(self.stepMb))",
            "!has(self.fromMb) || !has(self.toMb) || self.fromMb <= self.toMb");
    assertThat(rules(spec.getProperties().get("workers")))
        .containsExactly("self.all(w, w >= 1 && w <= 64 && self.exists_one(v, v == w))");
    assertThat(rules(spec.getProperties().get("architectures"))).hasSize(1);
    JSONSchemaProps function = spec.getProperties().get("function");
    assertThat(rules(function.getProperties().get("tags"))).hasSize(1);
  }

  @Test
  void schema_carries_ranges_patterns_enums_and_required_fields() {
    assertThat(spec.getRequired()).containsExactlyInAnyOrder("budget", "function");
    JSONSchemaProps function = spec.getProperties().get("function");
    assertThat(function.getRequired()).containsExactly("roleArn");
    assertThat(function.getProperties().get("roleArn").getPattern()).isEqualTo(Patterns.ROLE_ARN);
    assertThat(function.getProperties().get("timeoutSeconds").getMaximum()).isEqualTo(900.0);
    assertThat(spec.getProperties().get("architectures").getItems().getSchema().getEnum())
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("x86_64", "arm64");
    JSONSchemaProps budget = spec.getProperties().get("budget");
    assertThat(budget.getProperties().get("maxCostUsd").getExclusiveMinimum()).isTrue();
    assertThat(spec.getProperties().get("sampling").getProperties().get("interval").getPattern())
        .isEqualTo(Patterns.DURATION);
  }

  /** A real API server applies the CRD's defaults; they must be the ones the model applies. */
  @Test
  void schema_defaults_equal_the_models_defaults() {
    ExperimentSpec model = new ExperimentSpec();
    model.setFunction(new FunctionSpec());
    model.setBudget(new BudgetSpec());
    JsonNode modelDefaults = Serialization.jsonMapper().valueToTree(model);
    int compared = 0;
    for (Map.Entry<String, JSONSchemaProps> property : spec.getProperties().entrySet()) {
      String name = property.getKey();
      JsonNode schemaDefault = property.getValue().getDefault();
      if (schemaDefault != null) {
        assertThat(schemaDefault).as(name).isEqualTo(modelDefaults.get(name));
        compared++;
      }
      Map<String, JSONSchemaProps> children = property.getValue().getProperties();
      for (Map.Entry<String, JSONSchemaProps> child :
          children == null ? Map.<String, JSONSchemaProps>of().entrySet() : children.entrySet()) {
        if (child.getValue().getDefault() != null) {
          assertThat(child.getValue().getDefault())
              .as(name + "." + child.getKey())
              .isEqualTo(modelDefaults.get(name).get(child.getKey()));
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo(23);
  }

  private static java.util.List<String> rules(JSONSchemaProps props) {
    return props.getXKubernetesValidations().stream().map(ValidationRule::getRule).toList();
  }
}
