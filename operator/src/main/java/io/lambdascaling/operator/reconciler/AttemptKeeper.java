package io.lambdascaling.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.operator.journal.AttemptStore;
import io.lambdascaling.operator.runner.ExperimentRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an execution's new attempts in the {@link AttemptStore} before the status counts them: not
 * kept means not counted, so that the status never counts what could be lost.
 */
final class AttemptKeeper {

  private static final Logger LOG = LoggerFactory.getLogger(AttemptKeeper.class);

  private final AttemptStore store;
  private final EventRecorder events;

  AttemptKeeper(AttemptStore store, EventRecorder events) {
    this.store = store;
    this.events = events;
  }

  /**
   * Stores the attempts the execution made since the last call and returns the checkpoint they
   * belong to; null when there is no run yet, or storing failed (then they stay for next time).
   */
  ExperimentRun.Checkpoint keep(LambdaScalingExperiment resource, Execution e) {
    ExperimentRun run = e.experimentRun();
    if (run == null) {
      return null;
    }
    // One keeper at a time per execution (a reconcile and a drain may meet): never twice stored.
    synchronized (e) {
      return keep(resource, e, run);
    }
  }

  /**
   * What a drain keeps: the attempts not yet stored, written now.
   *
   * @return how many were kept
   */
  int keepUnstored(Execution e) {
    ExperimentRun run = e.experimentRun();
    if (run == null) {
      return 0;
    }
    synchronized (e) {
      int unstored = run.checkpoint().unstored().size();
      return keep(e.experiment(), e, run) != null ? unstored : 0;
    }
  }

  private ExperimentRun.Checkpoint keep(
      LambdaScalingExperiment resource, Execution e, ExperimentRun run) {
    ExperimentRun.Checkpoint c = run.checkpoint();
    if (c.unstored().isEmpty()) {
      return c;
    }
    try {
      store.append(resource, e.workload(), c.unstored());
      run.stored(c.unstored().size());
      return c;
    } catch (KubernetesClientException ex) {
      LOG.warn(
          "could not keep the attempts of {}/{}: {}",
          resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(),
          ex.getMessage());
      events.warning(
          resource,
          "AttemptsNotKept",
          c.unstored().size()
              + " attempts wait to be written to ConfigMaps (the status counts them once they"
              + " are): "
              + ex.getMessage());
      return null;
    }
  }
}
