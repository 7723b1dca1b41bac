package io.lambdascaling.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.Report;
import io.lambdascaling.analysis.Sample;
import io.lambdascaling.operator.runner.Budget;
import io.lambdascaling.operator.runner.ConfigurationProgress;
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

  static final String KEY = "arm64-w2-m1024";

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
    return new Attempt(KEY, at, new Outcome(Outcome.Kind.SUCCESS, sample, report, null), 1e-6);
  }

  static Attempt failure(long at, Outcome.Kind kind) {
    Report report = new Report("r", 3000, 3000, 1024, 95, null);
    return new Attempt(KEY, at, new Outcome(kind, null, report, "boom"), 5e-5);
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
        new Attempt(KEY, 9_000, new Outcome(Outcome.Kind.THROTTLED, null, null, "429"), 0));
  }

  @Test
  void cold_starts_and_the_warmup_after_each_are_cold_as_the_runner_counts_them() {
    List<SampleRow> rows = AttemptRows.of(history(), WARMUP, "aws us-east-1");

    assertThat(rows).hasSize(9);
    assertThat(rows.stream().map(SampleRow::cold).toList())
        .containsExactly(true, true, false, false, false, true, true, false, false);
    assertThat(rows.get(3).succeeded()).isFalse();
    assertThat(rows.get(3).detail().outcome()).isEqualTo("FUNCTION_ERROR");
    assertThat(rows.get(0).configuration()).isEqualTo(new Configuration("arm64", 2, 1024));
    assertThat(rows.get(0).sk()).isEqualTo("19700101_000001");
    assertThat(rows.get(0).detail().report().initDurationMs()).isEqualTo(300.0);
    assertThat(rows.get(0).detail().platform()).isEqualTo("aws us-east-1");
  }

  @Test
  void rows_give_the_same_progress_as_the_runner_replaying_the_attempts() {
    Configuration c = new Configuration("arm64", 2, 1024);
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
            List.of(new ExperimentRun.Target(c, "f")));
    run.replay(history(), false);
    ConfigurationProgress.View runner = run.snapshot().get(KEY);

    ConfigurationProgress.View ours =
        SampleAnalysis.view(AttemptRows.of(history(), WARMUP, "aws us-east-1"));

    assertThat(ours.steadyProcTimesMs()).containsExactly(500.0, 502.0, 498.0);
    assertThat(ours.steadyProcTimesMs()).isEqualTo(runner.steadyProcTimesMs());
    assertThat(ours.coldStarts()).isEqualTo(runner.coldStarts()).isEqualTo(4);
    assertThat(ours.succeeded()).isEqualTo(runner.succeeded());
    assertThat(ours.functionErrors()).isEqualTo(runner.functionErrors()).isEqualTo(1);
    assertThat(ours.throttled()).isEqualTo(runner.throttled()).isEqualTo(1);
    assertThat(ours.billedMs()).isEqualTo(runner.billedMs());
    assertThat(ours.costUsd()).isCloseTo(runner.costUsd(), offset(1e-12));
    assertThat(ours.maxMemoryUsedMb()).isEqualTo(runner.maxMemoryUsedMb()).isEqualTo(95);
    assertThat(ours.reportedCores()).isEqualTo(runner.reportedCores());
  }

  @Test
  void our_samples_csv_keeps_every_field_of_the_attempts(@TempDir Path tmp) throws IOException {
    List<SampleRow> rows = AttemptRows.of(history(), WARMUP, "local simulate (SIMULATED)");
    String text = SamplesCsv.text(rows);

    List<String> lines = text.lines().toList();
    assertThat(lines).hasSize(10);
    assertThat(lines.get(1))
        .isEqualTo(
            "arm64,1024,2,19700101_000001,2,0.900000000,true,SUCCESS,1000,1800.000,Graviton2,"
                + "905.000,906,300.000,90,1.0E-6,,local simulate (SIMULATED)");
    assertThat(lines.get(4)).startsWith("arm64,1024,2,19700101_000004,,,false,FUNCTION_ERROR,");

    List<SampleRow> back = ReferenceCsv.read(Files.writeString(tmp.resolve("samples.csv"), text));
    assertThat(SampleAnalysis.view(back)).isEqualTo(SampleAnalysis.view(rows));
  }
}
