package io.lambdascaling.operator.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.Report;
import io.lambdascaling.analysis.Sample;
import io.lambdascaling.analysis.Tally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner's promises over random plans, durations, failures and prices: spend never passes
 * {@code maxCostUsd}; a run that does not finish its plan stops for the budget (or, with a short
 * {@code maxDuration}, for the deadline) and says so. Property-based in the plain way: many trials,
 * each drawn from its own seed, which every failure names so that it can be replayed.
 */
class BudgetPropertyTest {

  private static ExecutorService pool;

  /** Trial t draws from seed BASE + t. */
  private static final long BASE = 20_260_101L;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(16);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  /**
   * A function that bills a random duration — at most the timeout plus a full init, as Lambda can —
   * and fails at random: function errors and timeouts (billed the whole timeout). Throttles and
   * service errors are never billed, and each costs the runner a second's backoff: FaultsIT has
   * them.
   */
  private static FunctionCaller randomFunction(long seed, int timeoutSeconds, double failureRate) {
    SplittableRandom shared = new SplittableRandom(seed);
    return (fn, event) -> {
      SplittableRandom r;
      synchronized (shared) {
        r = shared.split();
      }
      boolean cold = r.nextInt(5) == 0;
      long initMs = cold ? r.nextLong(Budget.MAX_INIT_MS + 1) : 0;
      long billedMs = 1 + r.nextLong(timeoutSeconds * 1000L) + initMs;
      Report report = new Report(fn, billedMs, billedMs, 1024, 60, cold ? (double) initMs : null);
      if (r.nextDouble() < failureRate) {
        return switch (r.nextInt(2)) {
          case 0 -> new Outcome(Outcome.Kind.FUNCTION_ERROR, null, report, "boom");
          default ->
              new Outcome(
                  Outcome.Kind.TIMEOUT,
                  null,
                  new Report(
                      fn, timeoutSeconds * 1000.0, timeoutSeconds * 1000L + initMs, 1024, 60, null),
                  "Task timed out");
        };
      }
      Sample sample =
          new Sample(
              fn,
              billedMs / 2.0,
              billedMs / 2.0,
              2,
              "fake",
              cold,
              billedMs,
              billedMs,
              cold ? (double) initMs : null,
              60);
      return new Outcome(Outcome.Kind.SUCCESS, sample, report, null);
    };
  }

  private static List<ExperimentRun.Target> targets(int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<ExperimentRun.Target> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Configuration c =
          new Configuration(
              r.nextBoolean() ? "arm64" : "x86_64", 1 + i, 128 + r.nextInt(10240 - 128 + 1));
      out.add(new ExperimentRun.Target(c, "fn-" + c.key()));
    }
    return out;
  }

  private static ExperimentRun run(
      FunctionCaller caller,
      Prices prices,
      double maxCostUsd,
      double alreadySpentUsd,
      List<ExperimentRun.Target> targets,
      int invocations,
      int timeoutSeconds,
      Duration maxDuration) {
    ExperimentRun run =
        new ExperimentRun(
            caller,
            pool,
            new Semaphore(100),
            new Budget(maxCostUsd, alreadySpentUsd),
            prices,
            new ExperimentRun.Settings(
                invocations, Duration.ZERO, 1, 8, "{}", timeoutSeconds, 3, maxDuration, 7),
            targets);
    run.run();
    return run;
  }

  @Test
  void spend_never_passes_the_budget_and_an_unfinished_plan_says_budget() {
    int stoppedForBudget = 0;
    for (int trial = 0; trial < 300; trial++) {
      long seed = BASE + trial;
      SplittableRandom r = new SplittableRandom(seed);
      int configurations = 1 + r.nextInt(12);
      int invocations = 1 + r.nextInt(8);
      int timeoutSeconds = 1 + r.nextInt(900);
      double failureRate = r.nextDouble(0.6);
      Prices prices =
          new Prices(r.nextDouble(1e-7, 1e-4), r.nextDouble(1e-7, 1e-4), r.nextDouble(1e-5));
      // Budgets from far below one invocation's worst case to far above the whole plan.
      double maxCostUsd = Math.pow(10, r.nextDouble(-6, 1.5));
      double alreadySpent = r.nextBoolean() ? 0 : maxCostUsd * r.nextDouble();
      String trialName =
          String.format(
              "trial %d (seed %d): %d configurations x %d, timeout %d s, failures %.2f, budget"
                  + " $%.6f, spent before $%.6f, %s",
              trial,
              seed,
              configurations,
              invocations,
              timeoutSeconds,
              failureRate,
              maxCostUsd,
              alreadySpent,
              prices);

      ExperimentRun run =
          run(
              randomFunction(seed, timeoutSeconds, failureRate),
              prices,
              maxCostUsd,
              alreadySpent,
              targets(configurations, seed),
              invocations,
              timeoutSeconds,
              Duration.ofMinutes(5));

      assertThat(run.budget().spentUsd()).as(trialName).isLessThanOrEqualTo(maxCostUsd);
      assertThat(run.budget().reservedUsd()).as(trialName).isZero();
      boolean finished =
          run.snapshot().values().stream().allMatch(v -> v.state() != Tally.State.RUNNING);
      assertThat(run.stopReason())
          .as(trialName)
          .isEqualTo(finished ? ExperimentRun.StopReason.NONE : ExperimentRun.StopReason.BUDGET);
      if (!finished) {
        stoppedForBudget++;
      }
    }
    System.out.printf("budget property: 300 trials, %d stopped for the budget%n", stoppedForBudget);
    assertThat(stoppedForBudget).as("the trials cover both outcomes").isBetween(30, 270);
  }

  @Test
  void a_budget_below_one_invocations_worst_case_starts_nothing() {
    for (int trial = 0; trial < 100; trial++) {
      long seed = BASE + 1000 + trial;
      SplittableRandom r = new SplittableRandom(seed);
      int timeoutSeconds = 1 + r.nextInt(900);
      double share = r.nextDouble(0.01, 0.99);
      budgetBelowWorstCase(seed, timeoutSeconds, share);
    }
  }

  private void budgetBelowWorstCase(long seed, int timeoutSeconds, double share) {
    List<ExperimentRun.Target> targets = targets(4, seed);
    double cheapest =
        targets.stream()
            .mapToDouble(
                t ->
                    Budget.worstCaseUsd(
                        Prices.usEast1(),
                        t.configuration().architecture(),
                        t.configuration().memoryMb(),
                        timeoutSeconds))
            .min()
            .orElseThrow();
    int[] calls = new int[1];
    FunctionCaller counting =
        (fn, event) -> {
          synchronized (calls) {
            calls[0]++;
          }
          return randomFunction(seed, timeoutSeconds, 0).invoke(fn, event);
        };

    ExperimentRun run =
        run(
            counting,
            Prices.usEast1(),
            cheapest * share,
            0,
            targets,
            3,
            timeoutSeconds,
            Duration.ofMinutes(5));

    assertThat(run.stopReason()).as("seed %d", seed).isEqualTo(ExperimentRun.StopReason.BUDGET);
    assertThat(calls[0]).as("seed %d", seed).isZero();
    assertThat(run.budget().spentUsd()).as("seed %d", seed).isZero();
  }

  @Test
  void a_plan_longer_than_max_duration_stops_at_the_deadline() {
    for (int trial = 0; trial < 15; trial++) {
      long seed = BASE + 2000 + trial;
      SplittableRandom r = new SplittableRandom(seed);
      deadline(seed, 20 + r.nextInt(101), 2 + r.nextInt(5));
    }
  }

  private void deadline(long seed, int maxDurationMs, int callMs) {
    FunctionCaller slow =
        (fn, event) -> {
          try {
            Thread.sleep(callMs);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return randomFunction(seed, 1, 0).invoke(fn, event);
        };
    long start = System.nanoTime();

    // 4 configurations x 1000 invocations of 2-6 ms, one at a time each: seconds, not milliseconds.
    ExperimentRun run =
        run(
            slow,
            Prices.usEast1(),
            1000,
            0,
            targets(4, seed),
            1000,
            1,
            Duration.ofMillis(maxDurationMs));
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(run.stopReason()).as("seed %d", seed).isEqualTo(ExperimentRun.StopReason.DEADLINE);
    assertThat(tookMs)
        .as("seed %d: stopped soon after the deadline", seed)
        .isLessThan(maxDurationMs + 1500L);
    assertThat(run.snapshot().values())
        .allSatisfy(v -> assertThat(v.state()).isEqualTo(Tally.State.RUNNING));
  }

  @Test
  void the_same_plan_with_enough_money_finishes() {
    ExperimentRun run =
        run(
            randomFunction(3, 10, 0),
            Prices.usEast1(),
            10,
            0,
            targets(5, 3),
            4,
            10,
            Duration.ofMinutes(1));

    assertThat(run.stopReason()).isEqualTo(ExperimentRun.StopReason.NONE);
    assertThat(run.snapshot().values()).allSatisfy(v -> assertThat(v.succeeded()).isEqualTo(4));
  }
}
