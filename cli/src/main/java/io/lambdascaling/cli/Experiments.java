package io.lambdascaling.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.operator.journal.AttemptStore;
import io.lambdascaling.operator.plan.Planner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the commands do with experiments on an API server: apply, follow, read back. */
final class Experiments {

  private static final Duration POLL = Duration.ofMillis(500);

  private Experiments() {}

  /** A client for a kubeconfig file, or for the default one (KUBECONFIG, ~/.kube/config). */
  static KubernetesClient client(Path kubeconfig) {
    if (kubeconfig == null) {
      return new KubernetesClientBuilder().build();
    }
    if (!Files.isRegularFile(kubeconfig)) {
      throw new Lse.BadInput("--kubeconfig " + kubeconfig + ": no such file");
    }
    File file = kubeconfig.toFile();
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(file)).build();
  }

  /** Creates the experiment, or updates its spec when one of that name exists. */
  static LambdaScalingExperiment apply(KubernetesClient client, LambdaScalingExperiment e) {
    try {
      return client.resource(e).createOr(NonDeletingOperation::update);
    } catch (KubernetesClientException ex) {
      if (ex.getCode() == 422 || ex.getCode() == 400) {
        throw new Lse.BadInput(
            "the API server refused the manifest: " + ex.getStatus().getMessage(), ex);
      }
      throw ex;
    }
  }

  static LambdaScalingExperiment get(KubernetesClient client, String namespace, String name) {
    return client
        .resources(LambdaScalingExperiment.class)
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  /**
   * Polls the experiment's status, showing progress, until it reaches a terminal phase for its
   * current spec (or is suspended); returns it then.
   */
  static LambdaScalingExperiment follow(
      KubernetesClient client, LambdaScalingExperiment applied, Progress progress)
      throws InterruptedException {
    String ns = applied.getMetadata().getNamespace();
    String name = applied.getMetadata().getName();
    while (true) {
      LambdaScalingExperiment e = get(client, ns, name);
      if (e == null) {
        progress.finish();
        throw new IllegalStateException("experiment " + ns + "/" + name + " was deleted");
      }
      ExperimentStatus s = e.getStatus();
      if (s != null) {
        progress.show(s);
        boolean current =
            s.getObservedGeneration() != null
                && s.getObservedGeneration().equals(e.getMetadata().getGeneration());
        if (current
            && (s.getPhase() == Phase.Completed
                || s.getPhase() == Phase.Failed
                || s.getPhase() == Phase.Suspended)) {
          progress.finish();
          return e;
        }
      }
      Thread.sleep(POLL.toMillis()); // polling the API server, as kubectl get -w would watch
    }
  }

  /** Every attempt the operator kept for the experiment's current workload, in the order made. */
  static List<Attempt> attempts(KubernetesClient client, LambdaScalingExperiment e) {
    return new AttemptStore(client).load(e, Planner.workloadFingerprint(e.getSpec())).attempts();
  }
}
