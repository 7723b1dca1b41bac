package io.lambdascaling.local.lambda.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdascaling.local.lambda.LocalLambda;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures, in execute mode with the real function, whether CPU follows memory: one worker at 885
 * MB against 1,769 MB, and two workers (twice the passwords) against one at 1,769 MB; and the warm
 * invoke overhead (trivial work).
 *
 * <p>The two sides of each pair run at the same time and are sized to take equally long (the faster
 * side gets twice the work; the ratio is then normalised by work), so that drift in the host's
 * speed, which reaches tens of percent within minutes on a shared machine, touches both alike. The
 * CPU scale is chosen so that a pair's quotas fill at most half of the host. Each ratio is the
 * median of the pairs.
 *
 * <p>{@code java -cp 'local/target/lse-local.jar:local/target/lib/*'
 * io.lambdascaling.local.lambda.execute.QuotaBenchmark [function.zip] [pairs] [passwords]}
 */
public final class QuotaBenchmark {

  private static final Pattern DURATION = Pattern.compile("\\tDuration: ([0-9.]+) ms");

  /** What was measured. */
  public record Result(
      String platform,
      double memoryRatio,
      double workersRatio,
      double warmOverheadMs,
      List<Double> memoryRatios,
      List<Double> workersRatios) {}

  private final LocalLambda lambda;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final byte[] zip;

  public QuotaBenchmark(LocalLambda lambda, byte[] zip) {
    this.lambda = lambda;
    this.zip = zip;
  }

  public static void main(String[] args) throws Exception {
    Path zip = Path.of(args.length > 0 ? args[0] : "function/target/lse-function.zip");
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int passwords = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    try (LocalLambda lambda =
        LocalLambda.start(LocalLambda.Options.defaults(), ExecutePlatform.create(options()))) {
      Result r = new QuotaBenchmark(lambda, Files.readAllBytes(zip)).measure(pairs, passwords);
      System.out.println("platform: " + r.platform());
      System.out.printf(
          Locale.ROOT,
          "1 worker, 885 MB vs 1769 MB: %.2fx (pairs %s; quotas of 0.5 vs 1 vCPU predict 2.0)%n",
          r.memoryRatio(),
          format(r.memoryRatios()));
      System.out.printf(
          Locale.ROOT,
          "1769 MB, 2 workers x 2N passwords vs 1 worker x N: %.2fx (pairs %s; one vCPU predicts"
              + " 2.0)%n",
          r.workersRatio(),
          format(r.workersRatios()));
      System.out.printf(
          Locale.ROOT,
          "warm invoke overhead (1 password x 1 iteration): %.2f ms%n",
          r.warmOverheadMs());
    }
  }

  /** A pair's quotas (at most 2 vCPU at scale 1) fill at most half of the host. */
  public static ExecuteOptions options() {
    int cpus = Runtime.getRuntime().availableProcessors();
    return ExecuteOptions.defaults().withCpuScale(Math.min(1.0, cpus / 4.0));
  }

  private static String format(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList().toString();
  }

  /**
   * @param passwords per invocation of the slower side of a pair, at 20,000 iterations each
   */
  public Result measure(int pairs, int passwords) throws IOException, InterruptedException {
    create("bench-m885", 885);
    create("bench-m1769", 1769);
    create("bench-m1769-w2", 1769);
    String oneN = event(1, passwords);
    String one2N = event(1, 2 * passwords);
    String two2N = event(2, 2 * passwords);
    warmUp();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Double> memory = new ArrayList<>();
    List<Double> workers = new ArrayList<>();
    try {
      for (int i = 0; i < pairs; i++) {
        // 885 MB with N against 1,769 MB with 2N: equal time means half the CPU.
        double[] m = together(pool, "bench-m885", oneN, "bench-m1769", one2N);
        memory.add(2 * m[0] / m[1]);
        // 2 workers with 2N against 1 worker with 2N, both at 1,769 MB: one vCPU between them.
        double[] w = together(pool, "bench-m1769-w2", two2N, "bench-m1769", one2N);
        workers.add(2 * w[0] / w[1]);
      }
    } finally {
      pool.shutdown();
    }
    List<Double> overhead = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      overhead.add(invoke("bench-m1769", event(1, 1).replace("20000", "1")));
    }
    return new Result(
        lambda.platform().description(),
        median(memory),
        median(workers),
        median(overhead),
        memory,
        workers);
  }

  /**
   * Warms every instance until the JIT has compiled the hashing (C1 only, as on Lambda, which takes
   * a few invocations to settle): cold starts are not what is compared here.
   */
  private void warmUp() throws IOException, InterruptedException {
    for (int round = 0; round < 3; round++) {
      for (String name : List.of("bench-m885", "bench-m1769", "bench-m1769-w2")) {
        invoke(name, event(2, 6));
      }
    }
  }

  private static String event(int workers, int passwords) {
    return "{\"workers\":" + workers + ",\"iterations\":20000,\"passwords\":" + passwords + "}";
  }

  /** Runs two invocations at the same time; returns both Durations. */
  private double[] together(ExecutorService pool, String a, String eventA, String b, String eventB)
      throws InterruptedException {
    Future<Double> first = pool.submit(() -> invoke(a, eventA));
    Future<Double> second = pool.submit(() -> invoke(b, eventB));
    try {
      return new double[] {first.get(), second.get()};
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private void create(String name, int memoryMb) throws IOException, InterruptedException {
    var body = json.createObjectNode();
    body.put("FunctionName", name);
    body.put("Runtime", "java21");
    body.put("Role", "arn:aws:iam::123456789012:role/lse-benchmark");
    body.put("Handler", "io.lambdascaling.function.HashingHandler::handleRequest");
    body.put("MemorySize", memoryMb);
    body.put("Timeout", 900);
    body.putObject("Code").put("ZipFile", Base64.getEncoder().encodeToString(zip));
    send("POST", "/2015-03-31/functions", json.writeValueAsString(body), 201);
    for (int i = 0; i < 200; i++) {
      var config = json.readTree(send("GET", "/2015-03-31/functions/" + name, null, 200).body());
      if ("Active".equals(config.path("Configuration").path("State").asText())) {
        return;
      }
      Thread.sleep(50); // polling the function's state, as GetFunction waiters do
    }
    throw new IllegalStateException(name + " never became Active");
  }

  /** Invokes and returns the REPORT line's Duration in ms. */
  private double invoke(String name, String event) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        lambda.endpoint() + "/2015-03-31/functions/" + name + "/invocations"))
                .header("X-Amz-Log-Type", "Tail")
                .timeout(Duration.ofMinutes(15))
                .POST(HttpRequest.BodyPublishers.ofString(event))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 || r.headers().firstValue("X-Amz-Function-Error").isPresent()) {
      throw new IllegalStateException(name + " failed: " + r.statusCode() + " " + r.body());
    }
    String log =
        new String(
            Base64.getDecoder().decode(r.headers().firstValue("X-Amz-Log-Result").orElseThrow()));
    Matcher m = DURATION.matcher(log);
    if (!m.find()) {
      throw new IllegalStateException("no REPORT Duration in " + log);
    }
    return Double.parseDouble(m.group(1));
  }

  private HttpResponse<String> send(String method, String path, String body, int expected)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(lambda.endpoint() + path));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
    }
    return r;
  }
}
