package io.lambdascaling.operator.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Whether replicas of the operator elect a leader through a coordination.k8s.io Lease, and with
 * what lease. Only the leader reconciles, so only it invokes functions and writes status; a standby
 * keeps its caches warm and takes over, from the status and the kept attempts, once the leader's
 * lease runs out.
 *
 * @param leaseNamespace where the Lease lives; empty for the namespace the Kubernetes client is in
 *     (in a pod, its service account's)
 * @param identity this replica's name in the Lease; empty for HOSTNAME (the pod's name)
 * @param exitOnLoss whether the process ends after it lost the lease (its pod then restarts as a
 *     standby); it always stops its work first
 */
public record LeaderElection(
    boolean enabled,
    String leaseName,
    Optional<String> leaseNamespace,
    Optional<String> identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod,
    boolean exitOnLoss) {

  public static final String DEFAULT_LEASE_NAME = "lambda-scaling-operator";

  public LeaderElection {
    if (enabled
        && (renewDeadline.compareTo(leaseDuration) >= 0
            || retryPeriod.compareTo(renewDeadline) >= 0)) {
      throw new IllegalArgumentException(
          "LSE_LEASE_DURATION, LSE_LEASE_RENEW_DEADLINE, LSE_LEASE_RETRY_PERIOD: must be in"
              + " decreasing order, got "
              + leaseDuration
              + ", "
              + renewDeadline
              + ", "
              + retryPeriod);
    }
  }

  /** One replica, no Lease: what tests and the lse command's local operator run. */
  public static LeaderElection off() {
    return new LeaderElection(
        false,
        DEFAULT_LEASE_NAME,
        Optional.empty(),
        Optional.empty(),
        Duration.ofSeconds(15),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        true);
  }

  /**
   * Reads LSE_LEADER_ELECTION ({@code true} or {@code false}; off unless set, as a single process
   * outside a cluster needs none: the Deployment in deploy/ turns it on), LSE_LEASE_NAME,
   * LSE_LEASE_NAMESPACE, LSE_LEADER_IDENTITY and the timings LSE_LEASE_DURATION (PT15S),
   * LSE_LEASE_RENEW_DEADLINE (PT10S) and LSE_LEASE_RETRY_PERIOD (PT2S), as Kubernetes' own
   * controllers time theirs.
   *
   * @throws IllegalArgumentException naming the variable and what it accepts
   */
  public static LeaderElection fromEnvironment(Map<String, String> env) {
    String raw = env.getOrDefault("LSE_LEADER_ELECTION", "").strip();
    boolean enabled =
        switch (raw) {
          case "", "false" -> false;
          case "true" -> true;
          default ->
              throw new IllegalArgumentException(
                  "LSE_LEADER_ELECTION: must be true or false, got " + raw);
        };
    String name = env.getOrDefault("LSE_LEASE_NAME", "").strip();
    if (!name.isEmpty() && !name.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
      throw new IllegalArgumentException(
          "LSE_LEASE_NAME: must be a Kubernetes object name (lower-case letters, digits, '-' and"
              + " '.'), got "
              + name);
    }
    return new LeaderElection(
        enabled,
        name.isEmpty() ? DEFAULT_LEASE_NAME : name,
        nonBlank(env.get("LSE_LEASE_NAMESPACE")),
        nonBlank(env.get("LSE_LEADER_IDENTITY")),
        OperatorConfig.duration(env, "LSE_LEASE_DURATION", "PT15S"),
        OperatorConfig.duration(env, "LSE_LEASE_RENEW_DEADLINE", "PT10S"),
        OperatorConfig.duration(env, "LSE_LEASE_RETRY_PERIOD", "PT2S"),
        true);
  }

  /** Timings for tests: a lease that runs out in {@code leaseDuration}, renewed often. */
  public static LeaderElection of(
      String leaseName, String namespace, String identity, Duration leaseDuration) {
    return new LeaderElection(
        true,
        leaseName,
        Optional.of(namespace),
        Optional.of(identity),
        leaseDuration,
        leaseDuration.multipliedBy(3).dividedBy(4),
        leaseDuration.dividedBy(8),
        false);
  }

  private static Optional<String> nonBlank(String s) {
    return Optional.ofNullable(s).map(String::strip).filter(v -> !v.isEmpty());
  }
}
