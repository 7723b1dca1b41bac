package io.lambdascaling.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.KneeRow;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.MemorySpec;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import io.lambdascaling.operator.plan.MemorySizes;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference experiment's whole matrix (492 configurations) on a quiet simulation: the table the
 * operator writes is the one the simulation's model implies.
 */
class ReferenceMatrixIT {

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new OperatorHarness(SimulationModel.defaults(3).withNoise(0.002, 0), Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static final String REFERENCE =
      """
      apiVersion: lambdascaling.io/v1alpha1
      kind: LambdaScalingExperiment
      metadata: {name: reference, namespace: default}
      spec:
        sampling: {invocationsPerConfiguration: 5, interval: 0s, maxConcurrency: 50}
        function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
        budget: {maxCostUsd: 50}
      """;

  /** The reference experiment's 41 sizes: the spec's default memory. */
  private static final List<Integer> REFERENCE_SIZES = MemorySizes.of(MemorySpec.reference());

  /** The smallest reference size whose noise-free time is within 2 % of the best. */
  private static int truth(int workers) {
    return SimulationModel.kneeMb(workers, REFERENCE_SIZES, 2);
  }

  @Test
  void the_reference_matrix_completes_with_the_models_table() throws Exception {
    long start = System.nanoTime();
    h.apply(REFERENCE);

    LambdaScalingExperiment done =
        h.await("reference", st -> st.getPhase() == Phase.Completed, Duration.ofMinutes(5));
    double seconds = (System.nanoTime() - start) / 1e9;
    ExperimentStatus s = done.getStatus();
    int statusBytes = Serialization.asJson(s).length();
    System.out.printf(
        "reference matrix: 492 x 5 simulated invocations in %.1f s; status %d bytes%n",
        seconds, statusBytes);

    assertThat(OperatorHarness.results(s)).hasSize(492);
    assertThat(statusBytes).as("status size").isLessThanOrEqualTo(150 * 1024);
    assertThat(s.getInvocations().getSucceeded()).isEqualTo(492 * 5);
    assertThat(s.getTable()).hasSize(2);
    for (var table : s.getTable()) {
      for (KneeRow row : table.getRows()) {
        assertThat(row.getMemoryMb())
            .as("%s W=%d", table.getArchitecture(), row.getWorkers())
            .isEqualTo(truth(row.getWorkers()));
      }
    }
    assertThat(h.lambda.listFunctions().functions()).isEmpty();

    // What Prometheus gets for the largest experiment there is: one histogram per configuration.
    String scrape =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(h.metricsUrl()).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    long series = scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
    long timeSeries =
        scrape.lines().filter(l -> l.startsWith("lse_processing_time_seconds")).count();
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(gzipped)) {
      gz.write(scrape.getBytes(StandardCharsets.UTF_8));
    }
    System.out.printf(
        "reference matrix scrape: %d bytes (%d gzip'd), %d series, %d of them processing time%n",
        scrape.getBytes(StandardCharsets.UTF_8).length, gzipped.size(), series, timeSeries);
    assertThat(timeSeries).as("processing-time series").isEqualTo(492 * 20);
    assertThat(series).as("series in a scrape").isLessThan(12_000);
  }
}
