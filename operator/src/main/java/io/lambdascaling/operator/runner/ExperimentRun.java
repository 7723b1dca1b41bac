package io.lambdascaling.operator.runner;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs one experiment's invocations, in rounds: every configuration that still needs samples is
 * invoked once per round, in a freshly shuffled order (so that drift in the host or the region
 * cannot bias one configuration), no sooner than {@code interval} after its previous start, with at
 * most one invocation per configuration and {@code maxConcurrency} per experiment in flight, under
 * a cap shared by all experiments, and never past the budget.
 */
public final class ExperimentRun implements Runnable {

  /** One configuration to run, with its function. */
  public record Target(Configuration configuration, String functionName) {}

  /**
   * @param invocations successful invocations wanted per configuration
   * @param warmupInvocations the first invocations of each instance, counted as cold
   * @param failuresBeforeGivingUp consecutive errors or timeouts that mark a configuration failed
   */
  public record Settings(
      int invocations,
      Duration interval,
      int warmupInvocations,
      int maxConcurrency,
      String event,
      int timeoutSeconds,
      int failuresBeforeGivingUp,
      Duration maxDuration,
      long seed) {}

  /** Told of each attempt as it lands (the metrics); never of replayed ones. */
  @FunctionalInterface
  public interface Observer {
    Observer NONE = (configuration, attempt, steady) -> {};

    /**
     * @param steady whether its sample joined the steady-state samples (not cold, not warming up)
     */
    void attempted(Configuration configuration, Attempt attempt, boolean steady);
  }

  /** Why the run stopped before every configuration was done. */
  public enum StopReason {
    NONE,
    BUDGET,
    DEADLINE,
    STOPPED
  }

  private static final Duration THROTTLE_BACKOFF = Duration.ofSeconds(1);

  private final FunctionCaller caller;
  private final ExecutorService invocations;
  private final Semaphore globalCap;
  private final Budget budget;
  private final Prices prices;
  private final Settings settings;
  private final Map<String, Target> targets = new LinkedHashMap<>();
  private final Map<String, ConfigurationProgress> progress = new LinkedHashMap<>();
  private final Semaphore experimentCap;
  private final LinkedBlockingQueue<String> finished = new LinkedBlockingQueue<>();
  private final Random shuffle;

  /** Attempts made by this run and not yet handed over to durable storage, oldest first. */
  private final List<Attempt> journal = new ArrayList<>();

  private volatile Observer observer = Observer.NONE;
  private volatile boolean stopRequested;
  private volatile StopReason stopReason = StopReason.NONE;
  private volatile boolean done;

  public ExperimentRun(
      FunctionCaller caller,
      ExecutorService invocations,
      Semaphore globalCap,
      Budget budget,
      Prices prices,
      Settings settings,
      List<Target> targets) {
    this.caller = caller;
    this.invocations = invocations;
    this.globalCap = globalCap;
    this.budget = budget;
    this.prices = prices;
    this.settings = settings;
    this.experimentCap = new Semaphore(settings.maxConcurrency());
    this.shuffle = new Random(settings.seed());
    for (Target t : targets) {
      this.targets.put(t.configuration().key(), t);
      this.progress.put(t.configuration().key(), new ConfigurationProgress());
    }
  }

  @Override
  public void run() {
    long deadline = System.nanoTime() + settings.maxDuration().toNanos();
    try {
      while (!stopRequested) {
        if (System.nanoTime() > deadline) {
          stopReason = StopReason.DEADLINE;
          break;
        }
        List<String> round = pending();
        if (round.isEmpty() && inFlight() == 0) {
          break;
        }
        Collections.shuffle(round, shuffle);
        for (String key : round) {
          if (stopRequested || !startIfDue(key)) {
            break;
          }
        }
        awaitSomething(round.isEmpty() ? Duration.ofSeconds(1) : untilNextDue());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopReason = StopReason.STOPPED;
    } finally {
      if (stopRequested && stopReason == StopReason.NONE) {
        stopReason = StopReason.STOPPED;
      }
      awaitInFlight();
      done = true;
    }
  }

  /** Done means nothing is in flight any more: every started invocation is recorded. */
  private void awaitInFlight() {
    boolean interrupted = false;
    while (inFlight() > 0) {
      try {
        finished.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Tells each attempt from now on to the observer. Call before {@link #run()}. */
  public void observe(Observer observer) {
    this.observer = observer;
  }

  /** Asks the run to stop starting invocations; those in flight finish. */
  public void stop() {
    stopRequested = true;
    finished.offer("");
  }

  public boolean done() {
    return done;
  }

  public StopReason stopReason() {
    return stopReason;
  }

  public Budget budget() {
    return budget;
  }

  /** Every configuration's progress, as of now. */
  public synchronized Map<String, ConfigurationProgress.View> snapshot() {
    Map<String, ConfigurationProgress.View> out = new LinkedHashMap<>();
    progress.forEach((k, p) -> out.put(k, p.view()));
    return out;
  }

  /**
   * What the run knows at one instant: every configuration's progress, the spend, and the attempts
   * not yet stored that the progress includes. Store the attempts before publishing the progress,
   * then call {@link #stored(int)}: then nothing published was lost if the process dies.
   */
  public record Checkpoint(
      Map<String, ConfigurationProgress.View> progress, double spentUsd, List<Attempt> unstored) {}

  public synchronized Checkpoint checkpoint() {
    return new Checkpoint(snapshot(), budget.spentUsd(), List.copyOf(journal));
  }

  /** The first {@code count} unstored attempts are now stored. */
  public synchronized void stored(int count) {
    journal.subList(0, count).clear();
  }

  /**
   * Applies attempts made before (by an earlier run or process) as if this run had made them, so
   * that it goes on where they stopped. Call before {@link #run()}. Attempts of configurations not
   * in this run are ignored; their cost belongs in the budget the caller made.
   *
   * @param retryFailed whether configurations that had failed get another chance (the spec changed)
   */
  public synchronized void replay(List<Attempt> history, boolean retryFailed) {
    for (Attempt a : history) {
      ConfigurationProgress p = progress.get(a.configuration());
      if (p != null) {
        apply(p, a);
      }
    }
    if (retryFailed) {
      for (ConfigurationProgress p : progress.values()) {
        if (p.state == ConfigurationProgress.State.FAILED) {
          p.state = ConfigurationProgress.State.RUNNING;
          p.consecutiveFailures = 0;
        }
      }
    }
  }

  /** The configurations that still need invocations, in plan order. */
  public synchronized List<Target> unfinished() {
    return targets.values().stream()
        .filter(
            t -> progress.get(t.configuration().key()).state == ConfigurationProgress.State.RUNNING)
        .toList();
  }

  private synchronized List<String> pending() {
    List<String> out = new ArrayList<>();
    progress.forEach(
        (k, p) -> {
          if (p.state == ConfigurationProgress.State.RUNNING) {
            out.add(k);
          }
        });
    return out;
  }

  private synchronized int inFlight() {
    return (int) progress.values().stream().filter(p -> p.inFlight).count();
  }

  private synchronized Duration untilNextDue() {
    long now = System.nanoTime();
    long next = Long.MAX_VALUE;
    for (ConfigurationProgress p : progress.values()) {
      if (p.state == ConfigurationProgress.State.RUNNING && !p.inFlight) {
        next = Math.min(next, p.nextEligibleNanos);
      }
    }
    return next == Long.MAX_VALUE
        ? Duration.ofSeconds(1)
        : Duration.ofNanos(Math.max(0, next - now));
  }

  /**
   * Waits for an invocation to finish or the next configuration to come due, whichever is first.
   */
  private void awaitSomething(Duration atMost) throws InterruptedException {
    if (!atMost.isZero()) {
      finished.poll(Math.min(atMost.toNanos(), TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
    }
    finished.clear();
  }

  /**
   * Starts the configuration's next invocation if it is due and there is room; false when the run
   * must stop (the budget cannot cover another invocation).
   */
  private boolean startIfDue(String key) throws InterruptedException {
    ConfigurationProgress p;
    synchronized (this) {
      p = progress.get(key);
      if (p.inFlight
          || p.state != ConfigurationProgress.State.RUNNING
          || System.nanoTime() < p.nextEligibleNanos) {
        return true;
      }
    }
    Target target = targets.get(key);
    double worst =
        Budget.worstCaseUsd(
            prices,
            target.configuration().architecture(),
            target.configuration().memoryMb(),
            settings.timeoutSeconds());
    experimentCap.acquire();
    globalCap.acquire();
    if (!budget.tryReserve(worst)) {
      globalCap.release();
      experimentCap.release();
      if (inFlight() > 0) {
        return true; // what is in flight may cost less than reserved: try again once it settles
      }
      stopReason = StopReason.BUDGET;
      stopRequested = true;
      return false;
    }
    synchronized (this) {
      p.inFlight = true;
    }
    try {
      dispatch(key, target, p, worst);
    } catch (RejectedExecutionException e) {
      // The process is shutting down: this invocation never started.
      budget.settle(worst, 0);
      synchronized (this) {
        p.inFlight = false;
      }
      globalCap.release();
      experimentCap.release();
      stopRequested = true;
      return false;
    }
    return true;
  }

  private void dispatch(String key, Target target, ConfigurationProgress p, double worst) {
    invocations.execute(
        () -> {
          Outcome outcome = null;
          long startedAtMs = System.currentTimeMillis();
          try {
            synchronized (this) {
              // The interval runs from the real start of the invocation.
              p.nextEligibleNanos = System.nanoTime() + settings.interval().toNanos();
            }
            outcome = caller.invoke(target.functionName(), settings.event());
          } catch (RuntimeException e) {
            outcome = new Outcome(Outcome.Kind.FUNCTION_ERROR, null, null, e.toString());
          } finally {
            record(target, p, outcome, worst, startedAtMs);
            globalCap.release();
            experimentCap.release();
            finished.offer(key);
          }
        });
  }

  private void record(
      Target target, ConfigurationProgress p, Outcome o, double worst, long startedAtMs) {
    String arch = target.configuration().architecture();
    int memoryMb = target.configuration().memoryMb();
    Outcome outcome =
        o != null ? o : new Outcome(Outcome.Kind.FUNCTION_ERROR, null, null, "no outcome");
    double cost =
        outcome.report() == null
            ? 0
            : prices.invocationUsd(arch, memoryMb, outcome.report().billedDurationMs());
    Attempt a = new Attempt(target.configuration().key(), startedAtMs, outcome, cost);
    boolean steady;
    synchronized (this) {
      // Spend, progress and journal change together, so that a checkpoint sees them agree.
      budget.settle(worst, cost);
      p.inFlight = false;
      steady = apply(p, a);
      journal.add(a);
    }
    observer.attempted(target.configuration(), a, steady);
  }

  /**
   * What one attempt does to its configuration's progress; the same live and on replay. True when
   * it added a steady-state sample.
   */
  private boolean apply(ConfigurationProgress p, Attempt a) {
    Outcome o = a.outcome();
    p.costUsd += a.costUsd();
    if (o.report() != null) {
      p.billedMs = p.billedMs.add(o.report().billedDurationMs());
      p.maxMemoryUsedMb = Math.max(p.maxMemoryUsedMb, o.report().maxMemoryUsedMb());
    }
    switch (o.kind()) {
      case SUCCESS -> {
        return success(p, o.sample());
      }
      case THROTTLED -> {
        p.throttled++;
        p.nextEligibleNanos = System.nanoTime() + THROTTLE_BACKOFF.toNanos();
      }
      case SERVICE_ERROR -> {
        p.serviceErrors++;
        p.lastError = o.error();
        p.nextEligibleNanos = System.nanoTime() + THROTTLE_BACKOFF.toNanos();
      }
      case FUNCTION_ERROR, TIMEOUT -> {
        if (o.kind() == Outcome.Kind.TIMEOUT) {
          p.timeouts++;
        } else {
          p.functionErrors++;
        }
        p.lastError = o.error();
        if (++p.consecutiveFailures >= settings.failuresBeforeGivingUp()) {
          p.state = ConfigurationProgress.State.FAILED;
        }
      }
    }
    return false;
  }

  /** True when the sample is a steady-state one. */
  private boolean success(ConfigurationProgress p, Sample s) {
    p.consecutiveFailures = 0;
    p.succeeded++;
    p.reportedCores = s.cores();
    if (s.coldStart()) {
      p.sinceColdStart = 0;
    }
    boolean warmingUp = p.sinceColdStart < settings.warmupInvocations();
    p.sinceColdStart++;
    boolean steady = !s.coldStart() && !warmingUp;
    if (steady) {
      p.steadyProcTimesMs.add(s.procTimeMs());
    } else {
      p.coldStarts++;
    }
    // On replay a success after a failed state means the configuration was retried since.
    p.state =
        p.succeeded >= settings.invocations()
            ? ConfigurationProgress.State.DONE
            : ConfigurationProgress.State.RUNNING;
    return steady;
  }
}
