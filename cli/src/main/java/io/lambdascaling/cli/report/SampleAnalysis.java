package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.RunningMoments;
import io.lambdascaling.api.v1alpha1.ArchitectureTable;
import io.lambdascaling.api.v1alpha1.ConfigurationResult;
import io.lambdascaling.api.v1alpha1.KneeRow;
import io.lambdascaling.api.v1alpha1.ResultSeries;
import io.lambdascaling.operator.runner.ConfigurationProgress;
import io.lambdascaling.operator.runner.ExperimentRun;
import io.lambdascaling.operator.status.Results;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sample rows to the status's results and table, through the operator's own {@link Results} — the
 * same statistics and knee rule, never a second copy. Configurations known only by an aggregated
 * mean are marked, and no knee resting on them is called confident.
 */
public final class SampleAnalysis {

  public static final double DEFAULT_TOLERANCE_PERCENT = 2;
  public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

  static final String AGGREGATE_MESSAGE =
      "aggregated input: one mean of an unknown number of runs, not samples";
  static final String AGGREGATE_REASON =
      "based on aggregates: one mean per configuration and no spread; the means place the knee"
          + " but cannot confirm it";

  private SampleAnalysis() {}

  public static Results.Written of(
      List<SampleRow> rows, double tolerancePercent, double confidenceLevel, Prices prices) {
    Map<Configuration, List<SampleRow>> byConfiguration =
        new TreeMap<>(
            Comparator.comparing((Configuration c) -> c.architecture())
                .thenComparingInt(Configuration::workers)
                .thenComparingInt(Configuration::memoryMb));
    for (SampleRow r : rows) {
      byConfiguration.computeIfAbsent(r.configuration(), c -> new ArrayList<>()).add(r);
    }
    List<ExperimentRun.Target> targets = new ArrayList<>();
    Map<String, ConfigurationProgress.View> progress = new LinkedHashMap<>();
    Set<String> aggregated = new HashSet<>();
    Set<String> unbilled = new HashSet<>();
    byConfiguration.forEach(
        (c, list) -> {
          targets.add(new ExperimentRun.Target(c, ""));
          progress.put(c.key(), view(list));
          if (list.stream().anyMatch(SampleRow::aggregate)) {
            aggregated.add(c.key());
          }
          if (list.stream().allMatch(r -> r.detail() == null)) {
            unbilled.add(c.key());
          }
        });
    Results.Written written =
        Results.of(targets, progress, tolerancePercent, confidenceLevel, prices);
    forget(written, unbilled);
    if (!aggregated.isEmpty()) {
      markAggregates(written, aggregated);
    }
    return written;
  }

  /**
   * The rows without the aggregated means of configurations that also have invocations: a mean
   * beside its own samples would count them twice.
   */
  public static List<SampleRow> preferInvocations(List<SampleRow> rows) {
    Set<Configuration> measured = new HashSet<>();
    rows.stream().filter(r -> !r.aggregate()).forEach(r -> measured.add(r.configuration()));
    return rows.stream()
        .filter(r -> !r.aggregate() || !measured.contains(r.configuration()))
        .toList();
  }

  /** What the runner would have made of these invocations. */
  static ConfigurationProgress.View view(List<SampleRow> rows) {
    List<Double> steady = new ArrayList<>();
    long succeeded = 0;
    long cold = 0;
    long functionErrors = 0;
    long timeouts = 0;
    long throttled = 0;
    long serviceErrors = 0;
    RunningMoments billed = RunningMoments.EMPTY;
    double cost = 0;
    int maxMemory = 0;
    int cores = 0;
    String lastError = null;
    for (SampleRow r : rows) {
      SampleRow.Detail d = r.detail();
      if (r.succeeded()) {
        succeeded++;
        cores = r.cores() == null ? cores : r.cores();
        if (r.cold()) {
          cold++;
        } else {
          steady.add(r.procTimeMs());
        }
      }
      if (d == null) {
        continue;
      }
      switch (d.outcome()) {
        case "FUNCTION_ERROR" -> functionErrors++;
        case "TIMEOUT" -> timeouts++;
        case "THROTTLED" -> throttled++;
        case "SERVICE_ERROR" -> serviceErrors++;
        default -> {}
      }
      lastError = d.error() == null ? lastError : d.error();
      cost += d.costUsd();
      if (d.report() != null) {
        billed = billed.add(d.report().billedDurationMs());
        maxMemory = Math.max(maxMemory, d.report().maxMemoryUsedMb());
      }
    }
    ConfigurationProgress.State state =
        succeeded == 0 && functionErrors + timeouts > 0
            ? ConfigurationProgress.State.FAILED
            : ConfigurationProgress.State.DONE;
    return new ConfigurationProgress.View(
        state,
        steady,
        succeeded,
        cold,
        functionErrors,
        timeouts,
        throttled,
        serviceErrors,
        billed,
        cost,
        maxMemory,
        cores,
        lastError);
  }

  /** The reference experiment's files say nothing of cost: unknown, not zero. */
  private static void forget(Results.Written written, Set<String> unbilled) {
    for (ResultSeries s : written.results()) {
      for (ConfigurationResult r : s.getSizes()) {
        if (unbilled.contains(
            new Configuration(s.getArchitecture().value(), s.getWorkers(), r.getMemoryMb())
                .key())) {
          r.setCostUsd(null);
        }
      }
    }
  }

  private static void markAggregates(Results.Written written, Set<String> aggregated) {
    Set<String> series = new HashSet<>();
    for (ResultSeries s : written.results()) {
      for (ConfigurationResult r : s.getSizes()) {
        String key =
            new Configuration(s.getArchitecture().value(), s.getWorkers(), r.getMemoryMb()).key();
        if (aggregated.contains(key)) {
          r.setMessage(AGGREGATE_MESSAGE);
          series.add(s.getArchitecture().value() + "/" + s.getWorkers());
        }
      }
    }
    for (ArchitectureTable t : written.table()) {
      for (KneeRow row : t.getRows()) {
        if (series.contains(t.getArchitecture().value() + "/" + row.getWorkers())) {
          row.setConfident(false);
          row.setReason(AGGREGATE_REASON);
        }
      }
    }
  }
}
