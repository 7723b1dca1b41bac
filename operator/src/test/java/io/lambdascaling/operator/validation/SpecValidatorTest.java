package io.lambdascaling.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.lambdascaling.api.v1alpha1.Architecture;
import io.lambdascaling.api.v1alpha1.BudgetSpec;
import io.lambdascaling.api.v1alpha1.ExperimentSpec;
import io.lambdascaling.api.v1alpha1.FunctionSpec;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.MemorySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator on objects built in code, as the reconciler will hand them over. */
class SpecValidatorTest {

  private static ExperimentSpec valid() {
    ExperimentSpec spec = new ExperimentSpec();
    FunctionSpec function = new FunctionSpec();
    function.setRoleArn("arn:aws:iam::123456789012:role/lse-execution");
    spec.setFunction(function);
    BudgetSpec budget = new BudgetSpec();
    budget.setMaxCostUsd(150.0);
    spec.setBudget(budget);
    return spec;
  }

  @Test
  void the_reference_experiment_is_valid_and_has_492_configurations() {
    ExperimentSpec spec = valid();

    assertThat(SpecValidator.validate(spec)).isEmpty();
    assertThat(
            spec.getArchitectures().size()
                * spec.getWorkers().size()
                * spec.getMemory().getSizesMb().size())
        .isEqualTo(492);
  }

  @Test
  void null_entries_in_lists_are_named() {
    ExperimentSpec spec = valid();
    spec.setArchitectures(Arrays.asList(Architecture.ARM64, null));
    spec.setWorkers(Arrays.asList(1, null));
    MemorySpec memory = new MemorySpec();
    memory.setSizesMb(Arrays.asList(null, 1024));
    spec.setMemory(memory);

    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::field)
        .containsExactly("spec.architectures[1]", "spec.workers[1]", "spec.memory.sizesMb[0]");
  }

  @Test
  void exactly_1000_configurations_are_allowed_and_1001_are_not() {
    ExperimentSpec spec = valid();
    spec.setArchitectures(List.of(Architecture.ARM64));
    spec.setWorkers(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    MemorySpec memory = new MemorySpec();
    memory.setFromMb(128);
    memory.setToMb(128 + 99 * 10);
    memory.setStepMb(10);
    spec.setMemory(memory);
    assertThat(SpecValidator.validate(spec)).isEmpty();

    spec.setWorkers(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));

    assertThat(SpecValidator.validate(spec))
        .containsExactly(
            new Violation(
                "spec",
                "architectures × workers × memory sizes = 1 × 11 × 100 = 1100 configurations;"
                    + " at most 1000 allowed"));
  }

  @Test
  void tag_limits_are_checked() {
    ExperimentSpec spec = valid();
    spec.getFunction().setTags(Map.of("", "x", "owner", "y".repeat(257)));

    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::toString)
        .containsExactlyInAnyOrder(
            "spec.function.tags[\"\"]: tag keys must be 1-128 characters",
            "spec.function.tags[\"owner\"]: value must be at most 256 characters, got 257");
  }

  @Test
  void experiment_names_must_be_dns_subdomains() {
    LambdaScalingExperiment e = new LambdaScalingExperiment();
    e.setSpec(valid());
    e.setMetadata(new ObjectMetaBuilder().withName("arm-vs-x86.v2").build());
    assertThat(SpecValidator.validate(e)).isEmpty();

    e.getMetadata().setName("-bad");
    assertThat(SpecValidator.validate(e))
        .extracting(Violation::field)
        .containsExactly("metadata.name");
  }
}
