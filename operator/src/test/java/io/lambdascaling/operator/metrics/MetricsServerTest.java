package io.lambdascaling.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicBoolean ready = new AtomicBoolean();
  private final MetricsServer server = serve();
  private final HttpClient http = HttpClient.newHttpClient();

  private MetricsServer serve() {
    try {
      Counter.builder("lse.test.events").register(registry).increment(3);
      return new MetricsServer(0, registry, ready::get);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.metricsUrl().resolve(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void metrics_are_prometheus_text_unless_openmetrics_is_asked_for() throws Exception {
    HttpResponse<byte[]> plain = get("/metrics");
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Type")).contains(MetricsServer.TEXT);
    assertThat(text(plain)).contains("lse_test_events_total 3.0").doesNotContain("# EOF");

    // What Prometheus 2.x sends.
    HttpResponse<byte[]> open =
        get(
            "/metrics",
            "Accept",
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    assertThat(open.headers().firstValue("Content-Type")).contains(MetricsServer.OPEN_METRICS);
    assertThat(text(open)).contains("lse_test_events_total 3.0").endsWith("# EOF\n");
  }

  @Test
  void metrics_are_gzipped_for_a_client_that_takes_it() throws Exception {
    HttpResponse<byte[]> r = get("/metrics", "Accept-Encoding", "gzip");

    assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("lse_test_events_total 3.0");
    }
  }

  @Test
  void healthz_answers_at_once_and_readyz_only_once_ready() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    assertThat(text(get("/readyz"))).contains("informers");

    ready.set(true);

    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
    assertThat(server.metricsUrl())
        .isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/metrics"));
  }
}
