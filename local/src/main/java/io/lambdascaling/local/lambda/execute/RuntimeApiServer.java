package io.lambdascaling.local.lambda.execute;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lambdascaling.local.lambda.LocalLambda;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (2018-06-01) for one instance: the runtime interface client in the child
 * long-polls {@code next} for work and posts each result to {@code response} or {@code error}.
 */
final class RuntimeApiServer implements AutoCloseable {

  private static final Pattern RESULT =
      Pattern.compile("^/2018-06-01/runtime/invocation/([^/]+)/(response|error)$");

  /** One event handed to the child, and how it ended. */
  static final class Work {
    final String requestId;
    final byte[] payload;
    final long deadlineEpochMs;
    final String functionArn;
    final CompletableFuture<Long> dispatched = new CompletableFuture<>();
    final CompletableFuture<Result> result = new CompletableFuture<>();

    Work(String requestId, byte[] payload, long deadlineEpochMs, String functionArn) {
      this.requestId = requestId;
      this.payload = payload;
      this.deadlineEpochMs = deadlineEpochMs;
      this.functionArn = functionArn;
    }
  }

  /**
   * What the child posted.
   *
   * @param errorType null for a response, else {@code Lambda-Runtime-Function-Error-Type}
   * @param nanoTime when it arrived
   */
  record Result(byte[] body, String errorType, long nanoTime) {}

  private final HttpServer server;
  private final ExecutorService threads;
  private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
  private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
  private final CompletableFuture<Result> initError = new CompletableFuture<>();
  private volatile Work current;

  RuntimeApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    threads = Executors.newCachedThreadPool(LocalLambda.daemon("runtime-api"));
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** host:port for {@code AWS_LAMBDA_RUNTIME_API}. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Completes (with System.nanoTime) when the child first asks for work: init is over. */
  CompletableFuture<Long> firstNext() {
    return firstNext;
  }

  CompletableFuture<Result> initError() {
    return initError;
  }

  void submit(Work work) {
    queue.add(work);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals("/2018-06-01/runtime/invocation/next")) {
        next(exchange);
        return;
      }
      byte[] body = readBody(exchange);
      Matcher m = RESULT.matcher(path);
      if (method.equals("POST") && m.matches()) {
        Work work = current;
        if (work == null || !work.requestId.equals(m.group(1))) {
          send(exchange, 400, "{\"errorMessage\":\"unknown request id\"}");
          return;
        }
        String errorType =
            m.group(2).equals("error")
                ? header(exchange, "Lambda-Runtime-Function-Error-Type", "Unhandled")
                : null;
        work.result.complete(new Result(body, errorType, System.nanoTime()));
        send(exchange, 202, "{\"status\":\"OK\"}");
      } else if (method.equals("POST") && path.equals("/2018-06-01/runtime/init/error")) {
        initError.complete(
            new Result(
                body,
                header(exchange, "Lambda-Runtime-Function-Error-Type", "Runtime.InitError"),
                System.nanoTime()));
        send(exchange, 202, "{\"status\":\"OK\"}");
      } else {
        send(exchange, 404, "{\"errorMessage\":\"unknown path\"}");
      }
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    firstNext.complete(System.nanoTime());
    Work work;
    try {
      work = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    current = work;
    var h = exchange.getResponseHeaders();
    h.set("Content-Type", "application/json");
    h.set("Lambda-Runtime-Aws-Request-Id", work.requestId);
    h.set("Lambda-Runtime-Deadline-Ms", Long.toString(work.deadlineEpochMs));
    h.set("Lambda-Runtime-Invoked-Function-Arn", work.functionArn);
    h.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
    work.dispatched.complete(System.nanoTime());
    // Lambda hands an empty payload to the function as {}; a body-less 200 also stalls the client.
    byte[] payload = work.payload.length == 0 ? "{}".getBytes() : work.payload;
    exchange.sendResponseHeaders(200, payload.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(payload);
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  private static String header(HttpExchange exchange, String name, String absent) {
    String v = exchange.getRequestHeaders().getFirst(name);
    return v == null ? absent : v;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes();
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
