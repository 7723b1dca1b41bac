package io.lambdascaling.operator.runner;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.AttemptPhase;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.Tally;
import java.time.Duration;
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
   * @param warmupInvocations successes kept out of the statistics from a cold start (it included)
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
    Observer NONE = (attempt, phase) -> {};

    /**
     * @param phase what the attempt is to its configuration's figures (steady samples join the
     *     statistics)
     */
    void attempted(Attempt attempt, AttemptPhase phase);
  }

  /** Why the run stopped before every configuration was done. */
  public enum StopReason {
    NONE,
    BUDGET,
    DEADLINE,
    STOPPED
  }

  private final FunctionCaller caller;
  private final ExecutorService invocations;
  private final Budget budget;
  private final Prices prices;
  private final Settings settings;
  private final Map<Configuration, Target> targets = new LinkedHashMap<>();
  private final Ledger ledger;
  private final Capacity capacity;

  /** Wakes the loop: an invocation finished, or the run was asked to stop. */
  private final LinkedBlockingQueue<Boolean> finished = new LinkedBlockingQueue<>();

  private final Random shuffle;

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
    this.budget = budget;
    this.prices = prices;
    this.settings = settings;
    this.capacity = new Capacity(new Semaphore(settings.maxConcurrency()), globalCap, budget);
    this.shuffle = new Random(settings.seed());
    targets.forEach(t -> this.targets.put(t.configuration(), t));
    this.ledger =
        new Ledger(
            List.copyOf(this.targets.keySet()),
            new Tally.Rules(
                settings.invocations(),
                settings.warmupInvocations(),
                settings.failuresBeforeGivingUp()),
            budget);
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
        List<Configuration> round = ledger.running();
        if (round.isEmpty() && ledger.inFlight() == 0) {
          break;
        }
        Collections.shuffle(round, shuffle);
        for (Configuration c : round) {
          if (stopRequested || !startIfDue(c)) {
            break;
          }
        }
        awaitSomething(
            round.isEmpty() ? Duration.ofSeconds(1) : ledger.untilNextDue(System.nanoTime()));
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
    while (ledger.inFlight() > 0) {
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
    finished.offer(Boolean.TRUE);
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

  /** Every configuration's tally, as of now, in plan order. */
  public Map<Configuration, Tally.Snapshot> snapshot() {
    return ledger.snapshot();
  }

  /**
   * What the run knows at one instant: every configuration's tally, the spend, and the attempts not
   * yet stored that the tallies include. Store the attempts before publishing the tallies, then
   * call {@link #stored(int)}: then nothing published was lost if the process dies.
   */
  public record Checkpoint(
      Map<Configuration, Tally.Snapshot> progress, double spentUsd, List<Attempt> unstored) {}

  public Checkpoint checkpoint() {
    return ledger.checkpoint();
  }

  /** The first {@code count} unstored attempts are now stored. */
  public void stored(int count) {
    ledger.stored(count);
  }

  /**
   * Applies attempts made before (by an earlier run or process) as if this run had made them, so
   * that it goes on where they stopped. Call before {@link #run()}. Attempts of configurations not
   * in this run are ignored; their cost belongs in the budget the caller made.
   *
   * @param retryFailed whether configurations that had failed get another chance (the spec changed)
   */
  public void replay(List<Attempt> history, boolean retryFailed) {
    ledger.replay(history, retryFailed);
  }

  /** The configurations that still need invocations, in plan order. */
  public List<Target> unfinished() {
    return ledger.running().stream().map(targets::get).toList();
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
  private boolean startIfDue(Configuration c) throws InterruptedException {
    if (!ledger.due(c, System.nanoTime())) {
      return true;
    }
    double worst =
        Budget.worstCaseUsd(prices, c.architecture(), c.memoryMb(), settings.timeoutSeconds());
    if (!capacity.take(worst)) {
      if (ledger.inFlight() > 0) {
        return true; // what is in flight may cost less than reserved: try again once it settles
      }
      stopReason = StopReason.BUDGET;
      stopRequested = true;
      return false;
    }
    ledger.inFlight(c, true);
    try {
      dispatch(targets.get(c), worst);
    } catch (RejectedExecutionException e) {
      // The process is shutting down: this invocation never started.
      ledger.inFlight(c, false);
      capacity.untake(worst);
      stopRequested = true;
      return false;
    }
    return true;
  }

  private void dispatch(Target target, double worst) {
    invocations.execute(
        () -> {
          Outcome outcome = null;
          long startedAtMs = System.currentTimeMillis();
          try {
            ledger.started(
                target.configuration(), System.nanoTime() + settings.interval().toNanos());
            outcome = caller.invoke(target.functionName(), settings.event());
          } catch (RuntimeException e) {
            outcome = new Outcome(Outcome.Kind.FUNCTION_ERROR, null, null, e.toString());
          } finally {
            record(target.configuration(), outcome, worst, startedAtMs);
            capacity.release();
            finished.offer(Boolean.TRUE);
          }
        });
  }

  private void record(Configuration c, Outcome o, double worst, long startedAtMs) {
    Outcome outcome =
        o != null ? o : new Outcome(Outcome.Kind.FUNCTION_ERROR, null, null, "no outcome");
    double cost =
        outcome.report() == null
            ? 0
            : prices.invocationUsd(
                c.architecture(), c.memoryMb(), outcome.report().billedDurationMs());
    Attempt a = new Attempt(c, startedAtMs, outcome, cost);
    AttemptPhase phase = ledger.record(a, worst, System.nanoTime());
    observer.attempted(a, phase);
  }
}
