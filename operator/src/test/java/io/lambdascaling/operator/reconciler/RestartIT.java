package io.lambdascaling.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import io.lambdascaling.operator.journal.AttemptStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator process dies mid-run and a new one takes over: it resumes from what was kept, so the
 * experiment ends with exactly its target counts and every function was created once.
 */
class RestartIT {

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new OperatorHarness(SimulationModel.defaults(5), Duration.ofMillis(300));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static final String EXPERIMENT = OperatorHarness.sixBy30("restarted");

  @Test
  void a_graceful_stop_keeps_every_attempt_it_made_so_none_is_made_twice() throws Exception {
    h.apply(OperatorHarness.sixBy30("drained"));
    h.await(
        "drained",
        s -> s.getInvocations() != null && s.getInvocations().getSucceeded() >= 40,
        Duration.ofSeconds(60));

    h.shutdownOperator(Duration.ofSeconds(20));
    long invokes = h.local.requestCounts().get("Invoke");
    LambdaScalingExperiment stopped = h.get("drained");
    assertThat(h.kept(stopped)).as("every Invoke made is kept").hasSize((int) invokes);
    assertThat(invokes).as("stopped mid-run").isLessThan(180);

    h.startOperator();
    ExperimentStatus s =
        h.await("drained", x -> x.getPhase() == Phase.Completed, Duration.ofSeconds(90))
            .getStatus();
    assertThat(s.getInvocations().getSucceeded()).isEqualTo(180);
    assertThat(h.local.requestCounts().get("Invoke")).as("none made twice").isEqualTo(180);
    System.out.printf(
        "graceful stop: %d of 180 made and kept before it; 180 Invoke in all%n", invokes);
  }

  @Test
  void a_new_operator_resumes_where_the_dead_one_stopped() throws Exception {
    h.apply(EXPERIMENT);
    ExperimentStatus before =
        h.await(
                "restarted",
                s -> s.getInvocations() != null && s.getInvocations().getSucceeded() >= 40,
                Duration.ofSeconds(60))
            .getStatus();
    h.stopOperator();
    long countedBeforeDeath = h.get("restarted").getStatus().getInvocations().getSucceeded();
    assertThat(countedBeforeDeath).isGreaterThanOrEqualTo(before.getInvocations().getSucceeded());
    assertThat(countedBeforeDeath).as("stopped mid-run").isLessThan(180);

    h.startOperator();
    LambdaScalingExperiment done =
        h.await("restarted", s -> s.getPhase() == Phase.Completed, Duration.ofSeconds(90));

    ExperimentStatus s = done.getStatus();
    assertThat(s.getInvocations().getSucceeded()).isEqualTo(180);
    assertThat(OperatorHarness.results(s))
        .hasSize(6)
        .allSatisfy(r -> assertThat(OperatorHarness.successes(r)).isEqualTo(30));
    Map<String, Long> successes = h.keptSuccesses(done);
    assertThat(successes).hasSize(6).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(30));
    Map<String, Long> requests = h.local.requestCounts();
    assertThat(requests.get("CreateFunction")).as("one CreateFunction per function").isEqualTo(6);
    assertThat(requests.get("Invoke")).isGreaterThanOrEqualTo(180);
    assertThat(h.lambda.listFunctions().functions()).as("cleanup: Delete").isEmpty();
    System.out.printf(
        "restart: %d of 180 counted before the operator died; %d Invoke requests in all (%d made"
            + " by the dead operator and not kept, so made again)%n",
        countedBeforeDeath, requests.get("Invoke"), requests.get("Invoke") - 180);

    List<ConfigMap> chunks = new AttemptStore(h.kubernetes).chunks(done);
    assertThat(chunks)
        .isNotEmpty()
        .allSatisfy(
            cm ->
                assertThat(cm.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(o -> assertThat(o.getUid()).isEqualTo(done.getMetadata().getUid())));
  }
}
