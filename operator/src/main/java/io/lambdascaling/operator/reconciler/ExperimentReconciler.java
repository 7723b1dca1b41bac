package io.lambdascaling.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.lambdascaling.api.v1alpha1.ConditionTypes;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.operator.config.OperatorConfig;
import io.lambdascaling.operator.fleet.FleetException;
import io.lambdascaling.operator.journal.AttemptStore;
import io.lambdascaling.operator.metrics.ExperimentMetrics;
import io.lambdascaling.operator.runner.ExperimentRun;
import io.lambdascaling.operator.validation.SpecValidator;
import io.lambdascaling.operator.validation.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an experiment, validates it, starts or looks at its background {@link Execution}, and
 * writes its status; never waits on Lambda itself. Deleting the experiment deletes every function
 * tagged with its uid before the finalizer goes.
 */
@ControllerConfiguration(name = "lambdascalingexperiment")
public final class ExperimentReconciler
    implements Reconciler<LambdaScalingExperiment>, Cleaner<LambdaScalingExperiment> {

  private static final Logger LOG = LoggerFactory.getLogger(ExperimentReconciler.class);
  private static final long CLEANUP_RETRY_MS = 10_000;
  private static final long STOPPING_RECHECK_MS = 1_000;

  private final OperatorConfig config;
  private final Function<LambdaScalingExperiment, Execution> executions;
  private final Map<String, Execution> running = new ConcurrentHashMap<>();
  private final Supplier<String> platform;
  private final Executor background;
  private final AttemptStore store;
  private final EventRecorder events;
  private final ExperimentMetrics metrics;
  private volatile boolean draining;

  /**
   * @param executions makes (without starting) an experiment's execution
   * @param platform what runs the functions, for the status
   * @param background runs executions
   * @param store where attempts are kept before the status counts them
   * @param metrics shown each status written, and told when an experiment is deleted
   */
  public ExperimentReconciler(
      OperatorConfig config,
      Function<LambdaScalingExperiment, Execution> executions,
      Supplier<String> platform,
      Executor background,
      AttemptStore store,
      EventRecorder events,
      ExperimentMetrics metrics) {
    this.config = config;
    this.executions = executions;
    this.platform = platform;
    this.background = background;
    this.store = store;
    this.events = events;
    this.metrics = metrics;
  }

  @Override
  public UpdateControl<LambdaScalingExperiment> reconcile(
      LambdaScalingExperiment resource, Context<LambdaScalingExperiment> context) {
    if (draining) {
      return UpdateControl.noUpdate(); // this process is stopping: the next one carries on
    }
    String uid = resource.getMetadata().getUid();
    long generation =
        resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();
    StatusBuilder status = new StatusBuilder(resource);
    List<Violation> violations = SpecValidator.validate(resource);
    boolean suspend = violations.isEmpty() && resource.getSpec().isSuspend();

    Execution e = running.get(uid);
    ExperimentRun.Checkpoint last = null;
    if (e != null && (!violations.isEmpty() || suspend || e.generation != generation)) {
      // The work under way no longer matches the spec: let what is in flight land, keep it, and
      // only then start anew (or pause), so that no attempt is lost or made twice.
      e.stop();
      if (!e.finished()) {
        return UpdateControl.<LambdaScalingExperiment>noUpdate()
            .rescheduleAfter(STOPPING_RECHECK_MS);
      }
      last = keep(resource, e);
      if (last == null && e.experimentRun() != null) {
        return UpdateControl.<LambdaScalingExperiment>noUpdate()
            .rescheduleAfter(config.flushInterval());
      }
      running.remove(uid);
      e = null;
    }
    if (!violations.isEmpty()) {
      return publish(resource, status.invalid(violations));
    }
    if (suspend) {
      return publish(resource, status.suspended(last, config));
    }
    if (e == null) {
      ExperimentStatus previous = resource.getStatus();
      if (previous != null
          && Long.valueOf(generation).equals(previous.getObservedGeneration())
          && (previous.getPhase() == Phase.Completed || previous.getPhase() == Phase.Failed)) {
        return UpdateControl.noUpdate(); // finished with this spec, before or by another process
      }
      e = executions.apply(resource);
      running.put(uid, e);
      background.execute(e);
    }
    // The stage is read before the checkpoint is taken: a run that had ended by then has every
    // attempt in it, so a terminal status is never written from a partial checkpoint.
    Execution.Stage stage = e.stage();
    if (stage == Execution.Stage.PROVISIONING
        && e.experimentRun() == null
        && e.storeError() == null
        && counted(resource.getStatus())
        && Long.valueOf(generation).equals(resource.getStatus().getObservedGeneration())) {
      // A new process resuming the same spec counts nothing before it has read what was kept:
      // until then the status keeps what it says rather than fall back to zero.
      return UpdateControl.<LambdaScalingExperiment>noUpdate()
          .rescheduleAfter(config.flushInterval());
    }
    ExperimentRun.Checkpoint checkpoint = keep(resource, e);
    if (checkpoint == null && e.experimentRun() != null) {
      // Not kept means not counted: the status waits rather than count what could be lost.
      return UpdateControl.<LambdaScalingExperiment>noUpdate()
          .rescheduleAfter(config.flushInterval());
    }
    UpdateControl<LambdaScalingExperiment> update =
        publish(resource, status.of(e, stage, checkpoint, config, platform.get()));
    if (stage == Execution.Stage.COMPLETED || stage == Execution.Stage.FAILED) {
      running.remove(uid);
      return update;
    }
    return update.rescheduleAfter(config.flushInterval());
  }

  private static boolean counted(ExperimentStatus status) {
    return status != null
        && status.getInvocations() != null
        && (status.getInvocations().getSucceeded() > 0 || status.getInvocations().getFailed() > 0);
  }

  /**
   * Stores the attempts the execution made since the last call and returns the checkpoint they
   * belong to; null when there is no run yet, or storing failed (then they stay for next time).
   */
  private ExperimentRun.Checkpoint keep(LambdaScalingExperiment resource, Execution e) {
    ExperimentRun run = e.experimentRun();
    if (run == null) {
      return null;
    }
    // One keeper at a time per execution (a reconcile and a drain may meet): never twice stored.
    synchronized (e) {
      return keep(resource, e, run);
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
      LOG.warn("could not keep the attempts of {}: {}", name(resource), ex.getMessage());
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

  /**
   * A graceful stop (SIGTERM): every execution stops starting invocations, those in flight get
   * until the timeout to land, and every attempt made by then is kept, so that the next process
   * makes none of them again. The status is left to the next process, which counts what was kept.
   *
   * @return attempts kept by this drain
   */
  public int drain(Duration timeout) throws InterruptedException {
    draining = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Execution> all = List.copyOf(running.values());
    all.forEach(Execution::stop);
    int unfinished = 0;
    for (Execution e : all) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!e.awaitFinished(Duration.ofNanos(left))) {
        unfinished++;
      }
    }
    int kept = 0;
    for (Execution e : all) {
      ExperimentRun run = e.experimentRun();
      if (run != null) {
        synchronized (e) {
          int unstored = run.checkpoint().unstored().size();
          if (keep(e.experiment(), e, run) != null) {
            kept += unstored;
          }
        }
      }
    }
    LOG.info(
        "drained {} experiments: {} attempts kept{}",
        all.size(),
        kept,
        unfinished == 0
            ? ""
            : "; " + unfinished + " still had invocations in flight after " + timeout);
    return kept;
  }

  /** Sets the status and tells, by Events, what changed. */
  private UpdateControl<LambdaScalingExperiment> publish(
      LambdaScalingExperiment resource, ExperimentStatus next) {
    ExperimentStatus previous = resource.getStatus();
    Phase before = previous == null ? null : previous.getPhase();
    if (next.getPhase() != before) {
      events.normal(resource, next.getPhase().name(), StatusBuilder.summary(next));
    }
    for (String type :
        List.of(
            ConditionTypes.INVALID_SPEC,
            ConditionTypes.DEGRADED,
            ConditionTypes.BUDGET_EXHAUSTED)) {
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

  private static String name(LambdaScalingExperiment resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  @Override
  public DeleteControl cleanup(
      LambdaScalingExperiment resource, Context<LambdaScalingExperiment> context) {
    if (draining) {
      return DeleteControl.noFinalizerRemoval(); // the next process deletes the functions
    }
    String uid = resource.getMetadata().getUid();
    Execution e = running.get(uid);
    if (e != null) {
      e.stop();
      if (!e.finished()) {
        // Invocations or creations in flight: delete only once nothing more can appear.
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(STOPPING_RECHECK_MS);
      }
      running.remove(uid);
    }
    try {
      executions.apply(resource).deleteFunctions();
      store.forget(uid);
      metrics.deleted(resource);
      return DeleteControl.defaultDelete();
    } catch (FleetException | IllegalArgumentException ex) {
      LOG.warn("could not delete the functions of {}: {}", name(resource), ex.getMessage());
      events.warning(
          resource,
          "CleanupFailed",
          "could not delete the experiment's functions (retrying in "
              + CLEANUP_RETRY_MS / 1000
              + " s): "
              + ex.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_RETRY_MS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_RETRY_MS);
    }
  }
}
