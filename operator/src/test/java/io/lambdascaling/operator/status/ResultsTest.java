package io.lambdascaling.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.RunningMoments;
import io.lambdascaling.analysis.Tally;
import io.lambdascaling.api.v1alpha1.Architecture;
import io.lambdascaling.api.v1alpha1.ConfigurationResult;
import io.lambdascaling.api.v1alpha1.KneeRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTest {

  private static Tally.Snapshot done(double timeMs, int n) {
    List<Double> steady = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      steady.add(timeMs * (1 + (i % 3 - 1) * 0.001));
    }
    return new Tally.Snapshot(
        Tally.State.DONE,
        steady,
        n + 1,
        1,
        0,
        0,
        0,
        2,
        0,
        RunningMoments.of(timeMs + 2, timeMs + 3),
        0.0123,
        64,
        2,
        null);
  }

  @Test
  void results_carry_statistics_moments_and_cost_and_the_table_its_knees() {
    Map<Configuration, Tally.Snapshot> progress = new LinkedHashMap<>();
    for (int mb : List.of(1024, 1536, 2048, 2560)) {
      Configuration c = new Configuration("arm64", 1, mb);
      progress.put(c, done(6600 / Math.min(1, mb / 1769.0), 20));
    }
    Configuration failed = new Configuration("x86_64", 1, 128);
    progress.put(
        failed,
        new Tally.Snapshot(
            Tally.State.FAILED,
            List.of(),
            0,
            0,
            0,
            1,
            2,
            0,
            0,
            RunningMoments.EMPTY,
            0.5,
            0,
            0,
            "Task timed out after 900.00 seconds"));

    Results.Written w = Results.of(progress, 2, 0.95, Prices.usEast1());

    assertThat(w.results()).hasSize(2);
    assertThat(w.results().get(0).getArchitecture()).isEqualTo(Architecture.ARM64);
    assertThat(w.results().get(0).getSizes())
        .extracting(ConfigurationResult::getMemoryMb)
        .containsExactly(1024, 1536, 2048, 2560);
    ConfigurationResult first = w.results().get(0).getSizes().get(0);
    assertThat(first.getState()).isEqualTo("Done");
    assertThat(first.getSamples()).isEqualTo(20);
    assertThat(first.getColdStarts()).isEqualTo(1);
    assertThat(first.getMeanMs()).isCloseTo(6600 * 1769 / 1024.0, within(15.0));
    assertThat(first.getCiHalfWidthMs())
        .isPositive()
        .isLessThan(first.getMeanMs() - first.getMinMs() + 1);
    assertThat(first.getTrimmedMeanMs()).isCloseTo(first.getMeanMs(), within(15.0));
    assertThat(first.getCvPercent()).isPositive();
    assertThat(first.getErrors()).as("absent when none").isNull();
    assertThat(first.getMeanMs() * 100)
        .as("0.01 ms resolution")
        .isEqualTo(Math.rint(first.getMeanMs() * 100));
    assertThat(first.getCostUsd()).isEqualTo(0.0123);
    ConfigurationResult bad = w.results().get(1).getSizes().get(0);
    assertThat(bad.getState()).isEqualTo("Failed");
    assertThat(bad.getErrors()).isEqualTo(3);
    assertThat(bad.getMessage()).contains("timed out");
    assertThat(bad.getMeanMs()).isNull();

    assertThat(w.table())
        .extracting(t -> t.getArchitecture())
        .containsExactly(Architecture.ARM64, Architecture.X86_64);
    KneeRow arm = w.table().get(0).getRows().get(0);
    assertThat(arm.getMemoryMb()).isEqualTo(2048);
    assertThat(arm.isConfident()).as(arm.getReason()).isTrue();
    KneeRow x86 = w.table().get(1).getRows().get(0);
    assertThat(x86.getMemoryMb()).isNull();
    assertThat(x86.getReason()).isEqualTo("no successful samples");
  }

  @Test
  void a_configuration_nothing_has_run_for_is_pending_with_no_figures() {
    Map<Configuration, Tally.Snapshot> progress = new LinkedHashMap<>();
    progress.put(new Configuration("arm64", 1, 1024), done(6600, 20));
    progress.put(new Configuration("arm64", 1, 2048), null);

    Results.Written w = Results.of(progress, 2, 0.95, Prices.usEast1());

    ConfigurationResult pending = w.results().get(0).getSizes().get(1);
    assertThat(pending.getMemoryMb()).isEqualTo(2048);
    assertThat(pending.getState()).isEqualTo("Pending");
    assertThat(pending.getSamples()).isNull();
    assertThat(pending.getColdStarts()).isNull();
    assertThat(pending.getWarmups()).isNull();
    assertThat(pending.getMeanMs()).isNull();
    assertThat(w.results().get(0).getSizes().get(0).getWarmups()).as("absent when none").isNull();
  }
}
