package io.lambdascaling.operator.metrics;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.AttemptPhase;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.api.v1alpha1.Architecture;
import io.lambdascaling.api.v1alpha1.ArchitectureTable;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.KneeRow;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.operator.runner.ExperimentRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * One experiment's meters. Invocations, times and cold starts come from its run as they happen;
 * progress, spend, configurations, phase and the table from each status the reconciler writes.
 */
final class ExperimentMeters implements ExperimentRun.Observer {

  /** 10 ms to 900 s (Lambda's longest timeout), three buckets a decade. */
  static final Duration[] TIME_BUCKETS = {
    Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500),
    Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
    Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(50),
    Duration.ofSeconds(100), Duration.ofSeconds(200), Duration.ofSeconds(500),
    Duration.ofSeconds(900)
  };

  private static final double BYTES_PER_MB = 1024 * 1024;

  private final MeterRegistry registry;
  private final Tags experiment;
  private final Figures figures = new Figures();
  private final MultiGauge kneeMemory;
  private final MultiGauge kneeConfident;

  /** The last status's figures, read by the gauges at each scrape. */
  private static final class Figures {
    volatile double progressRatio;
    volatile double spendUsd;
    volatile double budgetUsd = Double.NaN;
    volatile double planned;
    volatile double ready;
    volatile double failed;
    volatile Phase phase = Phase.Pending;
  }

  ExperimentMeters(
      MeterRegistry registry, String namespace, String name, List<Architecture> architectures) {
    this.registry = registry;
    this.experiment =
        Tags.of(ExperimentMetrics.NAMESPACE, namespace, ExperimentMetrics.EXPERIMENT, name);
    gauge(
        "lse.progress.ratio",
        "Share of the planned invocations made, 0 to 1.",
        f -> f.progressRatio);
    gauge("lse.spend.usd", "Lambda spend so far, US dollars.", f -> f.spendUsd);
    gauge(
        "lse.budget.usd",
        "The experiment's budget (spec.budget.maxCostUsd), US dollars.",
        f -> f.budgetUsd);
    configurations("planned", f -> f.planned);
    configurations("ready", f -> f.ready);
    configurations("failed", f -> f.failed);
    phases();
    kneeMemory =
        MultiGauge.builder("lse.knee.memory")
            .description(
                "The threads-to-memory table: the knee's memory (smallest memory from which more"
                    + " stops making it faster), bytes (Lambda's MB are MiB).")
            .baseUnit("bytes")
            .tags(experiment)
            .register(registry);
    kneeConfident =
        MultiGauge.builder("lse.knee.confident")
            .description("1 when the data separate the knee from its neighbours, else 0.")
            .tags(experiment)
            .register(registry);
    zeroSeries(architectures);
  }

  /** Zero series from the start, so that rates and panels have them before the first event. */
  private void zeroSeries(List<Architecture> architectures) {
    for (Architecture a : architectures) {
      for (Outcome.Kind k : Outcome.Kind.values()) {
        invocations(a.value(), k);
      }
      coldStarts(a.value());
      warmups(a.value());
      billed(a.value());
    }
  }

  /** One series per phase: 1 for the experiment's, 0 for the others. */
  private void phases() {
    for (Phase p : Phase.values()) {
      Gauge.builder("lse.experiment.phase", figures, f -> f.phase == p ? 1 : 0)
          .description("1 for the experiment's phase, 0 for the others.")
          .tags(experiment.and("phase", p.name()))
          .strongReference(true)
          .register(registry);
    }
  }

  @Override
  public void attempted(Attempt attempt, AttemptPhase phase) {
    Configuration configuration = attempt.configuration();
    String arch = configuration.architecture();
    Outcome o = attempt.outcome();
    invocations(arch, o.kind()).increment();
    if (phase == AttemptPhase.COLD) {
      coldStarts(arch).increment();
    } else if (phase == AttemptPhase.WARMUP) {
      warmups(arch).increment();
    }
    if (o.report() != null) {
      billed(arch).record(o.report().billedDurationMs(), TimeUnit.MILLISECONDS);
    }
    if (phase == AttemptPhase.STEADY) {
      processingTime(configuration)
          .record(Math.round(o.sample().procTimeMs() * 1e6), TimeUnit.NANOSECONDS);
    }
  }

  void published(ExperimentStatus status, double budgetUsd) {
    figures.budgetUsd = budgetUsd;
    figures.progressRatio =
        status.getProgressPercent() == null ? 0 : status.getProgressPercent() / 100;
    figures.spendUsd = status.getSpendUsd() == null ? 0 : status.getSpendUsd();
    if (status.getConfigurations() != null) {
      figures.planned = status.getConfigurations().getTotal();
      figures.ready = status.getConfigurations().getReady();
      figures.failed = status.getConfigurations().getFailed();
    }
    if (status.getPhase() != null) {
      figures.phase = status.getPhase();
    }
    List<MultiGauge.Row<?>> memory = new ArrayList<>();
    List<MultiGauge.Row<?>> confident = new ArrayList<>();
    for (ArchitectureTable table : status.getTable()) {
      for (KneeRow row : table.getRows()) {
        if (table.getArchitecture() == null
            || row.getWorkers() == null
            || row.getMemoryMb() == null) {
          continue;
        }
        Tags tags =
            Tags.of(
                "architecture",
                table.getArchitecture().value(),
                "workers",
                row.getWorkers().toString());
        memory.add(MultiGauge.Row.of(tags, row.getMemoryMb() * BYTES_PER_MB));
        confident.add(MultiGauge.Row.of(tags, row.isConfident() ? 1 : 0));
      }
    }
    // A re-planned experiment may lose rows: overwrite drops those.
    kneeMemory.register(memory, true);
    kneeConfident.register(confident, true);
  }

  private void gauge(String name, String help, ToDoubleFunction<Figures> value) {
    Gauge.builder(name, figures, value)
        .description(help)
        .tags(experiment)
        .strongReference(true)
        .register(registry);
  }

  private void configurations(String state, ToDoubleFunction<Figures> value) {
    Gauge.builder("lse.configurations", figures, value)
        .description("Configurations (Lambda functions) planned, ready (Active) and failed.")
        .tags(experiment.and("state", state))
        .strongReference(true)
        .register(registry);
  }

  private Counter invocations(String architecture, Outcome.Kind kind) {
    return Counter.builder("lse.invocations")
        .description(
            "Invocations by outcome: success, function_error, timeout, throttled, service_error.")
        .tags(
            experiment.and(
                "architecture", architecture, "outcome", kind.name().toLowerCase(Locale.ROOT)))
        .register(registry);
  }

  private Counter coldStarts(String architecture) {
    return Counter.builder("lse.cold.starts")
        .description("Invocations that started a new instance (Init Duration in the REPORT line).")
        .tags(experiment.and("architecture", architecture))
        .register(registry);
  }

  private Counter warmups(String architecture) {
    return Counter.builder("lse.warmup.invocations")
        .description(
            "Warm-up invocations: kept out of the statistics after a cold start, without an init"
                + " phase themselves (the same count as warmups in the status).")
        .tags(experiment.and("architecture", architecture))
        .register(registry);
  }

  private Timer billed(String architecture) {
    return Timer.builder("lse.billed.duration")
        .description(
            "Billed Duration of each invocation that has a REPORT line, failures included.")
        .tags(experiment.and("architecture", architecture))
        .serviceLevelObjectives(TIME_BUCKETS)
        .register(registry);
  }

  private Timer processingTime(Configuration c) {
    return Timer.builder("lse.processing.time")
        .description(
            "Steady-state processing time (the hashing, measured in the function; cold and"
                + " warm-up invocations left out), per configuration.")
        .tags(
            experiment.and(
                "architecture", c.architecture(),
                "workers", Integer.toString(c.workers()),
                "memory_mb", Integer.toString(c.memoryMb())))
        .serviceLevelObjectives(TIME_BUCKETS)
        .register(registry);
  }
}
