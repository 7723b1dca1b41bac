package io.lambdascaling.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.lambdascaling.api.v1alpha1.ConfigurationResult;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.KneeRow;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/** GitOps edits of a live experiment: re-planning, a changed workload, and suspend. */
class LifecycleIT {

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new OperatorHarness(SimulationModel.defaults(9), Duration.ofMillis(300));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private void edit(String name, Consumer<LambdaScalingExperiment> change) {
    h.edit("default", name, change);
  }

  private List<String> functions() {
    return h.lambda.listFunctions().functions().stream()
        .map(FunctionConfiguration::functionName)
        .sorted()
        .toList();
  }

  private ExperimentStatus completed(String name, long generation) throws InterruptedException {
    return h.await(
            name,
            s -> s.getPhase() == Phase.Completed && s.getObservedGeneration() == generation,
            Duration.ofSeconds(60))
        .getStatus();
  }

  @Test
  void a_changed_spec_is_re_planned_keeping_what_still_holds() throws Exception {
    h.apply(
        """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: gitops, namespace: default}
        spec:
          architectures: [arm64]
          workers: [1]
          memory: {sizesMb: [1024, 2048]}
          sampling: {invocationsPerConfiguration: 4, interval: 0s}
          function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
          budget: {maxCostUsd: 5}
          cleanup: {onCompletion: Retain}
        """);
    completed("gitops", 1);
    assertThat(functions())
        .containsExactly("lse-gitops-arm64-w1-m1024", "lse-gitops-arm64-w1-m2048");

    // One size removed, one added: 2048's results stay, 1024's function goes, 3584's comes.
    edit("gitops", e -> e.getSpec().getMemory().setSizesMb(List.of(2048, 3584)));
    ExperimentStatus replanned = completed("gitops", 2);
    assertThat(functions())
        .containsExactly("lse-gitops-arm64-w1-m2048", "lse-gitops-arm64-w1-m3584");
    assertThat(OperatorHarness.results(replanned))
        .extracting(ConfigurationResult::getMemoryMb)
        .containsExactly(2048, 3584);
    assertThat(replanned.getInvocations().getSucceeded()).isEqualTo(8);
    LambdaScalingExperiment e = h.get("gitops");
    Map<String, Long> made = h.keptSuccesses(e);
    assertThat(made)
        .as("2048 was not invoked again")
        .containsEntry("arm64-w1-m1024", 4L)
        .containsEntry("arm64-w1-m2048", 4L)
        .containsEntry("arm64-w1-m3584", 4L);
    assertThat(h.local.requestCounts().get("CreateFunction")).isEqualTo(3);

    // Another workload measures something else: everything is measured again.
    edit("gitops", x -> x.getSpec().getWorkload().setIterations(50_000));
    ExperimentStatus rerun = completed("gitops", 3);
    assertThat(rerun.getInvocations().getSucceeded()).isEqualTo(8);
    assertThat(h.kept(h.get("gitops"))).hasSize(12 + 8);
    assertThat(h.local.requestCounts().get("CreateFunction")).isEqualTo(3);
    assertThat(rerun.getFunctionNamePrefix()).isEqualTo("lse-");

    // Another namePrefix renames the functions (Retain keeps them, under their new names) and
    // measures nothing again.
    edit("gitops", x -> x.getSpec().getFunction().setNamePrefix("exp-"));
    ExperimentStatus renamed = completed("gitops", 4);
    assertThat(functions())
        .containsExactly("exp-gitops-arm64-w1-m2048", "exp-gitops-arm64-w1-m3584");
    assertThat(renamed.getFunctionNamePrefix()).isEqualTo("exp-");
    assertThat(renamed.getInvocations().getSucceeded()).isEqualTo(8);
    assertThat(h.kept(h.get("gitops"))).hasSize(12 + 8);
    assertThat(h.local.requestCounts().get("CreateFunction")).isEqualTo(5);

    // A typo in Git fails the spec but blanks nothing; fixed, it is where it was.
    long invokes = h.local.requestCounts().get("Invoke");
    edit("gitops", x -> x.getSpec().setWorkers(List.of(0)));
    ExperimentStatus typo =
        h.await("gitops", st -> st.getObservedGeneration() == 5, Duration.ofSeconds(30))
            .getStatus();
    assertThat(typo.getPhase()).isEqualTo(Phase.Failed);
    assertThat(OperatorHarness.condition(typo, "InvalidSpec").getMessage())
        .contains("spec.workers[0]");
    assertThat(OperatorHarness.results(typo)).hasSize(2);
    assertThat(typo.getInvocations().getSucceeded()).isEqualTo(8);
    assertThat(typo.getTable()).usingRecursiveComparison().isEqualTo(renamed.getTable());
    assertThat(typo.getFunctionNamePrefix()).isEqualTo("exp-");
    edit("gitops", x -> x.getSpec().setWorkers(List.of(1)));
    ExperimentStatus fixed = completed("gitops", 6);
    assertThat(fixed.getInvocations().getSucceeded()).isEqualTo(8);
    assertThat(fixed.getTable().get(0).getRows())
        .extracting(KneeRow::getMemoryMb)
        .isEqualTo(renamed.getTable().get(0).getRows().stream().map(KneeRow::getMemoryMb).toList());
    assertThat(h.local.requestCounts().get("Invoke"))
        .as("nothing measured again")
        .isEqualTo(invokes);

    List<String> reasons =
        h.kubernetes.v1().events().inNamespace("default").list().getItems().stream()
            .filter(ev -> "gitops".equals(ev.getInvolvedObject().getName()))
            .map(Event::getReason)
            .toList();
    // One Normal event per phase change; Running may pass between two flushes unseen.
    assertThat(reasons.stream().filter("Completed"::equals).count())
        .as("one per valid generation")
        .isGreaterThanOrEqualTo(5);
    assertThat(reasons).contains("Provisioning");
  }

  @Test
  void one_name_in_two_namespaces_needs_two_prefixes_and_the_second_is_told_so() throws Exception {
    String yaml =
        """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: twin, namespace: NAMESPACE}
        spec:
          architectures: [arm64]
          workers: [1]
          memory: {sizesMb: [1024]}
          sampling: {invocationsPerConfiguration: 2, interval: 0s}
          function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"PREFIX}
          budget: {maxCostUsd: 5}
          cleanup: {onCompletion: Retain}
        """;
    h.apply(yaml.replace("NAMESPACE", "default").replace("PREFIX", ""));
    completed("twin", 1);

    h.apply(yaml.replace("NAMESPACE", "team-b").replace("PREFIX", ""));
    ExperimentStatus clash =
        h.await("team-b", "twin", s -> s.getPhase() == Phase.Failed, Duration.ofSeconds(60))
            .getStatus();
    assertThat(StatusBuilder.condition(clash, "Ready").getMessage())
        .contains("lse-twin-arm64-w1-m1024 exists but is not this experiment's")
        .contains("choose another namePrefix");
    assertThat(functions()).containsExactly("lse-twin-arm64-w1-m1024");

    // With its own prefix it runs beside the first, which was left alone.
    h.edit("team-b", "twin", e -> e.getSpec().getFunction().setNamePrefix("b-"));
    h.await("team-b", "twin", s -> s.getPhase() == Phase.Completed, Duration.ofSeconds(60));
    assertThat(functions()).containsExactly("b-twin-arm64-w1-m1024", "lse-twin-arm64-w1-m1024");
    assertThat(h.get("twin").getStatus().getInvocations().getSucceeded()).isEqualTo(2);
  }

  @Test
  void suspend_pauses_without_deleting_and_resuming_goes_on() throws Exception {
    h.apply(
        """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: paused, namespace: default}
        spec:
          architectures: [x86_64]
          workers: [1, 2]
          memory: {sizesMb: [2048]}
          sampling: {invocationsPerConfiguration: 40, interval: 100ms}
          function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
          budget: {maxCostUsd: 5}
        """);
    h.await(
        "paused",
        s -> s.getInvocations() != null && s.getInvocations().getSucceeded() >= 10,
        Duration.ofSeconds(60));

    edit("paused", e -> e.getSpec().setSuspend(true));
    ExperimentStatus suspended =
        h.await("paused", s -> s.getPhase() == Phase.Suspended, Duration.ofSeconds(30)).getStatus();
    long invokes = h.local.requestCounts().get("Invoke");
    long counted = suspended.getInvocations().getSucceeded();
    assertThat(counted).isBetween(10L, 79L);
    Thread.sleep(1_500); // long enough for 15 more rounds, were it not paused
    assertThat(h.local.requestCounts().get("Invoke"))
        .as("no invocation while suspended")
        .isEqualTo(invokes);
    assertThat(h.get("paused").getStatus().getInvocations().getSucceeded()).isEqualTo(counted);
    assertThat(functions()).as("nothing deleted").hasSize(2);

    edit("paused", e -> e.getSpec().setSuspend(false));
    ExperimentStatus done = completed("paused", 3);
    assertThat(done.getInvocations().getSucceeded()).isEqualTo(80);
    assertThat(h.local.requestCounts().get("CreateFunction")).isEqualTo(2);
  }
}
