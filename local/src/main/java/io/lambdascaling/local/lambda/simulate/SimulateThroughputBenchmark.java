package io.lambdascaling.local.lambda.simulate;

import io.lambdascaling.local.lambda.LocalLambda;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many invocations a second simulate mode carries over HTTP, with the Tail log and the REPORT
 * line, from concurrent clients, across many functions.
 *
 * <p>{@code java -cp 'local/target/lse-local.jar:local/target/lib/*'
 * io.lambdascaling.local.lambda.simulate.SimulateThroughputBenchmark [invocations] [clients]
 * [functions]}
 */
public final class SimulateThroughputBenchmark {

  private final URI endpoint;
  private final HttpClient http;
  private final int functions;

  private SimulateThroughputBenchmark(URI endpoint, HttpClient http, int functions) {
    this.endpoint = endpoint;
    this.http = http;
    this.functions = functions;
  }

  public static void main(String[] args) throws Exception {
    int invocations = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int functions = args.length > 2 ? Integer.parseInt(args[2]) : 492;
    Path zip = Path.of("function/target/lse-function.zip");
    long failures;
    try (LocalLambda lambda =
        LocalLambda.start(
            LocalLambda.Options.defaults(), new SimulatePlatform(SimulationModel.defaults(1)))) {
      HttpClient http =
          HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients)).build();
      SimulateThroughputBenchmark benchmark =
          new SimulateThroughputBenchmark(lambda.endpoint(), http, functions);
      benchmark.createFunctions(Files.readAllBytes(zip));
      Thread.sleep(300); // Pending → Active takes the transition delay (100 ms)
      long start = System.nanoTime();
      failures = benchmark.invokeAll(invocations, clients);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "simulate mode: %d invocations of %d functions from %d clients in %.1f s = %.0f/s; %d"
              + " failed; %d host CPUs%n",
          invocations,
          functions,
          clients,
          seconds,
          invocations / seconds,
          failures,
          Runtime.getRuntime().availableProcessors());
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  /** Functions f0, f1, … of 40 memory sizes from 128 MB, each with the real function's zip. */
  private void createFunctions(byte[] zip) throws IOException, InterruptedException {
    String code = Base64.getEncoder().encodeToString(zip);
    for (int f = 0; f < functions; f++) {
      String body =
          "{\"FunctionName\":\"f"
              + f
              + "\",\"Runtime\":\"java21\",\"Role\":\"arn:aws:iam::123456789012:role/r\","
              + "\"Handler\":\"io.lambdascaling.function.HashingHandler::handleRequest\","
              + "\"MemorySize\":"
              + (128 + (f % 40) * 256)
              + ",\"Timeout\":900,\"Code\":{\"ZipFile\":\""
              + code
              + "\"}}";
      http.send(
          HttpRequest.newBuilder(URI.create(endpoint + "/2015-03-31/functions"))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
  }

  /** Runs the invocations from the clients, round robin over the functions; how many failed. */
  private long invokeAll(int invocations, int clients)
      throws InterruptedException, ExecutionException {
    AtomicLong next = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      done.add(
          pool.submit(
              () -> {
                for (long i; (i = next.getAndIncrement()) < invocations; ) {
                  if (!invoke(i)) {
                    failed.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    return failed.get();
  }

  /** Invocation i: whether it answered 200 with the Tail log. */
  private boolean invoke(long i) {
    HttpRequest r =
        HttpRequest.newBuilder(
                URI.create(endpoint + "/2015-03-31/functions/f" + (i % functions) + "/invocations"))
            .header("X-Amz-Log-Type", "Tail")
            .POST(HttpRequest.BodyPublishers.ofString("{\"workers\":" + (1 + i % 6) + "}"))
            .build();
    try {
      HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          && response.headers().firstValue("X-Amz-Log-Result").isPresent();
    } catch (Exception e) {
      return false;
    }
  }
}
