package io.lambdascaling.operator.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;

/**
 * Serves {@code /metrics} (Prometheus text format, or OpenMetrics when the Accept header asks for
 * it; gzip'd when the client takes it), {@code /healthz} (the process answers) and {@code /readyz}
 * (the operator has started its informers) on one port of every interface.
 */
public final class MetricsServer implements AutoCloseable {

  static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService threads;
  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier ready;

  /**
   * @param port 0 for any free one
   * @param ready whether the operator is ready, for /readyz
   * @throws IOException when the port cannot be bound
   */
  public MetricsServer(int port, PrometheusMeterRegistry registry, BooleanSupplier ready)
      throws IOException {
    this.registry = registry;
    this.ready = ready;
    this.server = HttpServer.create(new InetSocketAddress(port), 16);
    this.threads =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "metrics-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Where Prometheus scrapes this process, by the loopback address. */
  public URI metricsUrl() {
    return URI.create(
        "http://"
            + InetAddress.getLoopbackAddress().getHostAddress()
            + ":"
            + server.getAddress().getPort()
            + "/metrics");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean get = "GET".equals(exchange.getRequestMethod());
      switch (get ? path : "") {
        case "/metrics" -> metrics(exchange);
        case "/healthz" -> plain(exchange, 200, "ok\n");
        case "/readyz" -> {
          if (ready.getAsBoolean()) {
            plain(exchange, 200, "ready\n");
          } else {
            plain(exchange, 503, "not ready: the operator's informers have not started\n");
          }
        }
        default ->
            plain(
                exchange,
                get ? 404 : 405,
                get ? "not found: try /metrics, /healthz or /readyz\n" : "only GET\n");
      }
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    String type =
        accept != null && accept.contains("application/openmetrics-text") ? OPEN_METRICS : TEXT;
    String encoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
    boolean gzip = encoding != null && encoding.contains("gzip");
    ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
    try (OutputStream out = gzip ? new GZIPOutputStream(body) : body) {
      registry.scrape(out, type);
    }
    exchange.getResponseHeaders().set("Content-Type", type);
    if (gzip) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    exchange.sendResponseHeaders(200, body.size());
    body.writeTo(exchange.getResponseBody());
  }

  private static void plain(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
