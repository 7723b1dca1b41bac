package io.lambdascaling.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.operator.journal.AttemptStore;
import io.lambdascaling.operator.metrics.ExperimentMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deletions of experiments being deleted, one per experiment: each deletes the experiment's
 * functions in the background; the cleanup that finds it ended removes the finalizer when every
 * function is gone, and otherwise says why by a Warning and starts another after a pause, so that a
 * Lambda outage only delays the finalizer's removal.
 */
final class Deletions {

  private static final Logger LOG = LoggerFactory.getLogger(Deletions.class);
  static final long RECHECK_MS = 1_000;
  static final long RETRY_MS = 10_000;

  private final Map<String, FunctionDeletion> underway = new ConcurrentHashMap<>();
  private final Function<LambdaScalingExperiment, Execution> executions;
  private final Executor background;
  private final AttemptStore store;
  private final EventRecorder events;
  private final ExperimentMetrics metrics;

  Deletions(
      Function<LambdaScalingExperiment, Execution> executions,
      Executor background,
      AttemptStore store,
      EventRecorder events,
      ExperimentMetrics metrics) {
    this.executions = executions;
    this.background = background;
    this.store = store;
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * Starts deleting the experiment's functions, or reads how the deletion under way went; call once
   * nothing more of the experiment runs.
   */
  DeleteControl delete(LambdaScalingExperiment resource) {
    String uid = resource.getMetadata().getUid();
    FunctionDeletion d = underway.get(uid);
    if (d == null) {
      try {
        d = new FunctionDeletion(executions.apply(resource));
      } catch (IllegalArgumentException e) {
        return retry(resource, e.getMessage());
      }
      underway.put(uid, d);
      background.execute(d);
    }
    if (!d.finished()) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(RECHECK_MS);
    }
    underway.remove(uid);
    if (d.failure() != null) {
      return retry(resource, d.failure());
    }
    store.forget(uid);
    metrics.deleted(resource);
    return DeleteControl.defaultDelete();
  }

  private DeleteControl retry(LambdaScalingExperiment resource, String why) {
    LOG.warn(
        "could not delete the functions of {}/{}: {}",
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(),
        why);
    events.warning(
        resource,
        "CleanupFailed",
        "could not delete the experiment's functions (retrying in "
            + RETRY_MS / 1000
            + " s): "
            + why);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY_MS);
  }
}
