package io.lambdascaling.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.operator.config.OperatorConfig;
import io.lambdascaling.operator.journal.AttemptStore;
import io.lambdascaling.operator.metrics.ExperimentMetrics;
import io.lambdascaling.operator.runner.ExperimentRun;
import io.lambdascaling.operator.validation.SpecValidator;
import io.lambdascaling.operator.validation.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an experiment, validates it, starts or looks at its background {@link Execution}, and
 * writes its status; never waits on Lambda itself. Deleting the experiment starts the deletion of
 * every function tagged with its uid in the background; the finalizer goes once they are gone.
 */
@ControllerConfiguration(name = "lambdascalingexperiment")
public final class ExperimentReconciler
    implements Reconciler<LambdaScalingExperiment>, Cleaner<LambdaScalingExperiment> {

  private static final Logger LOG = LoggerFactory.getLogger(ExperimentReconciler.class);
  private static final long STOPPING_RECHECK_MS = 1_000;

  /** What an experiment's work runs on and reports to. */
  public record Parts(
      Function<LambdaScalingExperiment, Execution> executions,
      Supplier<String> platform,
      Executor background,
      AttemptStore store,
      EventRecorder events,
      ExperimentMetrics metrics) {}

  private final OperatorConfig config;
  private final Parts parts;
  private final Map<String, Execution> running = new ConcurrentHashMap<>();
  private final AttemptKeeper keeper;
  private final StatusPublisher publisher;
  private final Deletions deletions;
  private volatile boolean draining;

  /**
   * @param parts makes (without starting) an experiment's execution, says what runs the functions
   *     (for the status), runs executions and deletions in the background, keeps attempts before
   *     the status counts them, records Events, and is shown each status written
   */
  public ExperimentReconciler(OperatorConfig config, Parts parts) {
    this.config = config;
    this.parts = parts;
    this.keeper = new AttemptKeeper(parts.store(), parts.events());
    this.publisher = new StatusPublisher(parts.events(), parts.metrics());
    this.deletions =
        new Deletions(
            parts.executions(), parts.background(), parts.store(), parts.events(), parts.metrics());
  }

  @Override
  public UpdateControl<LambdaScalingExperiment> reconcile(
      LambdaScalingExperiment resource, Context<LambdaScalingExperiment> context) {
    if (draining) {
      return UpdateControl.noUpdate(); // this process is stopping: the next one carries on
    }
    String uid = resource.getMetadata().getUid();
    long generation = generation(resource);
    List<Violation> violations = SpecValidator.validate(resource);
    boolean suspend = violations.isEmpty() && resource.getSpec().isSuspend();

    Execution e = running.get(uid);
    ExperimentRun.Checkpoint last = null;
    if (e != null && (!violations.isEmpty() || suspend || e.generation != generation)) {
      // The work under way no longer matches the spec: let what is in flight land, keep it, and
      // only then start anew (or pause), so that no attempt is lost or made twice.
      e.stop();
      if (!e.finished()) {
        return recheck(STOPPING_RECHECK_MS);
      }
      last = keeper.keep(resource, e);
      if (last == null && e.experimentRun() != null) {
        return recheck(config.flushInterval().toMillis());
      }
      running.remove(uid);
      e = null;
    }
    return follow(resource, violations, suspend, e, last);
  }

  /**
   * Does what the spec says now that nothing runs against another: shows it invalid, pauses (with
   * the last checkpoint of the work stopped, if any), or starts or reports its execution.
   */
  private UpdateControl<LambdaScalingExperiment> follow(
      LambdaScalingExperiment resource,
      List<Violation> violations,
      boolean suspend,
      Execution e,
      ExperimentRun.Checkpoint last) {
    StatusBuilder status = new StatusBuilder(resource);
    if (!violations.isEmpty()) {
      return publisher.publish(resource, status.invalid(violations));
    }
    if (suspend) {
      return publisher.publish(resource, status.suspended(last, config));
    }
    long generation = generation(resource);
    if (e == null) {
      if (finishedWithSpec(resource.getStatus(), generation)) {
        return UpdateControl.noUpdate(); // finished with this spec, before or by another process
      }
      e = parts.executions().apply(resource);
      running.put(e.uid, e);
      parts.background().execute(e);
    }
    return report(resource, e, status, generation);
  }

  /** Writes the status of the execution under way, and looks again after the flush interval. */
  private UpdateControl<LambdaScalingExperiment> report(
      LambdaScalingExperiment resource, Execution e, StatusBuilder status, long generation) {
    // The stage is read before the checkpoint is taken: a run that had ended by then has every
    // attempt in it, so a terminal status is never written from a partial checkpoint.
    Execution.Stage stage = e.stage();
    if (stage == Execution.Stage.PROVISIONING && readingHistory(resource, e, generation)) {
      // A new process resuming the same spec counts nothing before it has read what was kept:
      // until then the status keeps what it says rather than fall back to zero.
      return recheck(config.flushInterval().toMillis());
    }
    ExperimentRun.Checkpoint checkpoint = keeper.keep(resource, e);
    if (checkpoint == null && e.experimentRun() != null) {
      // Not kept means not counted: the status waits rather than count what could be lost.
      return recheck(config.flushInterval().toMillis());
    }
    UpdateControl<LambdaScalingExperiment> update =
        publisher.publish(
            resource, status.of(e, stage, checkpoint, config, parts.platform().get()));
    if (stage == Execution.Stage.COMPLETED || stage == Execution.Stage.FAILED) {
      running.remove(e.uid);
      return update;
    }
    return update.rescheduleAfter(config.flushInterval());
  }

  private static long generation(LambdaScalingExperiment resource) {
    Long generation = resource.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  private static boolean finishedWithSpec(ExperimentStatus previous, long generation) {
    return previous != null
        && Long.valueOf(generation).equals(previous.getObservedGeneration())
        && (previous.getPhase() == Phase.Completed || previous.getPhase() == Phase.Failed);
  }

  /** Whether a resumed execution is still reading the attempts kept for a status that counts. */
  private static boolean readingHistory(
      LambdaScalingExperiment resource, Execution e, long generation) {
    ExperimentStatus status = resource.getStatus();
    return e.experimentRun() == null
        && e.storeError() == null
        && counted(status)
        && Long.valueOf(generation).equals(status.getObservedGeneration());
  }

  private static boolean counted(ExperimentStatus status) {
    return status != null
        && status.getInvocations() != null
        && (status.getInvocations().getSucceeded() > 0 || status.getInvocations().getFailed() > 0);
  }

  private static UpdateControl<LambdaScalingExperiment> recheck(long afterMs) {
    return UpdateControl.<LambdaScalingExperiment>noUpdate().rescheduleAfter(afterMs);
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
      kept += keeper.keepUnstored(e);
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
    return deletions.delete(resource);
  }
}
