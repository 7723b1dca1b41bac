package io.lambdascaling.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.lambdascaling.operator.config.LeaderElection;
import io.lambdascaling.operator.config.OperatorConfig;
import io.lambdascaling.operator.metrics.MetricsServer;
import io.lambdascaling.operator.metrics.OperatorMetrics;
import io.lambdascaling.operator.reconciler.OrphanCollector;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
  private final Reconciliation reconciliation;
  private final OperatorMetrics metrics;
  private final MetricsServer metricsServer;
  private final Leadership leadership;
  private final ScheduledExecutorService housekeeping =
      Executors.newSingleThreadScheduledExecutor(Reconciliation.daemon("orphan-collector"));

  private LambdaScalingOperator(
      Operator operator,
      Reconciliation reconciliation,
      OperatorMetrics metrics,
      MetricsServer metricsServer,
      Leadership leadership) {
    this.operator = operator;
    this.reconciliation = reconciliation;
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
      Operator operator = OperatorSdk.operator(kubernetes, metrics, election, leadership);
      Reconciliation reconciliation =
          new Reconciliation(operator, config, kubernetes, lambda, metrics);
      LambdaScalingOperator running =
          new LambdaScalingOperator(operator, reconciliation, metrics, metricsServer, leadership);
      leadership.onLoss = () -> running.lostLeadership(election);
      operator.start();
      started.set(operator);
      LOG.info("metrics at {}", metricsServer.metricsUrl());
      running.collectOrphans(
          reconciliation.orphanCollector(kubernetes, config), config.orphanInterval());
      return running;
    } catch (RuntimeException e) {
      metricsServer.close();
      metrics.close();
      throw e;
    }
  }

  /** Stops all work, so that only the new leader invokes and writes status. */
  private void lostLeadership(LeaderElection election) {
    LOG.error(
        "lost the leadership lease {}: stopping all work, so that only the new leader"
            + " invokes and writes status{}",
        election.leaseName(),
        election.exitOnLoss() ? ", and exiting (the pod restarts as a standby)" : "");
    // Not on the elector's thread: stopping the operator stops that thread's executor.
    Thread stop =
        new Thread(
            () -> {
              close();
              if (election.exitOnLoss()) {
                System.exit(1);
              }
            },
            "lost-leadership");
    stop.start();
  }

  /**
   * Where Prometheus scrapes this operator (by the loopback address; every interface serves it).
   */
  public URI metricsUrl() {
    return metricsServer.metricsUrl();
  }

  /**
   * Looks for orphan functions every interval, the first time soon after start; only the leader
   * deletes orphans, as only it creates functions.
   */
  private void collectOrphans(OrphanCollector collector, Duration interval) {
    Duration first =
        interval.compareTo(FIRST_ORPHAN_COLLECTION) < 0 ? interval : FIRST_ORPHAN_COLLECTION;
    housekeeping.scheduleWithFixedDelay(
        () -> {
          if (leadership.leading.get()) {
            collector.run();
          }
        },
        first.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Whether this replica leads now (always true without leader election). */
  public boolean isLeader() {
    return leadership.leading.get();
  }

  /**
   * Stops gracefully, as on SIGTERM: while it still leads, no new invocation starts, those in
   * flight get up to {@code drain} to land, and every attempt made is kept before everything stops;
   * a new process then makes none of them again. A replica that does not lead just stops.
   */
  public void shutdown(Duration drain) {
    if (leadership.leading.get() && !leadership.closing.get()) {
      try {
        reconciliation.reconciler.drain(drain);
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
    reconciliation.close();
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
}
