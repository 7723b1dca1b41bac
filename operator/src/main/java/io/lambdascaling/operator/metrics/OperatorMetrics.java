package io.lambdascaling.operator.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The operator's one meter registry and what feeds it: the experiments' meters, the Lambda API
 * calls, the Java Operator SDK's reconcile metrics, and the JVM's.
 */
public final class OperatorMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final ExperimentMetrics experiments = new ExperimentMetrics(registry);
  private final LambdaCallMeters lambdaCalls = new LambdaCallMeters(registry);

  public OperatorMetrics() {
    // promtool rejects these names (an abbreviated unit; _count on a gauge); both say little.
    registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
    registry.config().meterFilter(MeterFilter.denyNameStartsWith("system.cpu.count"));
    registry.config().meterFilter(operatorSdkHelp());
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  public ExperimentMetrics experiments() {
    return experiments;
  }

  public LambdaCallMeters lambdaCalls() {
    return lambdaCalls;
  }

  /**
   * The SDK's metrics without per-resource series (no resource name or namespace label): their
   * number stays the same however many experiments there are.
   */
  public Metrics operatorSdk() {
    return MicrometerMetrics.withoutPerResourceMetrics(registry);
  }

  /** The SDK registers its meters without a description: give each one, as promtool wants. */
  private static MeterFilter operatorSdkHelp() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("operator.sdk.") || id.getDescription() != null) {
          return id;
        }
        return new Meter.Id(
            id.getName(),
            Tags.of(id.getTagsAsIterable()),
            id.getBaseUnit(),
            "Java Operator SDK: " + id.getName().substring("operator.sdk.".length()),
            id.getType());
      }
    };
  }

  /**
   * Starts serving /metrics, /healthz and /readyz.
   *
   * @param port 0 for any free one
   * @throws IllegalStateException naming LSE_METRICS_PORT when the port cannot be bound
   */
  public MetricsServer serve(int port, BooleanSupplier ready) {
    try {
      return new MetricsServer(port, registry, ready);
    } catch (IOException e) {
      throw new IllegalStateException(
          "LSE_METRICS_PORT: cannot serve metrics on port " + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code lse_leader}: 1 while this replica holds the leadership lease (always, without leader
   * election), so that a dashboard can tell which replica works.
   */
  public void leader(BooleanSupplier leading) {
    Gauge.builder("lse.leader", () -> leading.getAsBoolean() ? 1 : 0)
        .description("1 while this operator replica leads (reconciles and invokes), else 0")
        .register(registry);
  }

  /** What a scrape in the Prometheus text format returns now. */
  public String scrape() {
    return registry.scrape(MetricsServer.TEXT);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
