package io.lambdascaling.local.lambda.simulate;

import io.lambdascaling.local.lambda.LocalLambda;
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

  private SimulateThroughputBenchmark() {}

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
      String code = Base64.getEncoder().encodeToString(Files.readAllBytes(zip));
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
            HttpRequest.newBuilder(URI.create(lambda.endpoint() + "/2015-03-31/functions"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding());
      }
      Thread.sleep(300); // Pending → Active takes the transition delay (100 ms)
      AtomicLong next = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        done.add(
            pool.submit(
                () -> {
                  for (long i; (i = next.getAndIncrement()) < invocations; ) {
                    HttpRequest r =
                        HttpRequest.newBuilder(
                                URI.create(
                                    lambda.endpoint()
                                        + "/2015-03-31/functions/f"
                                        + (i % functions)
                                        + "/invocations"))
                            .header("X-Amz-Log-Type", "Tail")
                            .POST(
                                HttpRequest.BodyPublishers.ofString(
                                    "{\"workers\":" + (1 + i % 6) + "}"))
                            .build();
                    try {
                      HttpResponse<String> response =
                          http.send(r, HttpResponse.BodyHandlers.ofString());
                      if (response.statusCode() != 200
                          || response.headers().firstValue("X-Amz-Log-Result").isEmpty()) {
                        failed.incrementAndGet();
                      }
                    } catch (Exception e) {
                      failed.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      System.out.printf(
          Locale.ROOT,
          "simulate mode: %d invocations of %d functions from %d clients in %.1f s = %.0f/s; %d"
              + " failed; %d host CPUs%n",
          invocations,
          functions,
          clients,
          seconds,
          invocations / seconds,
          failed.get(),
          Runtime.getRuntime().availableProcessors());
      failures = failed.get();
    }
    System.exit(failures == 0 ? 0 : 1);
  }
}
