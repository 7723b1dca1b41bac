package io.lambdascaling.operator.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.Report;
import io.lambdascaling.analysis.Sample;
import io.lambdascaling.analysis.Tally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The round scheduler against a fake function caller. */
class ExperimentRunTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(16);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static List<ExperimentRun.Target> targets(int count) {
    List<ExperimentRun.Target> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Configuration c = new Configuration("arm64", 1 + i % 3, 1024 * (1 + i / 3));
      out.add(new ExperimentRun.Target(c, "fn-" + c.key()));
    }
    return out;
  }

  private static ExperimentRun.Settings settings(
      int invocations, Duration interval, int concurrency) {
    return new ExperimentRun.Settings(
        invocations, interval, 1, concurrency, "{}", 60, 3, Duration.ofMinutes(5), 42);
  }

  /** A function that answers at once: cold on its first call, 100 ms of processing after. */
  private static Outcome success(String requestId, boolean cold) {
    Report report = new Report(requestId, 101, cold ? 400 : 102, 1024, 60, cold ? 300.0 : null);
    Sample sample =
        new Sample(
            requestId,
            cold ? 150 : 100,
            100,
            2,
            "fake",
            cold,
            101,
            report.billedDurationMs(),
            report.initDurationMs(),
            60);
    return new Outcome(Outcome.Kind.SUCCESS, sample, report, null);
  }

  private static FunctionCaller caller(BiFunction<String, Integer, Outcome> byCall) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    return (fn, event) ->
        byCall.apply(fn, calls.computeIfAbsent(fn, k -> new AtomicInteger()).incrementAndGet());
  }

  private ExperimentRun run(
      FunctionCaller caller,
      ExperimentRun.Settings s,
      List<ExperimentRun.Target> t,
      double budgetUsd) {
    ExperimentRun run =
        new ExperimentRun(
            caller, pool, new Semaphore(100), new Budget(budgetUsd, 0), Prices.usEast1(), s, t);
    run.run();
    return run;
  }

  @Test
  void every_configuration_gets_exactly_its_invocations_and_the_cold_one_is_kept_apart() {
    ExperimentRun run =
        run(
            caller((fn, n) -> success(fn + "#" + n, n == 1)),
            settings(5, Duration.ZERO, 4),
            targets(9),
            10);

    assertThat(run.stopReason()).isEqualTo(ExperimentRun.StopReason.NONE);
    assertThat(run.snapshot()).hasSize(9);
    run.snapshot()
        .values()
        .forEach(
            v -> {
              assertThat(v.state()).isEqualTo(Tally.State.DONE);
              assertThat(v.succeeded()).isEqualTo(5);
              assertThat(v.coldStarts()).isEqualTo(1);
              assertThat(v.steadyProcTimesMs()).hasSize(4).containsOnly(100.0);
              assertThat(v.steadyBilledMs().count()).as("steady invocations only").isEqualTo(4);
            });
    assertThat(run.budget().spentUsd()).isPositive();
    assertThat(run.budget().reservedUsd()).isZero();
  }

  @Test
  void rounds_are_shuffled_and_one_configuration_is_never_invoked_twice_at_once() {
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    AtomicInteger overlap = new AtomicInteger();
    FunctionCaller caller =
        caller(
            (fn, n) -> {
              if (inFlight.computeIfAbsent(fn, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlap.incrementAndGet();
              }
              order.add(fn);
              inFlight.get(fn).decrementAndGet();
              return success(fn + n, n == 1);
            });

    run(caller, settings(6, Duration.ZERO, 1), targets(6), 10);

    List<List<String>> rounds = new ArrayList<>();
    for (int r = 0; r < 6; r++) {
      rounds.add(order.subList(r * 6, r * 6 + 6));
    }
    assertThat(overlap).hasValue(0);
    assertThat(rounds).allSatisfy(round -> assertThat(round).doesNotHaveDuplicates());
    assertThat(new java.util.HashSet<>(rounds))
        .as("not every round in the same order")
        .hasSizeGreaterThan(1);
  }

  @Test
  void invocations_of_one_configuration_are_at_least_the_interval_apart() {
    Map<String, List<Long>> starts = new ConcurrentHashMap<>();
    FunctionCaller caller =
        caller(
            (fn, n) -> {
              starts
                  .computeIfAbsent(fn, k -> Collections.synchronizedList(new ArrayList<>()))
                  .add(System.nanoTime());
              return success(fn + n, n == 1);
            });

    run(caller, settings(4, Duration.ofMillis(80), 8), targets(3), 10);

    // The fake notes the time a thread hand-off after the run's own start mark, so allow 20 ms
    // of that; without the interval the starts would come within a millisecond of each other.
    long atLeast = Duration.ofMillis(80 - 20).toNanos();
    starts
        .values()
        .forEach(
            times -> {
              assertThat(times).hasSize(4);
              for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(atLeast);
              }
            });
  }

  @Test
  void throttles_are_retried_and_never_counted_as_samples() {
    FunctionCaller caller =
        caller(
            (fn, n) ->
                n % 2 == 0
                    ? new Outcome(Outcome.Kind.THROTTLED, null, null, "429")
                    : success(fn + n, n == 1));

    ExperimentRun run =
        run(
            caller,
            new ExperimentRun.Settings(
                3, Duration.ZERO, 1, 4, "{}", 60, 3, Duration.ofMinutes(1), 1),
            targets(2),
            10);

    run.snapshot()
        .values()
        .forEach(
            v -> {
              assertThat(v.succeeded()).isEqualTo(3);
              assertThat(v.throttled()).isEqualTo(2);
              assertThat(v.steadyProcTimesMs()).hasSize(2);
            });
  }

  @Test
  void a_configuration_that_always_times_out_fails_while_the_others_complete() {
    FunctionCaller caller =
        caller(
            (fn, n) -> {
              if (fn.endsWith("m1024") && fn.contains("w1")) {
                Report r = new Report("t" + n, 60_000, 60_000, 1024, 60, null);
                return new Outcome(
                    Outcome.Kind.TIMEOUT, null, r, "Task timed out after 60.00 seconds");
              }
              return success(fn + n, n == 1);
            });

    ExperimentRun run = run(caller, settings(4, Duration.ZERO, 4), targets(6), 10);

    var failed = run.snapshot().get(new Configuration("arm64", 1, 1024));
    assertThat(failed.state()).isEqualTo(Tally.State.FAILED);
    assertThat(failed.timeouts()).isEqualTo(3);
    assertThat(failed.lastError()).contains("timed out");
    assertThat(failed.costUsd()).as("timeouts are billed").isPositive();
    assertThat(run.snapshot().values().stream().filter(v -> v.state() == Tally.State.DONE))
        .hasSize(5);
  }

  @Test
  void the_run_stops_when_the_budget_cannot_cover_the_next_worst_case() {
    // Every invocation bills a full minute: $0.0008 at 1 GB on arm64; the worst case (60 s + 10 s
    // init) at 3 GB is $0.0028.
    FunctionCaller caller =
        caller(
            (fn, n) -> {
              Report r = new Report(fn + n, 60_000, 60_000, 1024, 60, null);
              Sample s =
                  new Sample(fn + n, 59_000, 59_000, 2, "fake", false, 60_000, 60_000, null, 60);
              return new Outcome(Outcome.Kind.SUCCESS, s, r, null);
            });

    ExperimentRun run = run(caller, settings(50, Duration.ZERO, 2), targets(9), 0.05);

    assertThat(run.stopReason()).isEqualTo(ExperimentRun.StopReason.BUDGET);
    assertThat(run.budget().spentUsd())
        .isLessThanOrEqualTo(0.05)
        .isGreaterThan(0.05 - 0.0028 - 0.0024);
    assertThat(run.budget().reservedUsd()).isZero();
    long total = run.snapshot().values().stream().mapToLong(Tally.Snapshot::succeeded).sum();
    assertThat(total).isBetween(10L, 40L);
  }

  @Test
  void a_resumed_run_makes_only_what_the_kept_attempts_lack() {
    // One run makes 2 of 5 invocations per configuration and hands over its attempts; a second
    // run (a new process) replays them and makes exactly the remaining 3.
    List<ExperimentRun.Target> t = targets(4);
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    FunctionCaller counting =
        (fn, event) -> {
          int n = calls.computeIfAbsent(fn, k -> new AtomicInteger()).incrementAndGet();
          return success(fn + n, n == 1);
        };
    ExperimentRun first =
        new ExperimentRun(
            counting,
            pool,
            new Semaphore(100),
            new Budget(10, 0),
            Prices.usEast1(),
            settings(2, Duration.ZERO, 4),
            t);
    first.run();
    ExperimentRun.Checkpoint kept = first.checkpoint();
    assertThat(kept.unstored()).hasSize(8);
    first.stored(8);
    assertThat(first.checkpoint().unstored()).isEmpty();

    ExperimentRun second =
        new ExperimentRun(
            counting,
            pool,
            new Semaphore(100),
            new Budget(10, kept.spentUsd()),
            Prices.usEast1(),
            settings(5, Duration.ZERO, 4),
            t);
    second.replay(kept.unstored(), false);
    assertThat(second.unfinished()).hasSize(4);
    second.run();

    assertThat(calls.values()).allSatisfy(n -> assertThat(n).hasValue(5));
    second
        .snapshot()
        .values()
        .forEach(
            v -> {
              assertThat(v.succeeded()).isEqualTo(5);
              assertThat(v.coldStarts()).isEqualTo(1);
              assertThat(v.state()).isEqualTo(Tally.State.DONE);
            });
    assertThat(second.checkpoint().unstored()).hasSize(12);
    assertThat(second.budget().spentUsd()).isGreaterThan(kept.spentUsd());
  }

  @Test
  void replayed_failures_stay_failed_unless_the_spec_changed() {
    Configuration c = new Configuration("arm64", 1, 1024);
    List<ExperimentRun.Target> t = List.of(new ExperimentRun.Target(c, "fn"));
    Outcome timeout =
        new Outcome(
            Outcome.Kind.TIMEOUT,
            null,
            new Report("t", 60_000, 60_000, 1024, 60, null),
            "Task timed out after 60.00 seconds");
    List<Attempt> history =
        List.of(
            new Attempt(c, 1, timeout, 0.001),
            new Attempt(c, 2, timeout, 0.001),
            new Attempt(c, 3, timeout, 0.001));

    ExperimentRun same =
        new ExperimentRun(
            (fn, e) -> success("x", false),
            pool,
            new Semaphore(1),
            new Budget(1, 0.003),
            Prices.usEast1(),
            settings(3, Duration.ZERO, 1),
            t);
    same.replay(history, false);
    assertThat(same.unfinished()).isEmpty();
    assertThat(same.snapshot().get(c).timeouts()).isEqualTo(3);

    ExperimentRun changed =
        new ExperimentRun(
            (fn, e) -> success("x", false),
            pool,
            new Semaphore(1),
            new Budget(1, 0.003),
            Prices.usEast1(),
            settings(3, Duration.ZERO, 1),
            t);
    changed.replay(history, true);
    assertThat(changed.unfinished()).hasSize(1);
  }
}
