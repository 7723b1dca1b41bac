package io.lambdascaling.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lambdascaling.api.v1alpha1.CleanupPolicy;
import io.lambdascaling.api.v1alpha1.ExperimentSpec;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.operator.config.OperatorConfig;
import io.lambdascaling.operator.fleet.DesiredFunction;
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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

  private static final int PROVISIONERS = 8;

  final long generation;
  final String uid;
  final List<ExperimentRun.Target> targets = new ArrayList<>();
  private final LambdaScalingExperiment experiment;
  private final OperatorConfig config;
  private final Fleet fleet;
  private final FunctionCaller caller;
  private final ExecutorService invocations;
  private final Semaphore globalCap;
  private final AtomicInteger ready = new AtomicInteger();
  private volatile int skipped;
  private final Map<String, String> tags;
  private final AttemptStore store;
  private final String workload;
  private final boolean specChanged;
  private final boolean plannable;

  /** The prefix the functions were made under before, when the spec now names another. */
  private final String formerPrefix;

  private volatile boolean formerPrefixCleared;
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
      FunctionCaller caller,
      ExecutorService invocations,
      Semaphore globalCap,
      AttemptStore store) {
    this.experiment = experiment;
    this.generation =
        experiment.getMetadata().getGeneration() == null
            ? 0
            : experiment.getMetadata().getGeneration();
    this.uid = experiment.getMetadata().getUid();
    this.config = config;
    this.fleet = fleet;
    this.caller = caller;
    this.invocations = invocations;
    this.globalCap = globalCap;
    // An invalid spec is never run: its execution only ever deletes functions, found by uid.
    this.plannable = SpecValidator.validate(experiment).isEmpty();
    this.tags = plannable ? Planner.tags(experiment, config.installationId()) : Map.of();
    this.store = store;
    this.workload = plannable ? Planner.workloadFingerprint(experiment.getSpec()) : "";
    ExperimentStatus previous = experiment.getStatus();
    boolean resuming =
        previous != null
            && previous.getStartedAt() != null
            && previous.getPhase() != Phase.Completed
            && previous.getPhase() != Phase.Failed;
    // A resumed or re-planned run keeps its start, and so its maxDuration deadline.
    this.startedAt = resuming ? Instant.parse(previous.getStartedAt()) : Instant.now();
    this.specChanged =
        previous != null
            && previous.getObservedGeneration() != null
            && previous.getObservedGeneration() != generation;
    String before = previous == null ? null : previous.getFunctionNamePrefix();
    this.formerPrefix =
        plannable && before != null && !before.equals(spec().getFunction().getNamePrefix())
            ? before
            : null;
    if (plannable) {
      Planner.functions(experiment)
          .forEach(f -> targets.add(new ExperimentRun.Target(f.configuration(), f.functionName())));
    }
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
      Duration maxDuration = Durations.parse(spec.getBudget().getMaxDuration());
      Duration left = maxDuration.minus(Duration.between(startedAt, Instant.now()));
      ExperimentRun r =
          new ExperimentRun(
              caller,
              invocations,
              globalCap,
              new Budget(spec.getBudget().getMaxCostUsd(), history.spentUsd()),
              config.prices(),
              new ExperimentRun.Settings(
                  spec.getSampling().getInvocationsPerConfiguration(),
                  Durations.parse(spec.getSampling().getInterval()),
                  spec.getSampling().getWarmupInvocations(),
                  spec.getSampling().getMaxConcurrency(),
                  LambdaInvoker.event(
                      spec.getWorkload().getPasswords(),
                      spec.getWorkload().getIterations(),
                      spec.getWorkload().getAlgorithm().name()),
                  spec.getFunction().getTimeoutSeconds(),
                  3,
                  left.isNegative() ? Duration.ZERO : left,
                  uid.hashCode()),
              targets);
      // Attempts already kept count as made: a resumed run never repeats them.
      r.replay(history.attempts(), specChanged);
      r.observe(observer);
      run = r;
      // Renamed functions of a Retain experiment are made again under their new names, measured
      // or not; otherwise only the configurations still to measure need theirs.
      List<ExperimentRun.Target> needed =
          formerPrefix != null && spec.getCleanup().getOnCompletion() == CleanupPolicy.Retain
              ? targets
              : r.unfinished();
      skipped = targets.size() - needed.size();
      if (specChanged || formerPrefix != null) {
        deleteUnplanned();
      }
      provision(needed);
      if (stopped) {
        return;
      }
      // Only now: a process stopped or dying before this still finds the former prefix in the
      // status, and deletes and makes what is left to.
      formerPrefixCleared = true;
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
   * Deletes the functions of configurations the spec no longer has, and those under a former
   * namePrefix (found by tag).
   */
  private void deleteUnplanned() throws InterruptedException {
    Set<String> planned = new HashSet<>();
    targets.forEach(t -> planned.add(t.functionName()));
    for (String name : ownFunctions()) {
      if (!planned.contains(name)) {
        fleet.delete(name);
      }
    }
  }

  /** Every function carrying this experiment's uid, under the spec's prefix or a former one. */
  private Set<String> ownFunctions() throws InterruptedException {
    // An invalid spec is searched under any name: it may have been valid with another prefix.
    Set<String> prefixes = new LinkedHashSet<>();
    prefixes.add(plannable ? spec().getFunction().getNamePrefix() : "");
    if (formerPrefix != null) {
      prefixes.add(formerPrefix);
    }
    Set<String> names = new LinkedHashSet<>();
    for (String prefix : prefixes) {
      names.addAll(fleet.tagged(prefix, Planner.TAG_UID, uid));
    }
    return names;
  }

  /**
   * The namePrefix this experiment's functions are under, for the status: a former one until its
   * functions are gone, so that a new process taking over still knows where to look.
   */
  String functionNamePrefix() {
    if (formerPrefix != null && !formerPrefixCleared) {
      return formerPrefix;
    }
    return plannable ? spec().getFunction().getNamePrefix() : null;
  }

  private ExperimentSpec spec() {
    return experiment.getSpec();
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

  private void provision(List<ExperimentRun.Target> needed) throws InterruptedException {
    ExperimentSpec spec = experiment.getSpec();
    ExecutorService pool = Executors.newFixedThreadPool(PROVISIONERS);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (ExperimentRun.Target t : needed) {
        DesiredFunction want =
            new DesiredFunction(
                t.functionName(),
                t.configuration(),
                spec.getFunction().getRuntime().value(),
                spec.getFunction().getRoleArn(),
                spec.getFunction().getTimeoutSeconds(),
                tags,
                Planner.TAG_UID,
                uid);
        jobs.add(
            pool.submit(
                () -> {
                  if (!stopped) {
                    fleet.ensure(want, config.readyTimeout());
                    ready.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> job : jobs) {
        try {
          job.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof FleetException f) {
            throw f;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  /** Deletes every function carrying this experiment's uid: found by tag, not by plan. */
  void deleteFunctions() throws InterruptedException {
    for (String name : ownFunctions()) {
      fleet.delete(name);
    }
    formerPrefixCleared = true;
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
    return ready.get() + skipped;
  }

  Instant completedAt() {
    return completedAt;
  }
}
