package io.lambdascaling.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lambdascaling.analysis.Tally;
import io.lambdascaling.api.v1alpha1.CleanupPolicy;
import io.lambdascaling.api.v1alpha1.ExperimentSpec;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.operator.config.OperatorConfig;
import io.lambdascaling.operator.fleet.Fleet;
import io.lambdascaling.operator.fleet.FleetException;
import io.lambdascaling.operator.journal.AttemptStore;
import io.lambdascaling.operator.plan.Planner;
import io.lambdascaling.operator.runner.Budget;
import io.lambdascaling.operator.runner.ExperimentRun;
import io.lambdascaling.operator.runner.FunctionCaller;
import io.lambdascaling.operator.runner.LambdaInvoker;
import io.lambdascaling.operator.validation.Durations;
import io.lambdascaling.operator.validation.SpecValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One experiment's background work, off the reconciler's thread: provision its functions, run its
 * invocations, and (cleanup Delete) delete the functions when done. The reconciler reads {@link
 * #stage()} and the run's progress and writes the status.
 */
public final class Execution implements Runnable {

  /** Where the work stands. */
  enum Stage {
    PROVISIONING,
    RUNNING,
    COMPLETED,
    FAILED
  }

  /** Where invocations run, shared by every experiment. */
  public record Invocations(FunctionCaller caller, ExecutorService pool, Semaphore globalCap) {}

  final long generation;
  final String uid;
  final List<ExperimentRun.Target> targets = new ArrayList<>();
  private final LambdaScalingExperiment experiment;
  private final OperatorConfig config;
  private final Invocations invocations;
  private final ExperimentFunctions functions;
  private volatile int skipped;
  private final AttemptStore store;
  private final String workload;
  private final boolean specChanged;

  private volatile Stage stage = Stage.PROVISIONING;
  private volatile String failure;
  private volatile String storeError;
  private volatile ExperimentRun run;
  private volatile ExperimentRun.Observer observer = ExperimentRun.Observer.NONE;
  private volatile boolean stopped;
  final Instant startedAt;
  private volatile Instant completedAt;
  private final CountDownLatch finished = new CountDownLatch(1);

  public Execution(
      LambdaScalingExperiment experiment,
      OperatorConfig config,
      Fleet fleet,
      Invocations invocations,
      AttemptStore store) {
    this.experiment = experiment;
    this.generation =
        experiment.getMetadata().getGeneration() == null
            ? 0
            : experiment.getMetadata().getGeneration();
    this.uid = experiment.getMetadata().getUid();
    this.config = config;
    this.invocations = invocations;
    this.store = store;
    // An invalid spec is never run: its execution only ever deletes functions, found by uid.
    boolean plannable = SpecValidator.validate(experiment).isEmpty();
    this.functions = new ExperimentFunctions(experiment, plannable, fleet, config.installationId());
    this.workload = plannable ? Planner.workloadFingerprint(experiment.getSpec()) : "";
    ExperimentStatus previous = experiment.getStatus();
    this.startedAt = startedAt(previous);
    this.specChanged =
        previous != null
            && previous.getObservedGeneration() != null
            && previous.getObservedGeneration() != generation;
    if (plannable) {
      Planner.functions(experiment)
          .forEach(f -> targets.add(new ExperimentRun.Target(f.configuration(), f.functionName())));
    }
  }

  /** A resumed or re-planned run keeps its start, and so its maxDuration deadline. */
  private static Instant startedAt(ExperimentStatus previous) {
    boolean resuming =
        previous != null
            && previous.getStartedAt() != null
            && previous.getPhase() != Phase.Completed
            && previous.getPhase() != Phase.Failed;
    return resuming ? Instant.parse(previous.getStartedAt()) : Instant.now();
  }

  /** Tells each attempt of the run to the observer (the metrics). Call before {@link #run()}. */
  public Execution observedBy(ExperimentRun.Observer observer) {
    this.observer = observer;
    return this;
  }

  @Override
  public void run() {
    try {
      ExperimentSpec spec = experiment.getSpec();
      AttemptStore.History history = loadHistory();
      if (history == null) {
        return;
      }
      ExperimentRun r = newRun(spec, history);
      // Attempts already kept count as made: a resumed run never repeats them.
      r.replay(history.attempts(), specChanged);
      r.observe(observer);
      run = r;
      if (!provision(spec, r)) {
        return;
      }
      stage = Stage.RUNNING;
      r.run();
      if (stopped) {
        return; // stopped, not completed: whoever stopped it decides what comes next
      }
      if (spec.getCleanup().getOnCompletion() == CleanupPolicy.Delete) {
        deleteFunctions();
      }
      completedAt = Instant.now();
      stage = Stage.COMPLETED;
    } catch (FleetException e) {
      fail(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail("unexpected: " + e);
    } finally {
      finished.countDown();
    }
  }

  private ExperimentRun newRun(ExperimentSpec spec, AttemptStore.History history) {
    Duration maxDuration = Durations.parse(spec.getBudget().getMaxDuration());
    Duration left = maxDuration.minus(Duration.between(startedAt, Instant.now()));
    Tally.Rules rules = Planner.rules(spec);
    return new ExperimentRun(
        invocations.caller(),
        invocations.pool(),
        invocations.globalCap(),
        new Budget(spec.getBudget().getMaxCostUsd(), history.spentUsd()),
        config.prices(),
        new ExperimentRun.Settings(
            rules.invocations(),
            Durations.parse(spec.getSampling().getInterval()),
            rules.warmupInvocations(),
            spec.getSampling().getMaxConcurrency(),
            LambdaInvoker.event(
                spec.getWorkload().getPasswords(),
                spec.getWorkload().getIterations(),
                spec.getWorkload().getAlgorithm().name()),
            spec.getFunction().getTimeoutSeconds(),
            rules.failuresBeforeGivingUp(),
            left.isNegative() ? Duration.ZERO : left,
            uid.hashCode()),
        targets);
  }

  /**
   * Deletes what the plan no longer has and makes what the run needs; false if stopped meanwhile.
   */
  private boolean provision(ExperimentSpec spec, ExperimentRun r) throws InterruptedException {
    // Renamed functions of a Retain experiment are made again under their new names, measured
    // or not; otherwise only the configurations still to measure need theirs.
    List<ExperimentRun.Target> needed =
        functions.renamed() && spec.getCleanup().getOnCompletion() == CleanupPolicy.Retain
            ? targets
            : r.unfinished();
    skipped = targets.size() - needed.size();
    if (specChanged || functions.renamed()) {
      functions.deleteUnplanned(targets);
    }
    functions.provision(needed, config.readyTimeout(), () -> stopped);
    if (stopped) {
      return false;
    }
    // Only now: a process stopped or dying before this still finds the former prefix in the
    // status, and deletes and makes what is left to.
    functions.formerPrefixCleared();
    return true;
  }

  /**
   * The attempts kept so far; the API server being unreachable only delays the run (null if it was
   * stopped meanwhile).
   */
  private AttemptStore.History loadHistory() throws InterruptedException {
    long pauseMs = 500;
    while (!stopped) {
      try {
        AttemptStore.History h = store.load(experiment, workload);
        storeError = null;
        return h;
      } catch (KubernetesClientException | IllegalArgumentException e) {
        storeError = "cannot read the kept attempts: " + e.getMessage();
        Thread.sleep(pauseMs); // backing off before asking the API server again
        pauseMs = Math.min(30_000, pauseMs * 2);
      }
    }
    return null;
  }

  /**
   * The namePrefix this experiment's functions are under, for the status: a former one until its
   * functions are gone, so that a new process taking over still knows where to look.
   */
  String functionNamePrefix() {
    return functions.namePrefix();
  }

  /** True once the background work has ended: nothing more will be created or invoked. */
  boolean finished() {
    return finished.getCount() == 0;
  }

  /** Waits until the background work has ended, at most the timeout; true if it has. */
  boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The experiment as this execution was made from. */
  LambdaScalingExperiment experiment() {
    return experiment;
  }

  private void fail(String message) {
    failure = message;
    completedAt = Instant.now();
    stage = Stage.FAILED;
  }

  /** Deletes every function carrying this experiment's uid: found by tag, not by plan. */
  void deleteFunctions() throws InterruptedException {
    functions.deleteAll();
  }

  void stop() {
    stopped = true;
    ExperimentRun r = run;
    if (r != null) {
      r.stop();
    }
  }

  Stage stage() {
    return stage;
  }

  String workload() {
    return workload;
  }

  String failure() {
    return failure;
  }

  /** Why the kept attempts could not be read, while that is so. */
  String storeError() {
    return storeError;
  }

  ExperimentRun experimentRun() {
    return run;
  }

  /** Functions active, counting those of configurations already done (they need none). */
  int ready() {
    return functions.ready() + skipped;
  }

  Instant completedAt() {
    return completedAt;
  }
}
