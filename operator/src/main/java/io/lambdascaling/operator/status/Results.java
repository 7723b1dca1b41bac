package io.lambdascaling.operator.status;

import io.lambdascaling.operator.analysis.Knee;
import io.lambdascaling.operator.analysis.Measured;
import io.lambdascaling.operator.analysis.Prices;
import io.lambdascaling.operator.analysis.RunningMoments;
import io.lambdascaling.operator.analysis.Summary;
import io.lambdascaling.operator.analysis.ThreadsToMemory;
import io.lambdascaling.operator.api.v1alpha1.Architecture;
import io.lambdascaling.operator.api.v1alpha1.ArchitectureTable;
import io.lambdascaling.operator.api.v1alpha1.ConfigurationResult;
import io.lambdascaling.operator.api.v1alpha1.KneeRow;
import io.lambdascaling.operator.api.v1alpha1.Moments;
import io.lambdascaling.operator.runner.ConfigurationProgress;
import io.lambdascaling.operator.runner.ExperimentRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a run's progress into the status's {@code results} (one per configuration) and {@code
 * table} (per architecture), through the analysis package.
 */
public final class Results {

  /** What goes into the status. */
  public record Written(List<ConfigurationResult> results, List<ArchitectureTable> table) {}

  private Results() {}

  public static Written of(
      List<ExperimentRun.Target> targets,
      Map<String, ConfigurationProgress.View> progress,
      double tolerancePercent,
      double confidenceLevel,
      Prices prices) {
    List<ConfigurationResult> results = new ArrayList<>();
    List<Measured> measured = new ArrayList<>();
    for (ExperimentRun.Target target : targets) {
      ConfigurationProgress.View v = progress.get(target.configuration().key());
      double[] steady =
          v == null
              ? new double[0]
              : v.steadyProcTimesMs().stream().mapToDouble(Double::doubleValue).toArray();
      Summary summary = steady.length == 0 ? null : Summary.of(steady, confidenceLevel);
      results.add(result(target, v, summary, steady));
      measured.add(
          new Measured(
              target.configuration().architecture().value(),
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
    return new Written(results, table);
  }

  private static ConfigurationResult result(
      ExperimentRun.Target target, ConfigurationProgress.View v, Summary s, double[] steady) {
    ConfigurationResult r = new ConfigurationResult();
    r.setArchitecture(target.configuration().architecture());
    r.setWorkers(target.configuration().workers());
    r.setMemoryMb(target.configuration().memoryMb());
    r.setFunctionName(target.functionName());
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
    r.setSamples(steady.length);
    r.setColdStarts(v.coldStarts());
    r.setErrors(v.functionErrors() + v.timeouts());
    if (s != null) {
      r.setMeanMs(s.mean());
      r.setStddevMs(Double.isNaN(s.stddev()) ? null : s.stddev());
      r.setMinMs(s.min());
      r.setMaxMs(s.max());
      r.setP50Ms(s.p50());
      r.setP95Ms(s.p95());
      r.setCiLowMs(Double.isNaN(s.ciLow()) ? null : s.ciLow());
      r.setCiHighMs(Double.isNaN(s.ciHigh()) ? null : s.ciHigh());
      r.setProcTime(moments(RunningMoments.of(steady)));
    }
    if (v.billedMs().count() > 0) {
      r.setMeanBilledMs(v.billedMs().mean());
      r.setBilledMs(moments(v.billedMs()));
    }
    r.setMaxMemoryUsedMb(v.maxMemoryUsedMb() == 0 ? null : v.maxMemoryUsedMb());
    r.setReportedCores(v.reportedCores() == 0 ? null : v.reportedCores());
    r.setCostUsd(v.costUsd());
    return r;
  }

  static Moments moments(RunningMoments m) {
    Moments out = new Moments();
    out.setCount(m.count());
    out.setMean(m.mean());
    out.setM2(m.m2());
    out.setMin(m.count() == 0 ? null : m.min());
    out.setMax(m.count() == 0 ? null : m.max());
    return out;
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
