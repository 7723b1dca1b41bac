package io.lambdascaling.operator.config;

import io.lambdascaling.analysis.Prices;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything the operator is configured with, read once in the composition root
 * (LambdaScalingOperator).
 *
 * @param lambdaEndpoint where Lambda calls go instead of AWS (the local Lambda); empty for AWS
 * @param namespaces the namespaces to watch; empty for all
 * @param globalConcurrency invocations in flight at once across all experiments
 * @param controlPlaneRate Lambda control-plane requests a second (Lambda allows 15)
 * @param flushInterval how often a running experiment's status is written
 * @param installationId tags every function, so that two installations sharing an AWS account never
 *     touch each other's
 * @param metricsPort where /metrics, /healthz and /readyz are served; 0 for any free port
 * @param orphanInterval how often functions of this installation whose experiment is gone are
 *     looked for and deleted
 * @param shutdownDrain on SIGTERM, how long invocations in flight may take to land before what has
 *     landed is kept and the process exits (keep it under the pod's termination grace period)
 */
public record OperatorConfig(
    String region,
    Optional<URI> lambdaEndpoint,
    Set<String> namespaces,
    int globalConcurrency,
    double controlPlaneRate,
    Duration flushInterval,
    String installationId,
    Prices prices,
    Duration readyTimeout,
    int metricsPort,
    Duration orphanInterval,
    Duration shutdownDrain) {

  /** The metrics port unless LSE_METRICS_PORT says otherwise. */
  public static final int DEFAULT_METRICS_PORT = 8080;

  /** How often orphan functions are looked for unless LSE_ORPHAN_INTERVAL says otherwise. */
  public static final Duration DEFAULT_ORPHAN_INTERVAL = Duration.ofMinutes(5);

  /**
   * How long a SIGTERM waits for invocations in flight unless LSE_SHUTDOWN_DRAIN says otherwise.
   */
  public static final Duration DEFAULT_SHUTDOWN_DRAIN = Duration.ofSeconds(20);

  /** With the default orphan interval and shutdown drain. */
  public OperatorConfig(
      String region,
      Optional<URI> lambdaEndpoint,
      Set<String> namespaces,
      int globalConcurrency,
      double controlPlaneRate,
      Duration flushInterval,
      String installationId,
      Prices prices,
      Duration readyTimeout,
      int metricsPort) {
    this(
        region,
        lambdaEndpoint,
        namespaces,
        globalConcurrency,
        controlPlaneRate,
        flushInterval,
        installationId,
        prices,
        readyTimeout,
        metricsPort,
        DEFAULT_ORPHAN_INTERVAL,
        DEFAULT_SHUTDOWN_DRAIN);
  }

  /**
   * Reads LSE_* environment variables; defaults where unset. Prices default to us-east-1's and are
   * overridden one by one with LSE_PRICE_X86_64_GB_SECOND, LSE_PRICE_ARM64_GB_SECOND and
   * LSE_PRICE_PER_REQUEST (US dollars), for another region or a negotiated rate.
   *
   * @throws IllegalArgumentException naming the variable and what it accepts
   */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    String namespaces = env.getOrDefault("LSE_NAMESPACES", "");
    Prices defaults = Prices.usEast1();
    return new OperatorConfig(
        env.getOrDefault("LSE_REGION", env.getOrDefault("AWS_REGION", "us-east-1")),
        Optional.ofNullable(env.get("LSE_LAMBDA_ENDPOINT"))
            .filter(s -> !s.isBlank())
            .map(s -> parse(env, "LSE_LAMBDA_ENDPOINT", "an http(s) URL", URI::create)),
        namespaces.isBlank() ? Set.of() : Set.of(namespaces.split(",")),
        positive(env, "LSE_GLOBAL_CONCURRENCY", 100).intValue(),
        positive(env, "LSE_CONTROL_PLANE_RATE", 10),
        duration(env, "LSE_FLUSH_INTERVAL", "PT10S"),
        env.getOrDefault("LSE_INSTALLATION_ID", "default"),
        new Prices(
            positive(env, "LSE_PRICE_X86_64_GB_SECOND", defaults.x86PerGbSecond()),
            positive(env, "LSE_PRICE_ARM64_GB_SECOND", defaults.armPerGbSecond()),
            positive(env, "LSE_PRICE_PER_REQUEST", defaults.perRequest())),
        duration(env, "LSE_READY_TIMEOUT", "PT5M"),
        port(env, "LSE_METRICS_PORT", DEFAULT_METRICS_PORT),
        duration(env, "LSE_ORPHAN_INTERVAL", DEFAULT_ORPHAN_INTERVAL.toString()),
        duration(env, "LSE_SHUTDOWN_DRAIN", DEFAULT_SHUTDOWN_DRAIN.toString()));
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    String expected = "a port number from 0 to 65535 (0 picks a free one)";
    int port = parse(env, name, expected, Integer::parseInt);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + ": must be " + expected + ", got " + raw);
    }
    return port;
  }

  private static Double positive(Map<String, String> env, String name, double fallback) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    double v = parse(env, name, "a number above 0", Double::parseDouble);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + ": must be a number above 0, got " + raw);
    }
    return v;
  }

  static Duration duration(Map<String, String> env, String name, String fallback) {
    Duration d =
        parse(
            env,
            name,
            "an ISO-8601 duration above zero such as PT10S",
            s -> Duration.parse(s == null || s.isBlank() ? fallback : s));
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": must be above zero, got " + d);
    }
    return d;
  }

  static <T> T parse(
      Map<String, String> env, String name, String expected, Function<String, T> parser) {
    String raw = env.get(name);
    try {
      return parser.apply(raw == null ? null : raw.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + ": must be " + expected + ", got " + raw, e);
    }
  }

  public OperatorConfig withFlushInterval(Duration interval) {
    return new OperatorConfig(
        region,
        lambdaEndpoint,
        namespaces,
        globalConcurrency,
        controlPlaneRate,
        interval,
        installationId,
        prices,
        readyTimeout,
        metricsPort,
        orphanInterval,
        shutdownDrain);
  }

  public OperatorConfig withOrphanInterval(Duration interval) {
    return new OperatorConfig(
        region,
        lambdaEndpoint,
        namespaces,
        globalConcurrency,
        controlPlaneRate,
        flushInterval,
        installationId,
        prices,
        readyTimeout,
        metricsPort,
        interval,
        shutdownDrain);
  }
}
