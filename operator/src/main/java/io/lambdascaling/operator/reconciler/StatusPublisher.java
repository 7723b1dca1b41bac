package io.lambdascaling.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.lambdascaling.api.v1alpha1.ConditionTypes;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.operator.metrics.ExperimentMetrics;
import java.util.List;
import java.util.Objects;

/**
 * Sets an experiment's next status for the reconciler to patch, and tells what changed: a Normal
 * Event on each new phase, a Warning on each new or changed InvalidSpec, Degraded or
 * BudgetExhausted condition, and the metrics.
 */
final class StatusPublisher {

  private static final List<String> WARNED =
      List.of(
          ConditionTypes.INVALID_SPEC, ConditionTypes.DEGRADED, ConditionTypes.BUDGET_EXHAUSTED);

  private final EventRecorder events;
  private final ExperimentMetrics metrics;

  StatusPublisher(EventRecorder events, ExperimentMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  UpdateControl<LambdaScalingExperiment> publish(
      LambdaScalingExperiment resource, ExperimentStatus next) {
    ExperimentStatus previous = resource.getStatus();
    Phase before = previous == null ? null : previous.getPhase();
    if (next.getPhase() != before) {
      events.normal(resource, next.getPhase().name(), StatusBuilder.summary(next));
    }
    for (String type : WARNED) {
      Condition now = StatusBuilder.condition(next, type);
      if (now != null && "True".equals(now.getStatus())) {
        Condition was = previous == null ? null : StatusBuilder.condition(previous, type);
        if (was == null
            || !"True".equals(was.getStatus())
            || !Objects.equals(was.getMessage(), now.getMessage())) {
          events.warning(resource, now.getReason(), now.getMessage());
        }
      }
    }
    resource.setStatus(next);
    metrics.published(resource, next);
    return UpdateControl.patchStatus(resource);
  }
}
