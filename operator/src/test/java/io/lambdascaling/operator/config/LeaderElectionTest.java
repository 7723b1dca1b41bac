package io.lambdascaling.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

  @Test
  void off_unless_turned_on_with_kubernetes_timings_by_default() {
    LeaderElection e = LeaderElection.fromEnvironment(Map.of());

    assertThat(e.enabled()).isFalse();
    assertThat(e.leaseName()).isEqualTo("lambda-scaling-operator");
    assertThat(e.leaseNamespace()).isEmpty();
    assertThat(e.identity()).isEmpty();
    assertThat(e.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(e.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(e.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
    assertThat(e.exitOnLoss()).isTrue();
  }

  @Test
  void the_deployments_settings_are_read() {
    LeaderElection e =
        LeaderElection.fromEnvironment(
            Map.of(
                "LSE_LEADER_ELECTION", "true",
                "LSE_LEASE_NAME", "lse.leader",
                "LSE_LEASE_NAMESPACE", "lambda-scaling-operator",
                "LSE_LEADER_IDENTITY", "pod-1",
                "LSE_LEASE_DURATION", "PT30S",
                "LSE_LEASE_RENEW_DEADLINE", "PT20S",
                "LSE_LEASE_RETRY_PERIOD", "PT4S"));

    assertThat(e.enabled()).isTrue();
    assertThat(e.leaseName()).isEqualTo("lse.leader");
    assertThat(e.leaseNamespace()).contains("lambda-scaling-operator");
    assertThat(e.identity()).contains("pod-1");
    assertThat(e.leaseDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(e.renewDeadline()).isEqualTo(Duration.ofSeconds(20));
    assertThat(e.retryPeriod()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void bad_values_name_the_variable() {
    assertThatThrownBy(() -> LeaderElection.fromEnvironment(Map.of("LSE_LEADER_ELECTION", "yes")))
        .hasMessage("LSE_LEADER_ELECTION: must be true or false, got yes");
    assertThatThrownBy(() -> LeaderElection.fromEnvironment(Map.of("LSE_LEASE_NAME", "Leader_1")))
        .hasMessageStartingWith("LSE_LEASE_NAME: must be a Kubernetes object name");
    assertThatThrownBy(
            () ->
                LeaderElection.fromEnvironment(
                    Map.of("LSE_LEADER_ELECTION", "true", "LSE_LEASE_RENEW_DEADLINE", "PT20S")))
        .hasMessageContaining("must be in decreasing order, got PT15S, PT20S, PT2S");
    assertThatThrownBy(
            () -> LeaderElection.fromEnvironment(Map.of("LSE_LEASE_RETRY_PERIOD", "2 seconds")))
        .hasMessageStartingWith("LSE_LEASE_RETRY_PERIOD: must be an ISO-8601 duration");
  }
}
