package io.lambdascaling.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import io.lambdascaling.operator.LambdaScalingOperator;
import io.lambdascaling.operator.config.LeaderElection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the operator against one API server: exactly one holds the Lease and works; when
 * it dies the other takes over and finishes the experiment with exactly its target counts.
 */
class LeaderElectionIT {

  private static final String LEASE = "lse-leader";
  private static final Duration LEASE_DURATION = Duration.ofSeconds(2);

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.withoutOperator(SimulationModel.defaults(5), Duration.ofMillis(300));
    // The mock has no authorizer: answer the SDK's check that it may use Leases as RBAC would
    // for the Role in deploy/.
    SelfSubjectRulesReview allowed =
        new SelfSubjectRulesReviewBuilder()
            .withNewStatus()
            .withIncomplete(false)
            .addNewResourceRule()
            .withApiGroups("coordination.k8s.io")
            .withResources("leases")
            .withVerbs("create")
            .endResourceRule()
            .addNewResourceRule()
            .withApiGroups("coordination.k8s.io")
            .withResources("leases")
            .withResourceNames(LEASE)
            .withVerbs("get", "update", "patch")
            .endResourceRule()
            .endStatus()
            .build();
    h.server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, allowed)
        .always();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static final String EXPERIMENT = OperatorHarness.sixBy30("failover");

  @Test
  void only_the_leader_invokes_and_the_standby_finishes_after_it_dies() throws Exception {
    LambdaScalingOperator a =
        h.replica(LeaderElection.of(LEASE, "default", "replica-a", LEASE_DURATION));
    LambdaScalingOperator b =
        h.replica(LeaderElection.of(LEASE, "default", "replica-b", LEASE_DURATION));
    OperatorHarness.awaitTrue(
        "a leader", () -> a.isLeader() || b.isLeader(), Duration.ofSeconds(20));
    LambdaScalingOperator leader = a.isLeader() ? a : b;
    LambdaScalingOperator standby = leader == a ? b : a;
    String leaderId = leader == a ? "replica-a" : "replica-b";
    assertThat(holder()).isEqualTo(leaderId);

    h.apply(EXPERIMENT);
    ExperimentStatus before =
        h.await(
                "failover",
                s -> s.getInvocations() != null && s.getInvocations().getSucceeded() >= 40,
                Duration.ofSeconds(60))
            .getStatus();
    assertThat(standby.isLeader()).as("one leader at a time").isFalse();
    assertThat(invokes(standby)).as("the standby invokes nothing").isZero();
    assertThat(invokes(leader)).isGreaterThanOrEqualTo(40);
    assertThat(scrape(leader)).contains("lse_leader 1.0");
    assertThat(scrape(standby)).contains("lse_leader 0.0");

    long died = System.nanoTime();
    leader.close(); // as a killed pod: the Lease is not given back, it runs out
    LambdaScalingExperiment atDeath = h.get("failover");
    long counted = atDeath.getStatus().getInvocations().getSucceeded();
    // It may die between keeping attempts and counting them: the status never counts more.
    long kept =
        h.kept(atDeath).stream().filter(x -> x.outcome().kind() == Outcome.Kind.SUCCESS).count();
    assertThat(counted).isGreaterThanOrEqualTo(before.getInvocations().getSucceeded());
    assertThat(counted).as("what the status counts is kept").isLessThanOrEqualTo(kept);
    assertThat(kept).as("died mid-run").isLessThan(180);
    OperatorHarness.awaitTrue(
        "the standby to take over", standby::isLeader, Duration.ofSeconds(20));
    double takeoverSeconds = (System.nanoTime() - died) / 1e9;
    assertThat(holder()).isNotEqualTo(leaderId);

    LambdaScalingExperiment done =
        h.await("failover", s -> s.getPhase() == Phase.Completed, Duration.ofSeconds(90));
    ExperimentStatus s = done.getStatus();
    assertThat(s.getInvocations().getSucceeded()).isEqualTo(180);
    assertThat(OperatorHarness.results(s))
        .hasSize(6)
        .allSatisfy(r -> assertThat(OperatorHarness.successes(r)).isEqualTo(30));
    Map<String, Long> successes = h.keptSuccesses(done);
    assertThat(successes).hasSize(6).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(30));
    Map<String, Long> requests = h.local.requestCounts();
    assertThat(requests.get("CreateFunction")).as("one CreateFunction per function").isEqualTo(6);
    long newLeaderInvokes = invokes(standby);
    assertThat(newLeaderInvokes).isGreaterThanOrEqualTo(180 - kept);
    assertThat(requests.get("Invoke")).isGreaterThanOrEqualTo(180);
    assertThat(h.lambda.listFunctions().functions()).as("cleanup: Delete").isEmpty();
    System.out.printf(
        "leader election: %s led; %d of 180 counted when it died; the standby led %.1f s later"
            + " (lease %d s) and made %d Invoke requests; %d Invoke requests in all%n",
        leaderId,
        counted,
        takeoverSeconds,
        LEASE_DURATION.toSeconds(),
        newLeaderInvokes,
        requests.get("Invoke"));
  }

  @Test
  void a_leader_stopped_by_sigterm_hands_over_with_nothing_made_twice() throws Exception {
    LambdaScalingOperator a = leader("replica-a");
    LambdaScalingOperator b = standby("replica-b", "handover");

    a.shutdown(Duration.ofSeconds(20)); // what the shutdown hook does on SIGTERM
    long invokesByA = h.local.requestCounts().get("Invoke");
    assertThat(h.kept(h.get("handover")))
        .as("every Invoke replica-a made is kept")
        .hasSize((int) invokesByA);
    OperatorHarness.awaitTrue("replica-b to take the lease", b::isLeader, Duration.ofSeconds(20));

    ExperimentStatus s =
        h.await("handover", x -> x.getPhase() == Phase.Completed, Duration.ofSeconds(90))
            .getStatus();
    assertThat(s.getInvocations().getSucceeded()).isEqualTo(180);
    assertThat(h.local.requestCounts().get("Invoke")).as("none made twice").isEqualTo(180);
    System.out.printf(
        "graceful handover: replica-a made and kept %d Invoke; replica-b made the other %d%n",
        invokesByA, 180 - invokesByA);
  }

  @Test
  void a_leader_that_loses_its_lease_while_running_stops_and_the_other_finishes() throws Exception {
    LambdaScalingOperator a = leader("replica-a");
    LambdaScalingOperator b = standby("replica-b", "lost");

    // Someone else takes the Lease (a partitioned leader's view of the world): replica-a is not
    // stopped, it must notice within its renew deadline and stop all its work by itself.
    takeLease("intruder");
    OperatorHarness.awaitTrue(
        "replica-a to see it lost the lease", () -> !a.isLeader(), Duration.ofSeconds(10));
    long invokesAtLoss = h.local.requestCounts().get("Invoke");
    OperatorHarness.awaitTrue("replica-b to take the lease", b::isLeader, Duration.ofSeconds(20));
    assertThat(a.isLeader()).as("one leader at a time").isFalse();

    ExperimentStatus s =
        h.await("lost", x -> x.getPhase() == Phase.Completed, Duration.ofSeconds(90)).getStatus();
    assertThat(s.getInvocations().getSucceeded()).isEqualTo(180);
    Map<String, Long> successes = h.keptSuccesses(h.get("lost"));
    assertThat(successes).hasSize(6).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(30));
    assertThat(h.local.requestCounts().get("CreateFunction")).isEqualTo(6);
    System.out.printf(
        "lease lost: replica-a stopped leading with %d Invoke requests made; replica-b finished,"
            + " %d in all%n",
        invokesAtLoss, h.local.requestCounts().get("Invoke"));
  }

  /**
   * Writes another holder into the Lease, as a competing elector would: the leader renews it every
   * quarter second, so an update can meet a newer version (409) and is then made again on that.
   */
  private void takeLease(String holder) {
    for (int attempt = 1; ; attempt++) {
      try {
        h.kubernetes
            .resources(Lease.class)
            .inNamespace("default")
            .withName(LEASE)
            .edit(
                l -> {
                  l.getSpec().setHolderIdentity(holder);
                  l.getSpec().setRenewTime(java.time.ZonedDateTime.now());
                  l.getSpec().setAcquireTime(java.time.ZonedDateTime.now());
                  return l;
                });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 50) {
          throw e;
        }
      }
    }
  }

  /** A replica that leads before any other starts. */
  private LambdaScalingOperator leader(String identity) throws InterruptedException {
    LambdaScalingOperator r =
        h.replica(LeaderElection.of(LEASE, "default", identity, LEASE_DURATION));
    OperatorHarness.awaitTrue(identity + " to lead", r::isLeader, Duration.ofSeconds(20));
    return r;
  }

  /** A second replica, once the leader has made 40 invocations of a six-by-thirty experiment. */
  private LambdaScalingOperator standby(String identity, String experiment) throws Exception {
    LambdaScalingOperator r =
        h.replica(LeaderElection.of(LEASE, "default", identity, LEASE_DURATION));
    h.apply(OperatorHarness.sixBy30(experiment));
    h.await(
        experiment,
        s -> s.getInvocations() != null && s.getInvocations().getSucceeded() >= 40,
        Duration.ofSeconds(60));
    return r;
  }

  private String holder() {
    Lease lease = h.kubernetes.resources(Lease.class).inNamespace("default").withName(LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** Invoke requests this replica made, as its own /metrics counts them. */
  private static long invokes(LambdaScalingOperator replica)
      throws IOException, InterruptedException {
    return scrape(replica)
        .lines()
        .filter(
            l -> l.startsWith("lse_lambda_api_calls_total{") && l.contains("operation=\"Invoke\""))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static String scrape(LambdaScalingOperator replica)
      throws IOException, InterruptedException {
    URI url = replica.metricsUrl();
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
