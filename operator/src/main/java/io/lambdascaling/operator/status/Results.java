package io.lambdascaling.operator.status;

import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Knee;
import io.lambdascaling.analysis.Measured;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.Summary;
import io.lambdascaling.analysis.ThreadsToMemory;
import io.lambdascaling.api.v1alpha1.Architecture;
import io.lambdascaling.api.v1alpha1.ArchitectureTable;
import io.lambdascaling.api.v1alpha1.ConfigurationResult;
import io.lambdascaling.api.v1alpha1.KneeRow;
import io.lambdascaling.api.v1alpha1.ResultSeries;
import io.lambdascaling.operator.runner.ConfigurationProgress;
import io.lambdascaling.operator.runner.ExperimentRun;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a run's progress into the status's {@code results} (one per configuration) and {@code
 * table} (per architecture), through the analysis package.
 */
public final class Results {

  /** What goes into the status. */
  public record Written(List<ResultSeries> results, List<ArchitectureTable> table) {}

  private static final MathContext COST_DIGITS = new MathContext(4);
  private static final MathContext MS_DIGITS = new MathContext(5);
  private static final MathContext SPREAD_DIGITS = new MathContext(3);

  private Results() {}

  public static Written of(
      List<ExperimentRun.Target> targets,
      Map<String, ConfigurationProgress.View> progress,
      double tolerancePercent,
      double confidenceLevel,
      Prices prices) {
    Map<String, ResultSeries> series = new LinkedHashMap<>();
    List<Measured> measured = new ArrayList<>();
    for (ExperimentRun.Target target : targets) {
      ConfigurationProgress.View v = progress.get(target.configuration().key());
      double[] steady =
          v == null
              ? new double[0]
              : v.steadyProcTimesMs().stream().mapToDouble(Double::doubleValue).toArray();
      Summary summary = steady.length == 0 ? null : Summary.of(steady, confidenceLevel);
      Configuration c = target.configuration();
      series
          .computeIfAbsent(
              c.architecture() + "/" + c.workers(),
              k -> {
                ResultSeries r = new ResultSeries();
                r.setArchitecture(Architecture.fromValue(c.architecture()));
                r.setWorkers(c.workers());
                return r;
              })
          .getSizes()
          .add(result(target, v, summary, steady));
      measured.add(
          new Measured(
              target.configuration().architecture(),
              target.configuration().workers(),
              target.configuration().memoryMb(),
              summary,
              v == null || v.billedMs().count() == 0 ? 0 : v.billedMs().mean()));
    }
    List<ArchitectureTable> table = new ArrayList<>();
    for (ThreadsToMemory.ArchitectureTable t :
        ThreadsToMemory.table(measured, tolerancePercent, confidenceLevel, prices)) {
      ArchitectureTable out = new ArchitectureTable();
      out.setArchitecture(Architecture.fromValue(t.architecture()));
      t.rows().forEach(k -> out.getRows().add(row(k)));
      table.add(out);
    }
    List<ResultSeries> results = new ArrayList<>(series.values());
    results.forEach(r -> r.getSizes().sort(Comparator.comparing(ConfigurationResult::getMemoryMb)));
    return new Written(results, table);
  }

  private static ConfigurationResult result(
      ExperimentRun.Target target, ConfigurationProgress.View v, Summary s, double[] steady) {
    ConfigurationResult r = new ConfigurationResult();
    r.setMemoryMb(target.configuration().memoryMb());
    if (v == null) {
      r.setState("Pending");
      return r;
    }
    r.setState(
        switch (v.state()) {
          case RUNNING -> "Running";
          case DONE -> "Done";
          case FAILED -> "Failed";
        });
    r.setMessage(v.state() == ConfigurationProgress.State.FAILED ? v.lastError() : null);
    r.setSamples((long) steady.length);
    r.setColdStarts(v.coldStarts());
    long errors = v.functionErrors() + v.timeouts();
    r.setErrors(errors == 0 ? null : errors);
    if (s != null) {
      r.setMeanMs(ms(s.mean()));
      r.setTrimmedMeanMs(ms(s.trimmedMean()));
      r.setStddevMs(spread(s.stddev()));
      r.setCvPercent(Double.isNaN(s.cv()) ? null : Math.round(s.cv() * 1000) / 10.0);
      r.setMinMs(ms(s.min()));
      r.setMaxMs(ms(s.max()));
      r.setP50Ms(ms(s.p50()));
      r.setP95Ms(ms(s.p95()));
      r.setCiHalfWidthMs(spread((s.ciHigh() - s.ciLow()) / 2));
    }
    if (v.billedMs().count() > 0) {
      r.setMeanBilledMs(ms(v.billedMs().mean()));
    }
    r.setMaxMemoryUsedMb(v.maxMemoryUsedMb() == 0 ? null : v.maxMemoryUsedMb());
    r.setReportedCores(v.reportedCores() == 0 ? null : v.reportedCores());
    r.setCostUsd(BigDecimal.valueOf(v.costUsd()).round(COST_DIGITS).doubleValue());
    return r;
  }

  /**
   * Milliseconds to five significant digits and at most 0.01 ms (the resolution of Lambda's REPORT
   * line): finer digits are noise and would only inflate the status. NaN (too few samples) is
   * absent.
   */
  static Double ms(double value) {
    if (Double.isNaN(value)) {
      return null;
    }
    if (Math.abs(value) < 1000) {
      return Math.round(value * 100) / 100.0;
    }
    return BigDecimal.valueOf(value).round(MS_DIGITS).doubleValue();
  }

  /** A spread (stddev, interval half-width) to three significant digits: itself an estimate. */
  static Double spread(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return null;
    }
    return Math.abs(value) < 1
        ? ms(value)
        : BigDecimal.valueOf(value).round(SPREAD_DIGITS).doubleValue();
  }

  private static KneeRow row(Knee k) {
    KneeRow row = new KneeRow();
    row.setWorkers(k.workers());
    row.setMemoryMb(k.memoryMb());
    row.setMeanMs(k.meanMs());
    row.setSpeedup(k.speedup());
    row.setConfident(k.confident());
    row.setReason(k.reason());
    row.setCostOptimalMemoryMb(k.costOptimalMemoryMb());
    return row;
  }
}
