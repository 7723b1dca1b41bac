package io.lambdascaling.operator.metrics;

import io.lambdascaling.api.v1alpha1.Architecture;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.operator.runner.ExperimentRun;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every experiment's meters, fed by its run (each attempt) and by the reconciler (each status it
 * writes), and removed when the experiment is deleted, so that its series disappear.
 */
public final class ExperimentMetrics {

  static final String NAMESPACE = "namespace";
  static final String EXPERIMENT = "experiment";

  private final MeterRegistry registry;
  private final Map<String, ExperimentMeters> experiments = new ConcurrentHashMap<>();

  public ExperimentMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts the attempts of the experiment's run. */
  public ExperimentRun.Observer observer(LambdaScalingExperiment experiment) {
    return meters(experiment);
  }

  /** The status the reconciler has just written: progress, spend, counts and the table. */
  public void published(LambdaScalingExperiment experiment, ExperimentStatus status) {
    Double maxCost =
        experiment.getSpec() == null || experiment.getSpec().getBudget() == null
            ? null
            : experiment.getSpec().getBudget().getMaxCostUsd();
    meters(experiment).published(status, maxCost == null ? Double.NaN : maxCost);
  }

  /** The experiment is gone: so are its series. */
  public void deleted(LambdaScalingExperiment experiment) {
    String namespace = experiment.getMetadata().getNamespace();
    String name = experiment.getMetadata().getName();
    experiments.remove(key(namespace, name));
    for (Meter m : List.copyOf(registry.getMeters())) {
      if (namespace.equals(m.getId().getTag(NAMESPACE))
          && name.equals(m.getId().getTag(EXPERIMENT))) {
        registry.remove(m);
      }
    }
  }

  private ExperimentMeters meters(LambdaScalingExperiment experiment) {
    String namespace = experiment.getMetadata().getNamespace();
    String name = experiment.getMetadata().getName();
    List<Architecture> architectures =
        experiment.getSpec() == null || experiment.getSpec().getArchitectures() == null
            ? List.of()
            : experiment.getSpec().getArchitectures().stream().filter(a -> a != null).toList();
    return experiments.computeIfAbsent(
        key(namespace, name), k -> new ExperimentMeters(registry, namespace, name, architectures));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
