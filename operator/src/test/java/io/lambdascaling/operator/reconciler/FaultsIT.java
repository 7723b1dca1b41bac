package io.lambdascaling.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.api.v1alpha1.ConditionTypes;
import io.lambdascaling.api.v1alpha1.ConfigurationResult;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.api.v1alpha1.ResultSeries;
import io.lambdascaling.local.lambda.Faults;
import io.lambdascaling.local.lambda.LocalLambda;
import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An experiment under injected faults — 10 % throttles (429 with Retry-After), 5 % service errors
 * (500), 2 % function errors, up to 50 ms of added latency, and Lambda's control-plane rate limit
 * enforced — completes: throttles and service errors are retried and never samples, errors are
 * counted per configuration in status and by outcome in the metrics, and the configurations whose
 * every invocation times out (128 MB is too slow for the workload within a 1 s timeout) are Failed
 * while the others complete.
 */
class FaultsIT {

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h =
        new OperatorHarness(
            new SimulatePlatform(SimulationModel.defaults(8)),
            LocalLambda.Options.defaults()
                .withFaults(new Faults.Options(0.10, 0.05, 0.02, 50, true, 15, 100, 1000, 8)),
            Duration.ofMillis(300));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  // 3 x 100,000 iterations: about 100 ms on one vCPU, 1.4 s at 128 MB (0.07 vCPU): past the 1 s.
  private static final String FAULTY =
      """
      apiVersion: lambdascaling.io/v1alpha1
      kind: LambdaScalingExperiment
      metadata: {name: faulty, namespace: default}
      spec:
        architectures: [x86_64]
        workers: [1, 2]
        memory: {sizesMb: [128, 1024, 2048, 3584]}
        workload: {passwords: 3, iterations: 100000}
        sampling: {invocationsPerConfiguration: 10, interval: 0s}
        function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution", timeoutSeconds: 1}
        budget: {maxCostUsd: 5}
      """;

  private static final Pattern INVOCATIONS =
      Pattern.compile("^lse_invocations_total\\{([^}]*)} ([0-9.Ee+-]+)$", Pattern.MULTILINE);

  @Test
  void the_experiment_completes_under_faults_and_counts_every_error() throws Exception {
    long start = System.nanoTime();
    h.apply(FAULTY);
    LambdaScalingExperiment done =
        h.await("faulty", s -> s.getPhase() == Phase.Completed, Duration.ofSeconds(120));
    double seconds = (System.nanoTime() - start) / 1e9;
    ExperimentStatus s = done.getStatus();

    List<Attempt> kept = h.kept(done);
    Map<Outcome.Kind, Long> byKind =
        kept.stream()
            .collect(
                Collectors.groupingBy(
                    a -> a.outcome().kind(),
                    () -> new EnumMap<>(Outcome.Kind.class),
                    Collectors.counting()));
    System.out.printf(
        "faults: completed in %.1f s; attempts by outcome %s; Lambda requests %s%n",
        seconds, byKind, h.local.requestCounts());

    // Every fault happened, and each was retried or counted, not taken for a sample.
    assertThat(byKind.get(Outcome.Kind.THROTTLED)).isPositive();
    assertThat(byKind.get(Outcome.Kind.SERVICE_ERROR)).isPositive();
    assertThat(byKind.get(Outcome.Kind.TIMEOUT)).isPositive();
    assertThat(s.getInvocations().getThrottled()).isEqualTo(byKind.get(Outcome.Kind.THROTTLED));
    assertThat(s.getInvocations().getServiceErrors())
        .isEqualTo(byKind.get(Outcome.Kind.SERVICE_ERROR));
    assertThat(s.getInvocations().getFailed())
        .isEqualTo(
            byKind.getOrDefault(Outcome.Kind.FUNCTION_ERROR, 0L)
                + byKind.get(Outcome.Kind.TIMEOUT));
    assertThat(s.getInvocations().getSucceeded()).isEqualTo(60);
    assertThat(h.local.requestCounts().get("CreateFunction"))
        .as("one CreateFunction per function, the control-plane limit notwithstanding")
        .isEqualTo(8);

    // 128 MB fails (three timeouts in a row), every other configuration has exactly its samples.
    long errorsInStatus = 0;
    for (ResultSeries series : s.getResults()) {
      for (ConfigurationResult r : series.getSizes()) {
        String key = "w" + series.getWorkers() + "-m" + r.getMemoryMb();
        errorsInStatus += r.getErrors() == null ? 0 : r.getErrors();
        if (r.getMemoryMb() == 128) {
          assertThat(r.getState()).as(key).isEqualTo("Failed");
          assertThat(r.getMessage()).as(key).containsAnyOf("timed out", "injected");
          assertThat(r.getErrors()).as(key).isGreaterThanOrEqualTo(3);
        } else {
          assertThat(r.getState()).as(key).isEqualTo("Done");
          assertThat(OperatorHarness.successes(r)).as(key).isEqualTo(10);
        }
      }
    }
    assertThat(errorsInStatus).isEqualTo(s.getInvocations().getFailed());
    assertThat(s.getConfigurations().getFailed()).isEqualTo(2);
    assertThat(OperatorHarness.condition(s, ConditionTypes.DEGRADED).getReason())
        .isEqualTo("ConfigurationsFailed");

    // The metrics count the same attempts by outcome.
    String scrape =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(h.metricsUrl()).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Long> metric = new java.util.TreeMap<>();
    Matcher m = INVOCATIONS.matcher(scrape);
    while (m.find()) {
      if (m.group(1).contains("experiment=\"faulty\"")) {
        String outcome = m.group(1).replaceAll(".*outcome=\"([a-z_]+)\".*", "$1");
        metric.merge(outcome, (long) Double.parseDouble(m.group(2)), Long::sum);
      }
    }
    System.out.printf("faults: lse_invocations_total by outcome %s%n", metric);
    for (Outcome.Kind k : Outcome.Kind.values()) {
      assertThat(metric.get(k.name().toLowerCase(Locale.ROOT)))
          .as("lse_invocations_total{outcome=%s}", k)
          .isEqualTo(byKind.getOrDefault(k, 0L));
    }
  }
}
