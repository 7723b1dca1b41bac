package io.lambdascaling.operator.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.AttemptPhase;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Report;
import io.lambdascaling.analysis.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptCsvTest {

  static final Configuration ARM = new Configuration("arm64", 2, 1024);
  static final Configuration X86 = new Configuration("x86_64", 1, 128);

  static Attempt success(Configuration key, double procMs, boolean cold) {
    Report r = new Report("r", procMs + 1.25, (long) procMs + 2, 1024, 77, cold ? 412.5 : null);
    Sample s =
        new Sample(
            "r",
            procMs,
            procMs * 0.97,
            2,
            "AMD EPYC 7R13, \"Milan\"",
            cold,
            r.durationMs(),
            r.billedDurationMs(),
            r.initDurationMs(),
            77);
    return new Attempt(
        key, 1_790_000_000_000L, new Outcome(Outcome.Kind.SUCCESS, s, r, null), 2.1e-6);
  }

  @Test
  void attempts_survive_the_round_trip() {
    Attempt cold = success(ARM, 812.345, true);
    Attempt warm = success(ARM, 790.5, false);
    Attempt error =
        new Attempt(
            X86,
            1_790_000_000_001L,
            new Outcome(
                Outcome.Kind.TIMEOUT,
                null,
                new Report("q", 3000.5, 3001, 128, 90, null),
                "Task timed out,\nafter 3.00 seconds"),
            6.3e-6);
    Attempt throttle =
        new Attempt(X86, 1L, new Outcome(Outcome.Kind.THROTTLED, null, null, "Rate"), 0);

    String csv =
        AttemptCsv.HEADER
            + "\n"
            + AttemptCsv.line(cold)
            + AttemptCsv.line(warm)
            + AttemptCsv.line(error)
            + AttemptCsv.line(throttle);
    List<Attempt> back = AttemptCsv.parse(csv);

    assertThat(back).hasSize(4);
    Attempt c = back.get(0);
    assertThat(c.configuration()).isEqualTo(ARM);
    assertThat(c.outcome().sample().procTimeMs()).isEqualTo(812.345);
    assertThat(c.outcome().sample().cpuModel()).isEqualTo("AMD EPYC 7R13, \"Milan\"");
    assertThat(c.outcome().sample().coldStart()).isTrue();
    assertThat(c.outcome().report().initDurationMs()).isEqualTo(412.5);
    assertThat(c.outcome().report().billedDurationMs()).isEqualTo(814);
    assertThat(c.costUsd()).isEqualTo(2.1e-6);
    assertThat(back.get(1).outcome().report().initDurationMs()).isNull();
    assertThat(back.get(2).outcome().kind()).isEqualTo(Outcome.Kind.TIMEOUT);
    assertThat(back.get(2).outcome().sample()).isNull();
    assertThat(back.get(2).outcome().error()).isEqualTo("Task timed out, after 3.00 seconds");
    assertThat(back.get(3).outcome().report()).isNull();
    assertThat(back.get(3).costUsd()).isZero();
  }

  @Test
  void a_malformed_log_is_refused_naming_the_line() {
    assertThatThrownBy(() -> AttemptCsv.parse("a,b\n")).hasMessageContaining("not an attempt log");
    String bad =
        AttemptCsv.HEADER
            + "\n"
            + AttemptCsv.line(success(ARM, 1, false))
            + "arm64,1024,2,,,,false,NOPE\n";
    assertThatThrownBy(() -> AttemptCsv.parse(bad)).hasMessageContaining("line 3");
  }

  @Test
  void a_phase_its_outcome_cannot_have_is_refused_naming_the_column() {
    Attempt timeout =
        new Attempt(X86, 1, new Outcome(Outcome.Kind.TIMEOUT, null, null, "timed out"), 0);
    String steadyTimeout =
        AttemptCsv.text(List.of(new AttemptCsv.Row(timeout, AttemptPhase.STEADY, null, false)));
    String failedSuccess =
        AttemptCsv.text(
            List.of(new AttemptCsv.Row(success(ARM, 1, false), AttemptPhase.FAILED, null, false)));

    assertThatThrownBy(() -> AttemptCsv.parse(steadyTimeout))
        .hasMessageContaining("line 2")
        .hasMessageContaining("column phase is 'steady', not a phase of outcome TIMEOUT");
    assertThatThrownBy(() -> AttemptCsv.parse(failedSuccess))
        .hasMessageContaining("column phase is 'failed', not a phase of outcome SUCCESS");
  }

  @Test
  void long_errors_are_clipped_to_one_line() {
    Attempt a =
        new Attempt(
            X86, 1, new Outcome(Outcome.Kind.FUNCTION_ERROR, null, null, "x".repeat(5000)), 0);
    String error =
        AttemptCsv.parse(AttemptCsv.HEADER + "\n" + AttemptCsv.line(a)).get(0).outcome().error();
    assertThat(error).hasSize(AttemptCsv.MAX_ERROR).endsWith("…");
  }

  @Test
  void chunks_written_by_the_former_version_are_still_read() {
    String former =
        "configuration,startedAtMs,outcome,procTimeMs,cpuTimeMs,cores,cpuModel,coldStart,"
            + "durationMs,billedDurationMs,initDurationMs,maxMemoryUsedMb,costUsd,error\n"
            + "arm64-w2-m1024,1790000000000,SUCCESS,812.345,787.975,2,\"AMD EPYC, \"\"Milan\"\"\","
            + "true,813.595,814,412.500,77,2.1E-6,\n"
            + "x86_64-w1-m128,1790000000001,TIMEOUT,,,,,,3000.500,3001,,90,6.3E-6,"
            + "\"Task timed out, after 3.00 seconds\"\n";

    List<Attempt> back = AttemptCsv.parse(former);

    assertThat(back).hasSize(2);
    Attempt c = back.get(0);
    assertThat(c.configuration()).isEqualTo(ARM);
    assertThat(c.startedAtMs()).isEqualTo(1_790_000_000_000L);
    assertThat(c.outcome().sample().procTimeMs()).isEqualTo(812.345);
    assertThat(c.outcome().sample().cpuModel()).isEqualTo("AMD EPYC, \"Milan\"");
    assertThat(c.outcome().sample().coldStart()).isTrue();
    assertThat(c.outcome().report().initDurationMs()).isEqualTo(412.5);
    assertThat(c.costUsd()).isEqualTo(2.1e-6);
    assertThat(back.get(1).configuration()).isEqualTo(X86);
    assertThat(back.get(1).outcome().kind()).isEqualTo(Outcome.Kind.TIMEOUT);
    assertThat(back.get(1).outcome().error()).isEqualTo("Task timed out, after 3.00 seconds");
  }

  @Test
  void the_schema_begins_with_the_reference_experiments_columns_in_seconds() {
    String line = AttemptCsv.line(success(ARM, 812.345, true));

    assertThat(AttemptCsv.HEADER).startsWith("Architecture,Memory,Workers,sk,cores,proc_time,");
    assertThat(line).startsWith("arm64,1024,2,20260921_").contains(",2,0.812345000,true,SUCCESS,");
  }
}
