package io.lambdascaling.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TallyTest {

  static final Configuration C = new Configuration("arm64", 1, 1024);

  static Attempt success(double procMs, boolean functionSaysCold, Double initMs) {
    Report r = new Report("r", procMs + 2, (long) procMs + 3, 1024, 70, initMs);
    Sample s =
        new Sample("r", procMs, procMs, 2, "cpu", functionSaysCold, procMs + 2, 0, initMs, 70);
    return new Attempt(C, 0, new Outcome(Outcome.Kind.SUCCESS, s, r, null), 1e-6);
  }

  static Attempt failure(Outcome.Kind kind) {
    Report r = new Report("r", 3000, 3000, 1024, 90, null);
    return new Attempt(C, 0, new Outcome(kind, null, r, "boom " + kind), 5e-5);
  }

  @Test
  void a_cold_start_is_an_init_phase_and_the_warmups_after_it_are_counted_apart() {
    Tally t = new Tally(new Tally.Rules(100, 3, 3));
    List<AttemptPhase> phases = new ArrayList<>();

    phases.add(t.add(success(900, false, 300.0))); // Init Duration in the REPORT line
    phases.add(t.add(success(510, false, null)));
    phases.add(t.add(success(505, false, null)));
    phases.add(t.add(success(500, false, null)));
    phases.add(t.add(success(850, true, null))); // the function says it is its first
    phases.add(t.add(success(502, false, null)));

    assertThat(phases)
        .containsExactly(
            AttemptPhase.COLD,
            AttemptPhase.WARMUP,
            AttemptPhase.WARMUP,
            AttemptPhase.STEADY,
            AttemptPhase.COLD,
            AttemptPhase.WARMUP);
    Tally.Snapshot s = t.snapshot();
    assertThat(s.coldStarts()).isEqualTo(2);
    assertThat(s.warmups()).isEqualTo(3);
    assertThat(s.steadyProcTimesMs()).containsExactly(500.0);
    assertThat(s.steadyBilledMs().mean()).as("steady invocations only").isEqualTo(503);
    assertThat(s.succeeded()).isEqualTo(6);
  }

  @Test
  void the_first_successes_of_a_configuration_warm_up_even_without_a_cold_start() {
    Tally t = new Tally(new Tally.Rules(100, 1, 3));

    assertThat(t.add(success(510, false, null))).isEqualTo(AttemptPhase.WARMUP);
    assertThat(t.add(success(500, false, null))).isEqualTo(AttemptPhase.STEADY);
  }

  @Test
  void consecutive_failures_fail_a_configuration_and_a_success_between_resets_them() {
    Tally t = new Tally(new Tally.Rules(100, 0, 3));
    t.add(failure(Outcome.Kind.FUNCTION_ERROR));
    t.add(failure(Outcome.Kind.TIMEOUT));
    t.add(success(500, false, null));
    t.add(failure(Outcome.Kind.THROTTLED));
    t.add(failure(Outcome.Kind.FUNCTION_ERROR));
    t.add(failure(Outcome.Kind.SERVICE_ERROR));
    t.add(failure(Outcome.Kind.TIMEOUT));
    assertThat(t.state()).isEqualTo(Tally.State.RUNNING);

    t.add(failure(Outcome.Kind.TIMEOUT));

    assertThat(t.state()).isEqualTo(Tally.State.FAILED);
    Tally.Snapshot s = t.snapshot();
    assertThat(s.functionErrors()).isEqualTo(2);
    assertThat(s.timeouts()).isEqualTo(3);
    assertThat(s.throttled()).isEqualTo(1);
    assertThat(s.serviceErrors()).isEqualTo(1);
    assertThat(s.lastError()).isEqualTo("boom TIMEOUT");
    assertThat(s.maxMemoryUsedMb()).isEqualTo(90);
    t.retry();
    assertThat(t.state()).isEqualTo(Tally.State.RUNNING);
  }

  @Test
  void a_configuration_is_done_with_the_successes_wanted() {
    Tally t = new Tally(new Tally.Rules(2, 0, 3));
    t.add(success(500, false, null));
    assertThat(t.state()).isEqualTo(Tally.State.RUNNING);
    t.add(success(500, false, null));
    assertThat(t.state()).isEqualTo(Tally.State.DONE);
  }

  @Test
  void figures_round_as_the_status_shows_them() {
    assertThat(Figures.ms(115.4949)).isEqualTo(115.49);
    assertThat(Figures.ms(12345.678)).isEqualTo(12346.0);
    assertThat(Figures.spread(1.23456)).isEqualTo(1.23);
    assertThat(Figures.usd(1.234567e-5)).isEqualTo(1.235e-5);
    assertThat(Figures.usd(Double.NaN)).as("unknown cost").isNull();
    assertThat(Figures.ms(Double.NaN)).isNull();
  }
}
