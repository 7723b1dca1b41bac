package io.lambdascaling.function;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prints how many PBKDF2 hashes per second this machine does on one thread (and, with {@code
 * --workers W}, on W threads), so that simulated costs and local runs can be compared with it.
 *
 * <p>{@code java -cp function/target/lse-function.zip io.lambdascaling.function.Benchmark
 * [--iterations N] [--seconds S] [--workers W] [--algorithm NAME]}
 */
public final class Benchmark {

  private Benchmark() {}

  public static void main(String[] args) throws InterruptedException {
    try {
      benchmark(args);
    } catch (InvalidEventException | NumberFormatException e) {
      fail(e.getMessage());
    }
  }

  private static void benchmark(String[] args) throws InterruptedException {
    int iterations = HashingRequest.DEFAULT_ITERATIONS;
    double seconds = 5;
    int workers = 1;
    String algorithm = HashingRequest.DEFAULT_ALGORITHM;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        System.out.println(
            "usage: Benchmark [--iterations N] [--seconds S] [--workers W] [--algorithm NAME]");
        return;
      }
      if (i + 1 >= args.length) {
        fail(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--iterations" -> iterations = parse(HashingRequest.ITERATIONS, value);
        case "--seconds" -> seconds = Double.parseDouble(value);
        case "--workers" -> workers = parse(HashingRequest.WORKERS, value);
        case "--algorithm" -> algorithm = HashingRequest.checkAlgorithm(value);
        default -> fail("unknown option " + flag);
      }
    }
    HashingRequest probe = new HashingRequest(1, iterations, algorithm, 1);
    run(probe, 0.5); // warm-up: let the JIT compile the HMAC loop before measuring
    print(probe, run(probe, seconds));
    if (workers > 1) {
      HashingRequest parallel = new HashingRequest(1, iterations, algorithm, workers);
      print(parallel, run(parallel, seconds));
    }
  }

  /** Repeats batches of one password per worker until the time is up. */
  private static Totals run(HashingRequest shape, double seconds) throws InterruptedException {
    SplittableRandom random = new SplittableRandom(42);
    HashingRequest batch =
        new HashingRequest(shape.workers(), shape.iterations(), shape.algorithm(), shape.workers());
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    Totals totals = new Totals();
    do {
      HashingWorkload.Measurement m =
          HashingWorkload.run(batch, HashingWorkload.randomPasswords(batch.passwords(), random));
      totals.hashes += m.hashed();
      totals.wallNanos += m.procTimeNanos();
      totals.cpuNanos += m.cpuTimeNanos();
    } while (System.nanoTime() < deadline);
    return totals;
  }

  private static void print(HashingRequest shape, Totals t) {
    double perSecond = t.hashes / (t.wallNanos / 1e9);
    System.out.printf(
        Locale.ROOT,
        "%s, %d iterations, %d thread(s): %.2f hashes/s (%.2f ms per hash per thread;"
            + " cpu/wall %.2f; %d hashes; %d processors; java %s; %s)%n",
        shape.algorithm(),
        shape.iterations(),
        shape.workers(),
        perSecond,
        shape.workers() * 1000.0 / perSecond,
        (double) t.cpuNanos / t.wallNanos,
        t.hashes,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        HostInfo.cpuModel(java.nio.file.Path.of("/proc/cpuinfo")));
  }

  private static int parse(HashingRequest.Range range, String value) {
    try {
      return range.check(new java.math.BigDecimal(value));
    } catch (NumberFormatException e) {
      throw range.invalid("got \"" + value + "\"");
    }
  }

  private static void fail(String message) {
    System.err.println("Benchmark: " + message);
    System.exit(2);
  }

  private static final class Totals {
    long hashes;
    long wallNanos;
    long cpuNanos;
  }
}
