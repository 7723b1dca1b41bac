package io.lambdascaling.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.AttemptPhase;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.Report;
import io.lambdascaling.analysis.Sample;
import io.lambdascaling.analysis.Tally;
import io.lambdascaling.operator.journal.AttemptCsv;
import io.lambdascaling.operator.runner.Budget;
import io.lambdascaling.operator.runner.ExperimentRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttemptRowsTest {

  static final Configuration C = new Configuration("arm64", 2, 1024);

  /** With the cold start itself, as the runner counts: one warm-up invocation after it. */
  static final int WARMUP = 2;

  static Attempt success(long at, double procMs, boolean coldStart) {
    Report report =
        new Report("r", procMs + 5, (long) procMs + 6, 1024, 90, coldStart ? 300.0 : null);
    Sample sample =
        new Sample(
            "r",
            procMs,
            2 * procMs,
            2,
            "Graviton2",
            coldStart,
            procMs + 5,
            (long) procMs + 6,
            report.initDurationMs(),
            90);
    return new Attempt(C, at, new Outcome(Outcome.Kind.SUCCESS, sample, report, null), 1e-6);
  }

  static Attempt failure(long at, Outcome.Kind kind) {
    Report report = new Report("r", 3000, 3000, 1024, 95, null);
    return new Attempt(C, at, new Outcome(kind, null, report, "boom"), 5e-5);
  }

  /** Cold start, warm-up, steady, error, steady, cold start again, warm-up, steady. */
  static List<Attempt> history() {
    return List.of(
        success(1_000, 900, true),
        success(2_000, 510, false),
        success(3_000, 500, false),
        failure(4_000, Outcome.Kind.FUNCTION_ERROR),
        success(5_000, 502, false),
        success(6_000, 880, true),
        success(7_000, 505, false),
        success(8_000, 498, false),
        new Attempt(C, 9_000, new Outcome(Outcome.Kind.THROTTLED, null, null, "429"), 0));
  }

  static final Tally.Rules RULES = new Tally.Rules(100, WARMUP, 3);

  @Test
  void cold_starts_and_the_warmup_after_each_are_kept_out_as_the_runner_counts_them() {
    List<AttemptCsv.Row> rows = AttemptRows.of(history(), RULES, "aws us-east-1").rows();

    assertThat(rows).hasSize(9);
    assertThat(rows.stream().map(AttemptCsv.Row::phase).toList())
        .containsExactly(
            AttemptPhase.COLD,
            AttemptPhase.WARMUP,
            AttemptPhase.STEADY,
            AttemptPhase.FAILED,
            AttemptPhase.STEADY,
            AttemptPhase.COLD,
            AttemptPhase.WARMUP,
            AttemptPhase.STEADY,
            AttemptPhase.THROTTLED);
    assertThat(rows.get(0).attempt().configuration()).isEqualTo(C);
    assertThat(rows.get(0).attempt().outcome().report().initDurationMs()).isEqualTo(300.0);
    assertThat(rows.get(0).platform()).isEqualTo("aws us-east-1");
  }

  @Test
  void rows_give_the_same_tally_as_the_runner_replaying_the_attempts() {
    ExperimentRun run =
        new ExperimentRun(
            (name, event) -> {
              throw new AssertionError("never invoked");
            },
            null,
            new Semaphore(1),
            new Budget(1, 0),
            Prices.usEast1(),
            new ExperimentRun.Settings(
                100, Duration.ofSeconds(1), WARMUP, 1, "{}", 60, 3, Duration.ofMinutes(1), 1),
            List.of(new ExperimentRun.Target(C, "f")));
    run.replay(history(), false);
    Tally.Snapshot runner = run.snapshot().get(C);

    Tally.Snapshot ours = AttemptRows.of(history(), RULES, "aws us-east-1").tallies().get(C);

    assertThat(ours.steadyProcTimesMs()).containsExactly(500.0, 502.0, 498.0);
    assertThat(ours.coldStarts()).as("invocations with an init phase").isEqualTo(2);
    assertThat(ours.warmups()).isEqualTo(2);
    assertThat(ours.functionErrors()).isEqualTo(1);
    assertThat(ours.throttled()).isEqualTo(1);
    assertThat(ours.maxMemoryUsedMb()).isEqualTo(95);
    assertThat(ours.steadyBilledMs().count()).isEqualTo(3);
    assertThat(ours.costUsd()).isCloseTo(runner.costUsd(), offset(1e-12));
    assertThat(ours).isEqualTo(runner);
  }

  @Test
  void our_samples_csv_keeps_every_field_of_the_attempts(@TempDir Path tmp) throws IOException {
    List<AttemptCsv.Row> rows =
        AttemptRows.of(history(), RULES, "local simulate (SIMULATED)").rows();
    String text = SamplesCsv.text(rows);

    List<String> lines = text.lines().toList();
    assertThat(lines).hasSize(10);
    assertThat(lines.get(1))
        .isEqualTo(
            "arm64,1024,2,19700101_000001,2,0.900000000,true,SUCCESS,cold,1000,1800.000,Graviton2,"
                + "905.000,906,300.000,90,1.0E-6,,local simulate (SIMULATED)");
    assertThat(lines.get(2)).contains(",false,SUCCESS,warmup,");
    assertThat(lines.get(4))
        .startsWith("arm64,1024,2,19700101_000004,,,false,FUNCTION_ERROR,failed,");

    List<AttemptCsv.Row> back =
        ReferenceCsv.read(Files.writeString(tmp.resolve("samples.csv"), text));
    assertThat(back.stream().map(AttemptCsv.Row::phase).toList())
        .isEqualTo(rows.stream().map(AttemptCsv.Row::phase).toList());
    assertThat(SampleAnalysis.of(back, 2, 0.95, Prices.usEast1()))
        .isEqualTo(SampleAnalysis.of(rows, 2, 0.95, Prices.usEast1()));
  }
}
