package io.lambdascaling.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.api.v1alpha1.BudgetSpec;
import io.lambdascaling.api.v1alpha1.ExperimentSpec;
import io.lambdascaling.api.v1alpha1.FunctionSpec;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static LambdaScalingExperiment experiment(String name) {
    ExperimentSpec spec = new ExperimentSpec();
    FunctionSpec function = new FunctionSpec();
    function.setRoleArn("arn:aws:iam::123456789012:role/r");
    function.setTags(Map.of("team", "perf"));
    spec.setFunction(function);
    spec.setBudget(new BudgetSpec());
    LambdaScalingExperiment e = new LambdaScalingExperiment();
    e.setSpec(spec);
    e.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace("lab").withUid("u-123").build());
    return e;
  }

  @Test
  void the_reference_matrix_has_492_distinct_valid_names() {
    List<Planner.PlannedFunction> plan = Planner.functions(experiment("reference"));

    assertThat(plan).hasSize(492);
    Set<String> names = new HashSet<>();
    for (Planner.PlannedFunction f : plan) {
      assertThat(f.functionName()).matches("[A-Za-z0-9_-]{1,64}");
      names.add(f.functionName());
    }
    assertThat(names).hasSize(492);
    assertThat(plan.get(0).functionName()).isEqualTo("lse-reference-x86_64-w1-m128");
    assertThat(plan.get(491).functionName()).isEqualTo("lse-reference-arm64-w6-m10240");
  }

  @Test
  void long_names_are_shortened_with_a_stable_hash_keeping_the_configuration() {
    String longName = "a-rather-long-experiment-name-for-the-graviton3.comparison-2026";
    Configuration c = new Configuration("x86_64", 64, 10240);

    String name = FunctionNames.of("lse-perf-team-", longName, c);

    assertThat(name).hasSizeLessThanOrEqualTo(64).matches("[A-Za-z0-9_-]+");
    assertThat(name).startsWith("lse-perf-team-a-rather").endsWith("-x86_64-w64-m10240");
    assertThat(FunctionNames.of("lse-perf-team-", longName, c)).isEqualTo(name);
    assertThat(FunctionNames.of("lse-perf-team-", longName + "x", c)).isNotEqualTo(name);
  }

  @Test
  void dots_become_hyphens() {
    assertThat(FunctionNames.of("lse-", "arm.vs.x86", new Configuration("arm64", 2, 1024)))
        .isEqualTo("lse-arm-vs-x86-arm64-w2-m1024");
  }

  @Test
  void functions_carry_the_users_tags_and_the_operators() {
    Map<String, String> tags = Planner.tags(experiment("reference"), "cluster-a");

    assertThat(tags)
        .containsExactly(
            Map.entry("team", "perf"),
            Map.entry("lambdascaling.io/experiment", "lab.reference"),
            Map.entry("lambdascaling.io/uid", "u-123"),
            Map.entry("lambdascaling.io/installation", "cluster-a"),
            Map.entry("app.kubernetes.io/managed-by", "lambda-scaling-operator"));
  }
}
