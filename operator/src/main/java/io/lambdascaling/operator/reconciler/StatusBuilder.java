package io.lambdascaling.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Tally;
import io.lambdascaling.api.v1alpha1.ConditionTypes;
import io.lambdascaling.api.v1alpha1.ConfigurationCounts;
import io.lambdascaling.api.v1alpha1.ExperimentSpec;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.InvocationCounts;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.operator.config.OperatorConfig;
import io.lambdascaling.operator.plan.Planner;
import io.lambdascaling.operator.runner.ExperimentRun;
import io.lambdascaling.operator.status.Results;
import io.lambdascaling.operator.validation.Violation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one place that builds an experiment's status: phase, counts, spend, results, table, and
 * conditions that keep their lastTransitionTime while their status does not change.
 */
final class StatusBuilder {

  private final LambdaScalingExperiment experiment;
  private final ExperimentStatus previous;
  private final ExperimentStatus status = new ExperimentStatus();
  private final long generation;

  StatusBuilder(LambdaScalingExperiment experiment) {
    this.experiment = experiment;
    this.previous =
        experiment.getStatus() == null ? new ExperimentStatus() : experiment.getStatus();
    Long g = experiment.getMetadata().getGeneration();
    this.generation = g == null ? 0 : g;
    status.setObservedGeneration(generation);
  }

  /**
   * An invalid spec: Failed with InvalidSpec naming every violation. What was measured under the
   * last valid spec stays in the status (and its attempts in the ConfigMaps): a typo in Git does
   * not blank the results while it is being fixed.
   */
  ExperimentStatus invalid(List<Violation> violations) {
    status.setPhase(Phase.Failed);
    keepPrevious();
    status.setCompletedAt(previous.getCompletedAt());
    keepPreviousFigures();
    String message = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    condition(ConditionTypes.INVALID_SPEC, true, "InvalidSpec", message);
    condition(ConditionTypes.READY, false, "InvalidSpec", "the spec is invalid: " + message);
    return status;
  }

  /**
   * @param last what the run that was just stopped had made; null to keep the previous figures
   */
  ExperimentStatus suspended(ExperimentRun.Checkpoint last, OperatorConfig config) {
    status.setPhase(Phase.Suspended);
    keepPrevious();
    if (last == null) {
      keepPreviousFigures();
    } else {
      measured(
          last,
          config,
          previous.getConfigurations() == null ? 0 : previous.getConfigurations().getReady());
    }
    condition(ConditionTypes.INVALID_SPEC, false, "Valid", "the spec is valid");
    condition(ConditionTypes.PROGRESSING, false, "Suspended", "suspend is true: no invocations");
    condition(ConditionTypes.READY, false, "Suspended", "suspended");
    return status;
  }

  /** What stays as it was while nothing runs: the start, platform, prefix and table. */
  private void keepPrevious() {
    status.setStartedAt(previous.getStartedAt());
    status.setPlatform(previous.getPlatform());
    status.setFunctionNamePrefix(previous.getFunctionNamePrefix());
    status.setTable(previous.getTable());
  }

  /** The counts, progress, spend and results as the previous status had them. */
  private void keepPreviousFigures() {
    status.setConfigurations(previous.getConfigurations());
    status.setInvocations(previous.getInvocations());
    status.setProgressPercent(previous.getProgressPercent());
    status.setResults(previous.getResults());
    status.setSpendUsd(previous.getSpendUsd());
  }

  /**
   * @param stage the execution's stage, read before the checkpoint was taken
   */
  ExperimentStatus of(
      Execution e,
      Execution.Stage stage,
      ExperimentRun.Checkpoint checkpoint,
      OperatorConfig config,
      String platform) {
    status.setStartedAt(e.startedAt.truncatedTo(ChronoUnit.SECONDS).toString());
    Instant completed = e.completedAt();
    if (completed != null
        && (stage == Execution.Stage.COMPLETED || stage == Execution.Stage.FAILED)) {
      status.setCompletedAt(completed.truncatedTo(ChronoUnit.SECONDS).toString());
    }
    status.setPlatform(platform);
    status.setFunctionNamePrefix(e.functionNamePrefix());
    condition(ConditionTypes.INVALID_SPEC, false, "Valid", "the spec is valid");
    Results.Written written = measured(checkpoint, config, e.ready());
    provisioned(e);
    budgetExhausted(e.experimentRun());
    degraded(e);
    stage(e, stage, written);
    return status;
  }

  private void provisioned(Execution e) {
    int total = e.targets.size();
    boolean provisioned = e.ready() == total;
    condition(
        ConditionTypes.PROVISIONED,
        provisioned,
        provisioned ? "FunctionsActive" : "Provisioning",
        e.ready() + " of " + total + " functions active");
  }

  private void budgetExhausted(ExperimentRun run) {
    boolean budget =
        run != null
            && run.done()
            && run.stopReason() != ExperimentRun.StopReason.NONE
            && run.stopReason() != ExperimentRun.StopReason.STOPPED;
    condition(
        ConditionTypes.BUDGET_EXHAUSTED,
        budget,
        budget
            ? (run.stopReason() == ExperimentRun.StopReason.BUDGET
                ? "MaxCostReached"
                : "MaxDurationReached")
            : "WithinBudget",
        budget ? "stopped: " + run.stopReason() + "; analysed what exists" : "within budget");
  }

  private void degraded(Execution e) {
    int failedConfigurations = status.getConfigurations().getFailed();
    String storeError = e.storeError();
    boolean degraded = e.failure() != null || storeError != null || failedConfigurations > 0;
    condition(
        ConditionTypes.DEGRADED,
        degraded,
        e.failure() != null
            ? "FleetError"
            : storeError != null
                ? "AttemptsUnreadable"
                : failedConfigurations > 0 ? "ConfigurationsFailed" : "Healthy",
        e.failure() != null
            ? e.failure()
            : storeError != null ? storeError : failedConfigurations + " configurations failed");
  }

  private void stage(Execution e, Execution.Stage stage, Results.Written written) {
    switch (stage) {
      case PROVISIONING -> {
        status.setPhase(Phase.Provisioning);
        condition(ConditionTypes.PROGRESSING, true, "Provisioning", "creating functions");
        condition(ConditionTypes.READY, false, "Provisioning", "not finished");
      }
      case RUNNING -> {
        status.setPhase(Phase.Running);
        InvocationCounts n = status.getInvocations();
        String progress = n.getSucceeded() + " of " + n.getTarget() + " invocations";
        condition(ConditionTypes.PROGRESSING, true, "Invoking", progress);
        condition(ConditionTypes.READY, false, "Running", "not finished");
      }
      case COMPLETED -> {
        status.setPhase(Phase.Completed);
        status.setTable(written.table());
        condition(ConditionTypes.PROGRESSING, false, "Completed", "no more invocations");
        String ready = "the threads-to-memory table is in status.table";
        condition(ConditionTypes.READY, true, "Completed", ready);
      }
      case FAILED -> {
        status.setPhase(Phase.Failed);
        condition(ConditionTypes.PROGRESSING, false, "Failed", e.failure());
        condition(ConditionTypes.READY, false, "Failed", e.failure());
      }
    }
  }

  /**
   * Counts, progress, spend and per-configuration results from a checkpoint (nothing measured yet
   * when null); returns them with the table.
   */
  private Results.Written measured(
      ExperimentRun.Checkpoint checkpoint, OperatorConfig config, int ready) {
    ExperimentSpec spec = experiment.getSpec();
    Map<Configuration, Tally.Snapshot> tallies = new LinkedHashMap<>();
    for (Planner.PlannedFunction f : Planner.functions(experiment)) {
      tallies.put(
          f.configuration(),
          checkpoint == null ? null : checkpoint.progress().get(f.configuration()));
    }
    counts(tallies, ready);
    status.setSpendUsd(checkpoint == null ? 0.0 : checkpoint.spentUsd());
    Results.Written written =
        Results.of(
            tallies,
            spec.getAnalysis().getTolerancePercent(),
            spec.getAnalysis().getConfidenceLevel(),
            config.prices());
    status.setResults(written.results());
    return written;
  }

  /** The configuration and invocation counts, and the progress. */
  private void counts(Map<Configuration, Tally.Snapshot> tallies, int ready) {
    long succeeded = 0;
    long failed = 0;
    long throttled = 0;
    long serviceErrors = 0;
    int failedConfigurations = 0;
    for (Tally.Snapshot t : tallies.values()) {
      if (t != null) {
        succeeded += t.succeeded();
        failed += t.functionErrors() + t.timeouts();
        throttled += t.throttled();
        serviceErrors += t.serviceErrors();
        failedConfigurations += t.state() == Tally.State.FAILED ? 1 : 0;
      }
    }
    long target =
        (long) tallies.size() * experiment.getSpec().getSampling().getInvocationsPerConfiguration();
    status.setConfigurations(new ConfigurationCounts(tallies.size(), ready, failedConfigurations));
    status.setInvocations(
        new InvocationCounts(target, succeeded, failed, throttled, serviceErrors));
    status.setProgressPercent(
        target == 0 ? 0 : Math.min(100, Math.round(1000.0 * succeeded / target) / 10.0));
  }

  /** One line about where the experiment stands, for Events. */
  static String summary(ExperimentStatus s) {
    StringBuilder b = new StringBuilder("phase ").append(s.getPhase());
    if (s.getConfigurations() != null) {
      b.append("; ").append(s.getConfigurations().getTotal()).append(" configurations");
    }
    if (s.getInvocations() != null) {
      b.append("; ")
          .append(s.getInvocations().getSucceeded())
          .append(" of ")
          .append(s.getInvocations().getTarget())
          .append(" invocations");
    }
    if (s.getSpendUsd() != null) {
      b.append(String.format(Locale.ROOT, "; spend $%.4f", s.getSpendUsd()));
    }
    return b.toString();
  }

  /** The status's condition of a type, or null. */
  static Condition condition(ExperimentStatus s, String type) {
    return s.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  /** Sets a condition; its lastTransitionTime moves only when its status changes. */
  private void condition(String type, boolean value, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String s = value ? "True" : "False";
    String since =
        previous.getConditions().stream()
            .filter(c -> type.equals(c.getType()) && s.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .findFirst()
            .orElse(now);
    List<Condition> conditions = new ArrayList<>(status.getConditions());
    conditions.removeIf(c -> type.equals(c.getType()));
    conditions.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(s)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(since)
            .build());
    status.setConditions(conditions);
  }
}
