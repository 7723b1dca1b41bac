package io.lambdascaling.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.AttemptPhase;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Report;
import io.lambdascaling.analysis.Sample;
import io.lambdascaling.api.v1alpha1.Architecture;
import io.lambdascaling.api.v1alpha1.ArchitectureTable;
import io.lambdascaling.api.v1alpha1.ConfigurationCounts;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.KneeRow;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.operator.runner.ExperimentRun;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentMetricsTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ExperimentMetrics metrics = new ExperimentMetrics(registry);

  private static LambdaScalingExperiment experiment(String name) {
    return Serialization.unmarshal(
        """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: %s, namespace: lab}
        spec:
          architectures: [arm64]
          workers: [1, 2]
          memory: {sizesMb: [1024, 2048]}
          function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
          budget: {maxCostUsd: 5}
        """
            .formatted(name),
        LambdaScalingExperiment.class);
  }

  private static Attempt success(double procMs, boolean cold) {
    return success(new Configuration("arm64", 2, 2048), procMs, cold);
  }

  private static Attempt success(Configuration c, double procMs, boolean cold) {
    Report report = new Report("r", procMs + 3, 1500, 2048, 60, cold ? 340.0 : null);
    Sample sample = new Sample("r", procMs, procMs, 2, "cpu", cold, procMs + 3, 1500, null, 60);
    return new Attempt(c, 0, new Outcome(Outcome.Kind.SUCCESS, sample, report, null), 1e-5);
  }

  private String scrape() {
    return registry.scrape(MetricsServer.TEXT);
  }

  @Test
  void every_outcome_has_a_zero_series_before_the_first_invocation() {
    metrics.observer(experiment("ref"));

    String text = scrape();
    for (String outcome :
        List.of("success", "function_error", "timeout", "throttled", "service_error")) {
      assertThat(text)
          .contains(
              "lse_invocations_total{architecture=\"arm64\",experiment=\"ref\",namespace=\"lab\","
                  + "outcome=\""
                  + outcome
                  + "\"} 0.0");
    }
    assertThat(text)
        .contains(
            "lse_cold_starts_total{architecture=\"arm64\",experiment=\"ref\",namespace=\"lab\"} 0.0")
        .doesNotContain("lse_processing_time_seconds_count");
  }

  @Test
  void attempts_count_by_outcome_and_only_steady_samples_are_timed_per_configuration() {
    ExperimentRun.Observer o = metrics.observer(experiment("ref"));
    Configuration c = new Configuration("arm64", 2, 2048);

    o.attempted(success(900, true), AttemptPhase.COLD);
    o.attempted(success(480, false), AttemptPhase.WARMUP);
    o.attempted(success(450, false), AttemptPhase.STEADY);
    o.attempted(success(550, false), AttemptPhase.STEADY);
    o.attempted(
        new Attempt(c, 0, new Outcome(Outcome.Kind.THROTTLED, null, null, "429"), 0),
        AttemptPhase.THROTTLED);

    String text = scrape();
    String arm = "architecture=\"arm64\",experiment=\"ref\",namespace=\"lab\"";
    String config =
        "architecture=\"arm64\",experiment=\"ref\",memory_mb=\"2048\",namespace=\"lab\",workers=\"2\"";
    assertThat(text)
        .contains("lse_invocations_total{" + arm + ",outcome=\"success\"} 4.0")
        .contains("lse_invocations_total{" + arm + ",outcome=\"throttled\"} 1.0")
        .contains("lse_cold_starts_total{" + arm + "} 1.0")
        .contains("lse_warmup_invocations_total{" + arm + "} 1.0")
        .contains("lse_processing_time_seconds_count{" + config + "} 2")
        .contains("lse_processing_time_seconds_sum{" + config + "} 1.0")
        .contains("lse_processing_time_seconds_bucket{" + config + ",le=\"0.5\"} 1")
        .contains("lse_processing_time_seconds_bucket{" + config + ",le=\"900.0\"} 2")
        .contains("lse_billed_duration_seconds_count{" + arm + "} 4")
        .contains("lse_billed_duration_seconds_sum{" + arm + "} 6.0");
  }

  @Test
  void a_status_sets_progress_spend_configurations_phase_and_the_knee_table() {
    LambdaScalingExperiment e = experiment("ref");
    metrics.published(e, status(Phase.Completed, 2048, 3584));

    String text = scrape();
    String exp = "experiment=\"ref\",namespace=\"lab\"";
    assertThat(text)
        .contains("lse_progress_ratio{" + exp + "} 0.5")
        .contains("lse_spend_usd{" + exp + "} 0.25")
        .contains("lse_budget_usd{" + exp + "} 5.0")
        .contains("lse_configurations{" + exp + ",state=\"planned\"} 4.0")
        .contains("lse_configurations{" + exp + ",state=\"ready\"} 3.0")
        .contains("lse_configurations{" + exp + ",state=\"failed\"} 1.0")
        .contains("lse_experiment_phase{" + exp + ",phase=\"Completed\"} 1.0")
        .contains("lse_experiment_phase{" + exp + ",phase=\"Running\"} 0.0")
        .contains(
            "lse_knee_memory_bytes{architecture=\"arm64\"," + exp + ",workers=\"1\"} 2.147483648E9")
        .contains(
            "lse_knee_memory_bytes{architecture=\"arm64\"," + exp + ",workers=\"2\"} 3.758096384E9")
        .contains("lse_knee_confident{architecture=\"arm64\"," + exp + ",workers=\"1\"} 1.0")
        .contains("lse_knee_confident{architecture=\"arm64\"," + exp + ",workers=\"2\"} 0.0");

    // Re-planned down to one worker count: the other row goes.
    metrics.published(e, status(Phase.Completed, 2048));
    assertThat(scrape()).doesNotContain("workers=\"2\"");
  }

  @Test
  void a_deleted_experiments_series_disappear_and_the_others_stay() {
    LambdaScalingExperiment gone = experiment("gone");
    LambdaScalingExperiment kept = experiment("kept");
    metrics
        .observer(gone)
        .attempted(success(new Configuration("arm64", 1, 1024), 100, false), AttemptPhase.STEADY);
    metrics.published(gone, status(Phase.Completed, 2048));
    metrics.published(kept, status(Phase.Running));

    metrics.deleted(gone);

    String text = scrape();
    assertThat(text).doesNotContain("experiment=\"gone\"").contains("experiment=\"kept\"");
    // A new experiment of the same name starts from nothing.
    metrics.observer(gone);
    assertThat(scrape())
        .contains(
            "lse_invocations_total{architecture=\"arm64\",experiment=\"gone\",namespace=\"lab\",outcome=\"success\"} 0.0");
  }

  @Test
  void lambda_calls_count_by_operation_and_outcome_and_retries_by_reason() {
    LambdaCallMeters calls = new LambdaCallMeters(registry);
    calls.called("CreateFunction", "throttled");
    calls.retried("CreateFunction", "throttled");
    calls.called("CreateFunction", "success");
    calls.called("Invoke", "success");

    assertThat(scrape())
        .contains(
            "lse_lambda_api_calls_total{operation=\"CreateFunction\",outcome=\"throttled\"} 1.0")
        .contains(
            "lse_lambda_api_calls_total{operation=\"CreateFunction\",outcome=\"success\"} 1.0")
        .contains("lse_lambda_api_calls_total{operation=\"Invoke\",outcome=\"success\"} 1.0")
        .contains(
            "lse_lambda_api_retries_total{operation=\"CreateFunction\",reason=\"throttled\"} 1.0");
  }

  private static ExperimentStatus status(Phase phase, int... kneesMb) {
    ExperimentStatus s = new ExperimentStatus();
    s.setPhase(phase);
    s.setProgressPercent(50.0);
    s.setSpendUsd(0.25);
    s.setConfigurations(new ConfigurationCounts(4, 3, 1));
    ArchitectureTable t = new ArchitectureTable();
    t.setArchitecture(Architecture.ARM64);
    for (int i = 0; i < kneesMb.length; i++) {
      KneeRow row = new KneeRow();
      row.setWorkers(i + 1);
      row.setMemoryMb(kneesMb[i]);
      row.setConfident(i == 0);
      t.getRows().add(row);
    }
    if (kneesMb.length > 0) {
      s.setTable(List.of(t));
    }
    return s;
  }
}
