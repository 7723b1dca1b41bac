package io.lambdascaling.operator.plan;

import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Tally;
import io.lambdascaling.api.v1alpha1.Architecture;
import io.lambdascaling.api.v1alpha1.ExperimentSpec;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Expands an experiment's spec into its configurations, function names and tags. */
public final class Planner {

  public static final String TAG_EXPERIMENT = "lambdascaling.io/experiment";
  public static final String TAG_UID = "lambdascaling.io/uid";
  public static final String TAG_INSTALLATION = "lambdascaling.io/installation";
  public static final String TAG_MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "lambda-scaling-operator";

  /** One planned function. */
  public record PlannedFunction(Configuration configuration, String functionName) {}

  private Planner() {}

  /**
   * Every configuration of the (validated) spec, in matrix order: architecture, then workers, then
   * memory.
   */
  public static List<Configuration> configurations(ExperimentSpec spec) {
    List<Configuration> out = new ArrayList<>();
    List<Integer> sizes = MemorySizes.of(spec.getMemory());
    for (Architecture arch : spec.getArchitectures()) {
      for (int workers : spec.getWorkers()) {
        for (int memoryMb : sizes) {
          out.add(new Configuration(arch.value(), workers, memoryMb));
        }
      }
    }
    return out;
  }

  public static List<PlannedFunction> functions(LambdaScalingExperiment experiment) {
    ExperimentSpec spec = experiment.getSpec();
    String prefix = spec.getFunction().getNamePrefix();
    String name = experiment.getMetadata().getName();
    return configurations(spec).stream()
        .map(c -> new PlannedFunction(c, FunctionNames.of(prefix, name, c)))
        .toList();
  }

  /**
   * A fingerprint of what every invocation measures: the workload and the runtime. Results made
   * under another fingerprint are not comparable and are never mixed in.
   */
  public static String workloadFingerprint(ExperimentSpec spec) {
    return FunctionNames.stableHash(
        "passwords="
            + spec.getWorkload().getPasswords()
            + ";iterations="
            + spec.getWorkload().getIterations()
            + ";algorithm="
            + spec.getWorkload().getAlgorithm().name()
            + ";runtime="
            + spec.getFunction().getRuntime().value());
  }

  /**
   * The tags every function of the experiment carries: the user's, then the operator's (which find
   * the functions again after a restart, and tell two installations sharing an account apart).
   */
  public static Map<String, String> tags(
      LambdaScalingExperiment experiment, String installationId) {
    Map<String, String> tags = new LinkedHashMap<>(experiment.getSpec().getFunction().getTags());
    tags.put(
        TAG_EXPERIMENT,
        experiment.getMetadata().getNamespace() + "." + experiment.getMetadata().getName());
    tags.put(TAG_UID, experiment.getMetadata().getUid());
    tags.put(TAG_INSTALLATION, installationId);
    tags.put(TAG_MANAGED_BY, MANAGED_BY);
    return tags;
  }

  /**
   * The rules that classify the experiment's attempts, as the runner applies them live and the
   * result files apply them to kept attempts.
   */
  public static Tally.Rules rules(ExperimentSpec spec) {
    return new Tally.Rules(
        spec.getSampling().getInvocationsPerConfiguration(),
        spec.getSampling().getWarmupInvocations(),
        Tally.Rules.FAILURES_BEFORE_GIVING_UP);
  }
}
