package io.lambdascaling.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.local.lambda.Faults;
import io.lambdascaling.local.lambda.LocalLambda;
import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's metrics through a real Prometheus: it scrapes the operator while a simulated
 * experiment (with throttles, service and function errors, and a control-plane quota injected)
 * runs, with the scrape config of deploy/monitoring, and then every PromQL expression of the
 * Grafana dashboard must return series, and promtool must accept a scrape. Skipped when no {@code
 * prometheus} binary is on the PATH.
 */
class PrometheusIT {

  private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "lse-dashboard.json");
  private static final Path SCRAPE_CONFIG =
      Path.of("..", "deploy", "monitoring", "prometheus-scrape.yml");
  private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

  /** What the dashboard's variables stand for here; $__ ones are Grafana's own. */
  private static final Map<String, String> VARIABLES =
      Map.of(
          "namespace", "default",
          "experiment", "observed",
          "architecture", "arm64|x86_64",
          "__rate_interval", "30s",
          "__interval", "5s",
          "__range", "5m");

  private static final String EXPERIMENT =
      """
      apiVersion: lambdascaling.io/v1alpha1
      kind: LambdaScalingExperiment
      metadata: {name: observed, namespace: default}
      spec:
        architectures: [arm64, x86_64]
        workers: [1, 2]
        memory: {sizesMb: [1024, 2048, 3584]}
        sampling: {invocationsPerConfiguration: 6, interval: 0s}
        function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
        budget: {maxCostUsd: 5}
      """;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private OperatorHarness h;
  private Process prometheus;

  @TempDir Path temp;

  @AfterEach
  void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor(10, TimeUnit.SECONDS);
    }
    if (h != null) {
      h.close();
    }
  }

  @Test
  void every_dashboard_query_returns_series_and_promtool_accepts_a_scrape() throws Exception {
    Optional<Path> binary = onPath("prometheus");
    assumeTrue(
        binary.isPresent(),
        "no prometheus on the PATH: install it (Debian: apt-get install -y prometheus) to run"
            + " this test");
    Faults.Options faults =
        new Faults.Options(0.08, 0.04, 0.04, 0, true, 5, 100, 1000, 11); // throttles, errors, quota
    h =
        new OperatorHarness(
            new SimulatePlatform(SimulationModel.defaults(5)),
            LocalLambda.Options.defaults().withFaults(faults),
            Duration.ofMillis(500));
    URI target = h.metricsUrl();
    URI api = startPrometheus(binary.get(), target);

    h.apply(EXPERIMENT);
    h.await("observed", s -> s.getPhase() == Phase.Completed, Duration.ofSeconds(60));
    // The final status is in the gauges; a few scrapes later it is in Prometheus.
    awaitSeries(api, "lse_knee_memory_bytes{experiment=\"observed\"}", Duration.ofSeconds(20));
    Thread.sleep(3 * SCRAPE_INTERVAL.toMillis());

    List<String> empty = new ArrayList<>();
    Map<String, String> queries = dashboardQueries();
    for (Map.Entry<String, String> q : queries.entrySet()) {
      JsonNode result = query(api, q.getValue());
      if (result.isEmpty()) {
        empty.add(q.getKey() + ": " + q.getValue());
      }
    }
    System.out.printf(
        "PrometheusIT: %d dashboard queries, %d without series%n", queries.size(), empty.size());
    assertThat(queries).as("the dashboard's queries").hasSizeGreaterThan(15);
    assertThat(empty).as("queries that returned no series").isEmpty();

    String scrape = scrape(target, "text/plain");
    Files.writeString(Path.of("target", "prometheus-it-scrape.txt"), scrape); // for a human
    assertThat(scrape)
        .contains("lse_invocations_total{architecture=\"arm64\",experiment=\"observed\"")
        .contains("lse_lambda_api_calls_total{operation=\"Invoke\",outcome=\"throttled\"}");
    Process promtool =
        new ProcessBuilder(
                onPath("promtool").orElse(binary.get().resolveSibling("promtool")).toString(),
                "check",
                "metrics")
            .redirectErrorStream(true)
            .start();
    promtool.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
    promtool.getOutputStream().close();
    String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor()).as("promtool check metrics: " + said).isZero();

    // Deleting the experiment takes its series away.
    h.kubernetes
        .resources(io.lambdascaling.api.v1alpha1.LambdaScalingExperiment.class)
        .inNamespace("default")
        .withName("observed")
        .delete();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (h.get("observed") != null && System.nanoTime() < deadline) {
      Thread.sleep(200); // until the cleaner has run and the finalizer is gone
    }
    assertThat(scrape(target, "text/plain")).doesNotContain("experiment=\"observed\"");
  }

  /** Every target expression of every panel, and the variables' label_values queries. */
  private Map<String, String> dashboardQueries() throws IOException {
    JsonNode dashboard = json.readTree(DASHBOARD.toFile());
    Map<String, String> out = new LinkedHashMap<>();
    List<JsonNode> panels = new ArrayList<>();
    dashboard.path("panels").forEach(panels::add);
    for (int i = 0; i < panels.size(); i++) {
      JsonNode p = panels.get(i);
      p.path("panels").forEach(panels::add); // collapsed rows hold their panels
      for (JsonNode t : p.path("targets")) {
        if (t.hasNonNull("expr")) {
          out.put(
              p.path("title").asText() + " " + t.path("refId").asText(),
              substitute(t.get("expr").asText()));
        }
      }
    }
    Pattern labelValues = Pattern.compile("label_values\\((.+),\\s*\\w+\\)");
    for (JsonNode v : dashboard.path("templating").path("list")) {
      if ("query".equals(v.path("type").asText())) {
        String q =
            v.path("query").isObject()
                ? v.path("query").path("query").asText()
                : v.path("query").asText();
        Matcher m = labelValues.matcher(q);
        assertThat(m.matches()).as("variable %s: %s", v.path("name").asText(), q).isTrue();
        out.put("variable " + v.path("name").asText(), substitute(m.group(1)));
      }
    }
    return out;
  }

  private static String substitute(String expr) {
    String out = expr;
    for (Map.Entry<String, String> v : VARIABLES.entrySet()) {
      out =
          out.replace("${" + v.getKey() + "}", v.getValue())
              .replace("$" + v.getKey(), v.getValue());
    }
    assertThat(out).as("unknown variable in " + expr).doesNotContain("$");
    return out;
  }

  private URI startPrometheus(Path binary, URI target) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // The scrape config we ship, pointed at this operator and scraping every second.
    String shipped = Files.readString(SCRAPE_CONFIG);
    String yaml =
        shipped
            .replace("127.0.0.1:8080", target.getHost() + ":" + target.getPort())
            .replace(
                "scrape_interval: 30s", "scrape_interval: " + SCRAPE_INTERVAL.toSeconds() + "s")
            .replace("scrape_timeout: 10s", "scrape_timeout: " + SCRAPE_INTERVAL.toSeconds() + "s");
    assertThat(yaml)
        .as("the target and interval replaced in " + SCRAPE_CONFIG)
        .doesNotContain("8080", "30s");
    Path config = temp.resolve("prometheus.yml");
    Files.writeString(config, yaml);
    prometheus =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + temp.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("prometheus.log").toFile())
            .start();
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The result vector of an instant query; fails on a query Prometheus rejects. */
  private JsonNode query(URI api, String promql) throws IOException, InterruptedException {
    URI uri =
        api.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s: %s", promql, r.body()).isEqualTo(200);
    return json.readTree(r.body()).path("data").path("result");
  }

  private void awaitSeries(URI api, String promql, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (!query(api, promql).isEmpty()) {
          return;
        }
      } catch (IOException | AssertionError notYet) {
        // Prometheus is still starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        promql
            + " had no series after "
            + timeout
            + "; prometheus said:\n"
            + Files.readString(temp.resolve("prometheus.log")));
  }

  private String scrape(URI target, String accept) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(target).header("Accept", accept).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
