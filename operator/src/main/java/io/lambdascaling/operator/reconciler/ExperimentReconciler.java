package io.lambdascaling.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.lambdascaling.operator.OperatorConfig;
import io.lambdascaling.operator.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.operator.fleet.FleetException;
import io.lambdascaling.operator.validation.SpecValidator;
import io.lambdascaling.operator.validation.Violation;
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

  /**
   * @param executions makes (without starting) an experiment's execution
   * @param platform what runs the functions, for the status
   * @param background runs executions
   */
  public ExperimentReconciler(
      OperatorConfig config,
      Function<LambdaScalingExperiment, Execution> executions,
      Supplier<String> platform,
      Executor background) {
    this.config = config;
    this.executions = executions;
    this.platform = platform;
    this.background = background;
  }

  @Override
  public UpdateControl<LambdaScalingExperiment> reconcile(
      LambdaScalingExperiment resource, Context<LambdaScalingExperiment> context) {
    StatusBuilder status = new StatusBuilder(resource);
    String uid = resource.getMetadata().getUid();
    List<Violation> violations = SpecValidator.validate(resource);
    if (!violations.isEmpty()) {
      stop(uid);
      resource.setStatus(status.invalid(violations));
      return UpdateControl.patchStatus(resource);
    }
    if (resource.getSpec().isSuspend()) {
      stop(uid);
      resource.setStatus(status.suspended());
      return UpdateControl.patchStatus(resource);
    }
    Execution e = running.get(uid);
    long generation =
        resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();
    if (e == null || e.generation != generation) {
      if (e != null) {
        e.stop();
      }
      e = executions.apply(resource);
      running.put(uid, e);
      background.execute(e);
    }
    resource.setStatus(status.of(e, config, platform.get()));
    UpdateControl<LambdaScalingExperiment> update = UpdateControl.patchStatus(resource);
    boolean terminal =
        e.stage() == Execution.Stage.COMPLETED || e.stage() == Execution.Stage.FAILED;
    return terminal ? update : update.rescheduleAfter(config.flushInterval());
  }

  private void stop(String uid) {
    Execution e = running.remove(uid);
    if (e != null) {
      e.stop();
    }
  }

  @Override
  public DeleteControl cleanup(
      LambdaScalingExperiment resource, Context<LambdaScalingExperiment> context) {
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
      return DeleteControl.defaultDelete();
    } catch (FleetException | IllegalArgumentException ex) {
      LOG.warn(
          "could not delete the functions of {}: {}",
          resource.getMetadata().getName(),
          ex.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_RETRY_MS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_RETRY_MS);
    }
  }
}
