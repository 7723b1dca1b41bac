package io.lambdascaling.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.lambdascaling.operator.config.LeaderElection;
import io.lambdascaling.operator.config.OperatorConfig;
import io.lambdascaling.operator.fleet.ControlPlane;
import io.lambdascaling.operator.fleet.Fleet;
import io.lambdascaling.operator.fleet.FunctionPackage;
import io.lambdascaling.operator.journal.AttemptStore;
import io.lambdascaling.operator.metrics.MetricsServer;
import io.lambdascaling.operator.metrics.OperatorMetrics;
import io.lambdascaling.operator.reconciler.EventRecorder;
import io.lambdascaling.operator.reconciler.Execution;
import io.lambdascaling.operator.reconciler.ExperimentReconciler;
import io.lambdascaling.operator.reconciler.OrphanCollector;
import io.lambdascaling.operator.runner.LambdaInvoker;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/**
 * The composition root: builds every part from {@link OperatorConfig} and starts the Java Operator
 * SDK. The same code talks to AWS or, by endpoint override, to the local Lambda.
 */
public final class LambdaScalingOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LambdaScalingOperator.class);

  /** The first look for orphan functions, unless the interval is shorter. */
  private static final Duration FIRST_ORPHAN_COLLECTION = Duration.ofSeconds(30);

  private final Operator operator;
  private final ExecutorService executions;
  private final ExecutorService invocations;
  private final OperatorMetrics metrics;
  private final MetricsServer metricsServer;
  private final Leadership leadership;
  private final ExperimentReconciler reconciler;
  private final ScheduledExecutorService housekeeping =
      Executors.newSingleThreadScheduledExecutor(daemon("orphan-collector"));

  private LambdaScalingOperator(
      Operator operator,
      ExecutorService executions,
      ExecutorService invocations,
      OperatorMetrics metrics,
      MetricsServer metricsServer,
      Leadership leadership,
      ExperimentReconciler reconciler) {
    this.operator = operator;
    this.reconciler = reconciler;
    this.executions = executions;
    this.invocations = invocations;
    this.metrics = metrics;
    this.metricsServer = metricsServer;
    this.leadership = leadership;
  }

  /** A Lambda client for the configuration; the operator retries by itself, so the SDK does not. */
  public static LambdaClient lambdaClient(OperatorConfig config) {
    LambdaClientBuilder b =
        LambdaClient.builder()
            .region(Region.of(config.region()))
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .maxConnections(config.globalConcurrency() + 20)
                    // a synchronous invocation may take the whole 15 minutes
                    .socketTimeout(Duration.ofMinutes(16)))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    config.lambdaEndpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  /** Starts one operator that reconciles at once, with no leader election. */
  public static LambdaScalingOperator start(
      OperatorConfig config, KubernetesClient kubernetes, LambdaClient lambda) {
    return start(config, LeaderElection.off(), kubernetes, lambda);
  }

  /**
   * Starts the operator; with leader election on, it reconciles only while it holds the Lease, and
   * when it loses the Lease it stops all its work (and, if so configured, the process).
   */
  public static LambdaScalingOperator start(
      OperatorConfig config,
      LeaderElection election,
      KubernetesClient kubernetes,
      LambdaClient lambda) {
    OperatorMetrics metrics = new OperatorMetrics();
    Leadership leadership = new Leadership(!election.enabled());
    metrics.leader(leadership.leading::get);
    // Served before the informers start, so that /healthz answers and /readyz says "not yet".
    AtomicReference<Operator> started = new AtomicReference<>();
    MetricsServer metricsServer =
        metrics.serve(
            config.metricsPort(),
            () -> {
              Operator o = started.get();
              return o != null && o.getRuntimeInfo().allEventSourcesAreHealthy();
            });
    try {
      Operator operator = operator(kubernetes, metrics, election, leadership);
      ExecutorService executions = Executors.newCachedThreadPool(daemon("experiment"));
      ExecutorService invocations = Executors.newCachedThreadPool(daemon("invocation"));
      Fleet fleet = fleet(config, lambda, metrics);
      ExperimentReconciler reconciler =
          register(operator, config, kubernetes, lambda, fleet, metrics, executions, invocations);
      LambdaScalingOperator running =
          new LambdaScalingOperator(
              operator, executions, invocations, metrics, metricsServer, leadership, reconciler);
      leadership.onLoss =
          () -> {
            LOG.error(
                "lost the leadership lease {}: stopping all work, so that only the new leader"
                    + " invokes and writes status{}",
                election.leaseName(),
                election.exitOnLoss() ? ", and exiting (the pod restarts as a standby)" : "");
            // Not on the elector's thread: stopping the operator stops that thread's executor.
            Thread stop =
                new Thread(
                    () -> {
                      running.close();
                      if (election.exitOnLoss()) {
                        System.exit(1);
                      }
                    },
                    "lost-leadership");
            stop.start();
          };
      operator.start();
      started.set(operator);
      LOG.info("metrics at {}", metricsServer.metricsUrl());
      OrphanCollector collector =
          new OrphanCollector(kubernetes, fleet, config.installationId(), config.namespaces());
      // Only the leader deletes orphans, as only it creates functions.
      running.collectOrphans(
          () -> {
            if (leadership.leading.get()) {
              collector.run();
            }
          },
          config.orphanInterval());
      return running;
    } catch (RuntimeException e) {
      metricsServer.close();
      metrics.close();
      throw e;
    }
  }

  /**
   * Where Prometheus scrapes this operator (by the loopback address; every interface serves it).
   */
  public URI metricsUrl() {
    return metricsServer.metricsUrl();
  }

  /** Looks for orphan functions every interval, the first time soon after start. */
  private void collectOrphans(Runnable collector, Duration interval) {
    Duration first =
        interval.compareTo(FIRST_ORPHAN_COLLECTION) < 0 ? interval : FIRST_ORPHAN_COLLECTION;
    housekeeping.scheduleWithFixedDelay(
        collector, first.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
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

  private static ExperimentReconciler register(
      Operator operator,
      OperatorConfig config,
      KubernetesClient kubernetes,
      LambdaClient lambda,
      Fleet fleet,
      OperatorMetrics metrics,
      ExecutorService executions,
      ExecutorService invocations) {
    LambdaInvoker invoker = new LambdaInvoker(lambda, metrics.lambdaCalls());
    Semaphore globalCap = new Semaphore(config.globalConcurrency());
    String aws =
        "aws " + config.region() + config.lambdaEndpoint().map(e -> " via " + e).orElse("");
    AttemptStore store = new AttemptStore(kubernetes);
    ExperimentReconciler reconciler =
        new ExperimentReconciler(
            config,
            experiment ->
                new Execution(experiment, config, fleet, invoker, invocations, globalCap, store)
                    .observedBy(metrics.experiments().observer(experiment)),
            () -> invoker.platform().orElse(aws),
            executions,
            store,
            new EventRecorder(kubernetes),
            metrics.experiments());
    operator.register(
        reconciler,
        c -> {
          if (!config.namespaces().isEmpty()) {
            c.settingNamespaces(config.namespaces());
          }
        });
    return reconciler;
  }

  /** Whether this replica leads now (always true without leader election). */
  public boolean isLeader() {
    return leadership.leading.get();
  }

  private static Operator operator(
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

  /**
   * Stops gracefully, as on SIGTERM: while it still leads, no new invocation starts, those in
   * flight get up to {@code drain} to land, and every attempt made is kept before everything stops;
   * a new process then makes none of them again. A replica that does not lead just stops.
   */
  public void shutdown(Duration drain) {
    if (leadership.leading.get() && !leadership.closing.get()) {
      try {
        reconciler.drain(drain);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    close();
  }

  /**
   * Stops everything this operator runs at once, as a dying process would: invocations in flight
   * are abandoned and attempts not yet kept are lost (a new process makes them again); calling it
   * again does nothing.
   */
  @Override
  public void close() {
    if (!leadership.closing.compareAndSet(false, true)) {
      return;
    }
    housekeeping.shutdownNow();
    operator.stop();
    executions.shutdownNow();
    invocations.shutdownNow();
    metricsServer.close();
    metrics.close();
  }

  public static void main(String[] args) {
    OperatorConfig config = OperatorConfig.fromEnvironment(System.getenv());
    LeaderElection election = LeaderElection.fromEnvironment(System.getenv());
    KubernetesClient kubernetes = new KubernetesClientBuilder().build();
    LambdaScalingOperator running = start(config, election, kubernetes, lambdaClient(config));
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> running.shutdown(config.shutdownDrain()), "shutdown"));
  }

  /** Whether this replica leads, and what it does when it stops leading without being closed. */
  private static final class Leadership {
    final AtomicBoolean leading;
    final AtomicBoolean closing = new AtomicBoolean();
    volatile Runnable onLoss = () -> {};

    Leadership(boolean leading) {
      this.leading = new AtomicBoolean(leading);
    }

    LeaderCallbacks callbacks() {
      return new LeaderCallbacks(
          () -> {
            leading.set(true);
            LOG.info("leading: this replica reconciles now");
          },
          () -> {
            leading.set(false);
            if (!closing.get()) {
              onLoss.run();
            }
          },
          leader -> LOG.info("the leader is {}", leader));
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
