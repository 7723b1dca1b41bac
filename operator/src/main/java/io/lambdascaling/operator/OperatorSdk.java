package io.lambdascaling.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.lambdascaling.operator.config.LeaderElection;
import io.lambdascaling.operator.metrics.OperatorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java Operator SDK's {@link Operator} as this operator runs it: its Kubernetes client and
 * metrics, leader election when on, patches without server-side apply, and informers that keep
 * retrying rather than stop the process.
 */
final class OperatorSdk {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorSdk.class);

  private OperatorSdk() {}

  static Operator operator(
      KubernetesClient kubernetes,
      OperatorMetrics metrics,
      LeaderElection election,
      Leadership leadership) {
    return new Operator(
        o -> {
          if (election.enabled()) {
            LeaderElectionConfigurationBuilder b =
                LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                        election.leaseName())
                    .withLeaseDuration(election.leaseDuration())
                    .withRenewDeadline(election.renewDeadline())
                    .withRetryPeriod(election.retryPeriod())
                    .withLeaderCallbacks(leadership.callbacks())
                    // The SDK's own exit would also fire on a graceful stop (and from the
                    // shutdown hook, where System.exit blocks): Leadership decides instead.
                    .withExitOnStopLeading(false);
            election.leaseNamespace().ifPresent(b::withLeaseNamespace);
            election.identity().ifPresent(b::withIdentity);
            o.withLeaderElectionConfiguration(b.build());
          }
          o.withKubernetesClient(kubernetes)
              .withMetrics(metrics.operatorSdk())
              .withCloseClientOnStop(false)
              .withUseSSAToPatchPrimaryResource(false)
              .withSSABasedCreateUpdateMatchForDependentResources(false)
              // An informer that cannot list or watch (RBAC, a missing CRD, the API server
              // away) keeps retrying; the process stays up and says so in its log.
              .withStopOnInformerErrorDuringStartup(false)
              .withInformerStoppedHandler(
                  (informer, error) -> {
                    if (error != null) { // null: stopped on purpose, at shutdown
                      LOG.error(
                          "an informer stopped; the operator keeps running without it: {}",
                          error.toString());
                    }
                  });
        });
  }
}
