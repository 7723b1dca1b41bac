package io.lambdascaling.operator.reconciler;

import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.FunctionSpec;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.operator.fleet.DesiredFunction;
import io.lambdascaling.operator.fleet.Fleet;
import io.lambdascaling.operator.fleet.FleetException;
import io.lambdascaling.operator.plan.Planner;
import io.lambdascaling.operator.runner.ExperimentRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The Lambda functions one experiment owns: made as its plan says, and found by its uid tag — not
 * by plan, so that nothing a crashed or changed plan made is missed — under the spec's namePrefix
 * and the one the status names when the spec has since changed it.
 */
final class ExperimentFunctions {

  private static final int PROVISIONERS = 8;

  private final Fleet fleet;
  private final String uid;

  /** The spec's function settings; null for an invalid spec, whose functions are only deleted. */
  private final FunctionSpec function;

  private final Map<String, String> tags;

  /** The prefix the functions were made under before, when the spec now names another. */
  private final String formerPrefix;

  private volatile boolean formerPrefixCleared;
  private final AtomicInteger ready = new AtomicInteger();

  /**
   * @param plannable whether the spec is valid (an invalid one is never planned or provisioned)
   */
  ExperimentFunctions(
      LambdaScalingExperiment experiment, boolean plannable, Fleet fleet, String installationId) {
    this.fleet = fleet;
    this.uid = experiment.getMetadata().getUid();
    this.function = plannable ? experiment.getSpec().getFunction() : null;
    this.tags = plannable ? Planner.tags(experiment, installationId) : Map.of();
    ExperimentStatus previous = experiment.getStatus();
    String before = previous == null ? null : previous.getFunctionNamePrefix();
    this.formerPrefix =
        function != null && before != null && !before.equals(function.getNamePrefix())
            ? before
            : null;
  }

  /** Whether the spec renamed the functions since they were made. */
  boolean renamed() {
    return formerPrefix != null;
  }

  /**
   * The namePrefix the functions are under, for the status: a former one until its functions are
   * gone, so that a new process taking over still knows where to look.
   */
  String namePrefix() {
    if (formerPrefix != null && !formerPrefixCleared) {
      return formerPrefix;
    }
    return function == null ? null : function.getNamePrefix();
  }

  /** The former prefix need not be looked under any more: what was to go has gone. */
  void formerPrefixCleared() {
    formerPrefixCleared = true;
  }

  /** Functions made ready so far. */
  int ready() {
    return ready.get();
  }

  /**
   * Makes the targets' functions exist as planned, {@value #PROVISIONERS} at a time; each not yet
   * started when {@code stopped} says so is left out.
   *
   * @throws FleetException the first that could not be made
   */
  void provision(List<ExperimentRun.Target> needed, Duration readyTimeout, BooleanSupplier stopped)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(PROVISIONERS);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (ExperimentRun.Target t : needed) {
        DesiredFunction want = desired(t);
        jobs.add(
            pool.submit(
                () -> {
                  if (!stopped.getAsBoolean()) {
                    fleet.ensure(want, readyTimeout);
                    ready.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> job : jobs) {
        awaitJob(job);
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  private DesiredFunction desired(ExperimentRun.Target t) {
    return new DesiredFunction(
        t.functionName(),
        t.configuration(),
        function.getRuntime().value(),
        function.getRoleArn(),
        function.getTimeoutSeconds(),
        tags,
        Planner.TAG_UID,
        uid);
  }

  private static void awaitJob(Future<?> job) throws InterruptedException {
    try {
      job.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FleetException f) {
        throw f;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Deletes the functions not among the targets: of configurations gone, or under a former prefix.
   */
  void deleteUnplanned(List<ExperimentRun.Target> targets) throws InterruptedException {
    Set<String> planned = new HashSet<>();
    targets.forEach(t -> planned.add(t.functionName()));
    for (String name : owned()) {
      if (!planned.contains(name)) {
        fleet.delete(name);
      }
    }
  }

  /** Deletes every function carrying this experiment's uid. */
  void deleteAll() throws InterruptedException {
    for (String name : owned()) {
      fleet.delete(name);
    }
    formerPrefixCleared = true;
  }

  /** Every function carrying this experiment's uid, under the spec's prefix or a former one. */
  private Set<String> owned() throws InterruptedException {
    // An invalid spec is searched under any name: it may have been valid with another prefix.
    Set<String> prefixes = new LinkedHashSet<>();
    prefixes.add(function != null ? function.getNamePrefix() : "");
    if (formerPrefix != null) {
      prefixes.add(formerPrefix);
    }
    Set<String> names = new LinkedHashSet<>();
    for (String prefix : prefixes) {
      names.addAll(fleet.tagged(prefix, Planner.TAG_UID, uid));
    }
    return names;
  }
}
