package io.lambdascaling.operator;

import io.lambdascaling.operator.analysis.Prices;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the operator is configured with, read once in {@link LambdaScalingOperator}.
 *
 * @param lambdaEndpoint where Lambda calls go instead of AWS (the local Lambda); empty for AWS
 * @param namespaces the namespaces to watch; empty for all
 * @param globalConcurrency invocations in flight at once across all experiments
 * @param controlPlaneRate Lambda control-plane requests a second (Lambda allows 15)
 * @param flushInterval how often a running experiment's status is written
 * @param installationId tags every function, so that two installations sharing an AWS account never
 *     touch each other's
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
    Duration readyTimeout) {

  /** Reads LSE_* environment variables; defaults where unset. */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    String namespaces = env.getOrDefault("LSE_NAMESPACES", "");
    return new OperatorConfig(
        env.getOrDefault("LSE_REGION", env.getOrDefault("AWS_REGION", "us-east-1")),
        Optional.ofNullable(env.get("LSE_LAMBDA_ENDPOINT"))
            .filter(s -> !s.isBlank())
            .map(URI::create),
        namespaces.isBlank() ? Set.of() : Set.of(namespaces.split(",")),
        Integer.parseInt(env.getOrDefault("LSE_GLOBAL_CONCURRENCY", "100")),
        Double.parseDouble(env.getOrDefault("LSE_CONTROL_PLANE_RATE", "10")),
        Duration.parse(env.getOrDefault("LSE_FLUSH_INTERVAL", "PT10S")),
        env.getOrDefault("LSE_INSTALLATION_ID", "default"),
        Prices.usEast1(),
        Duration.parse(env.getOrDefault("LSE_READY_TIMEOUT", "PT5M")));
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
        readyTimeout);
  }
}
