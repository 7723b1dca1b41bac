package io.lambdascaling.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.lambdascaling.operator.config.OperatorConfig;
import io.lambdascaling.operator.fleet.ControlPlane;
import io.lambdascaling.operator.fleet.Fleet;
import io.lambdascaling.operator.fleet.FunctionPackage;
import io.lambdascaling.operator.journal.AttemptStore;
import io.lambdascaling.operator.metrics.OperatorMetrics;
import io.lambdascaling.operator.reconciler.EventRecorder;
import io.lambdascaling.operator.reconciler.Execution;
import io.lambdascaling.operator.reconciler.ExperimentReconciler;
import io.lambdascaling.operator.reconciler.OrphanCollector;
import io.lambdascaling.operator.runner.LambdaInvoker;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The reconciler and what it runs on: the fleet behind the control plane's rate limit, the invoker,
 * the attempt store, and the threads of executions (and deletions) and invocations.
 */
final class Reconciliation {

  final ExperimentReconciler reconciler;
  final Fleet fleet;
  private final ExecutorService executions = Executors.newCachedThreadPool(daemon("experiment"));
  private final ExecutorService invocations = Executors.newCachedThreadPool(daemon("invocation"));

  /** Builds the reconciler and registers it with the operator, for the configured namespaces. */
  Reconciliation(
      Operator operator,
      OperatorConfig config,
      KubernetesClient kubernetes,
      LambdaClient lambda,
      OperatorMetrics metrics) {
    this.fleet = fleet(config, lambda, metrics);
    LambdaInvoker invoker = new LambdaInvoker(lambda, metrics.lambdaCalls());
    Execution.Invocations running =
        new Execution.Invocations(invoker, invocations, new Semaphore(config.globalConcurrency()));
    String aws =
        "aws " + config.region() + config.lambdaEndpoint().map(e -> " via " + e).orElse("");
    AttemptStore store = new AttemptStore(kubernetes);
    this.reconciler =
        new ExperimentReconciler(
            config,
            new ExperimentReconciler.Parts(
                experiment ->
                    new Execution(experiment, config, fleet, running, store)
                        .observedBy(metrics.experiments().observer(experiment)),
                () -> invoker.platform().orElse(aws),
                executions,
                store,
                new EventRecorder(kubernetes),
                metrics.experiments()));
    operator.register(
        reconciler,
        c -> {
          if (!config.namespaces().isEmpty()) {
            c.settingNamespaces(config.namespaces());
          }
        });
  }

  private static Fleet fleet(OperatorConfig config, LambdaClient lambda, OperatorMetrics metrics) {
    return new Fleet(
        lambda,
        new ControlPlane(
            new ControlPlane.Settings(
                config.controlPlaneRate(), 8, Duration.ofMillis(200), Duration.ofSeconds(20)),
            metrics.lambdaCalls()),
        FunctionPackage.embedded());
  }

  /** Deletes the functions of this installation whose experiment is gone. */
  OrphanCollector orphanCollector(KubernetesClient kubernetes, OperatorConfig config) {
    return new OrphanCollector(kubernetes, fleet, config.installationId(), config.namespaces());
  }

  /** Stops every execution and invocation at once. */
  void close() {
    executions.shutdownNow();
    invocations.shutdownNow();
  }

  static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
