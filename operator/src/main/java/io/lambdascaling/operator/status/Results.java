package io.lambdascaling.operator.status;

import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.ConfigurationFigures;
import io.lambdascaling.analysis.Findings;
import io.lambdascaling.analysis.Knee;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.Tally;
import io.lambdascaling.analysis.ThreadsToMemory;
import io.lambdascaling.api.v1alpha1.Architecture;
import io.lambdascaling.api.v1alpha1.ArchitectureTable;
import io.lambdascaling.api.v1alpha1.ConfigurationResult;
import io.lambdascaling.api.v1alpha1.KneeRow;
import io.lambdascaling.api.v1alpha1.ResultSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The status's {@code results} (one per configuration) and {@code table} (per architecture): the
 * analysis's findings in the status's types.
 */
public final class Results {

  /** What goes into the status. */
  public record Written(List<ResultSeries> results, List<ArchitectureTable> table) {}

  private Results() {}

  /**
   * @param tallies every planned configuration's tally, in plan order; null for one nothing has run
   *     for yet
   */
  public static Written of(
      Map<Configuration, Tally.Snapshot> tallies,
      double tolerancePercent,
      double confidenceLevel,
      Prices prices) {
    Findings findings = Findings.of(tallies, tolerancePercent, confidenceLevel, prices);
    List<ResultSeries> results = new ArrayList<>();
    for (Findings.Series s : findings.series()) {
      ResultSeries r = new ResultSeries();
      r.setArchitecture(Architecture.fromValue(s.architecture()));
      r.setWorkers(s.workers());
      s.sizes().forEach(f -> r.getSizes().add(result(f)));
      results.add(r);
    }
    List<ArchitectureTable> table = new ArrayList<>();
    for (ThreadsToMemory.ArchitectureTable t : findings.table()) {
      ArchitectureTable out = new ArchitectureTable();
      out.setArchitecture(Architecture.fromValue(t.architecture()));
      t.rows().forEach(k -> out.getRows().add(row(k)));
      table.add(out);
    }
    return new Written(results, table);
  }

  private static ConfigurationResult result(ConfigurationFigures f) {
    ConfigurationResult r = new ConfigurationResult();
    r.setMemoryMb(f.configuration().memoryMb());
    r.setState(f.state().word());
    r.setMessage(f.message());
    r.setSamples(f.samples());
    r.setColdStarts(f.coldStarts());
    // Absent when none (492 zeros add 6 KB), as for a configuration nothing has run for yet.
    r.setWarmups(f.warmups() == null || f.warmups() == 0 ? null : f.warmups());
    r.setErrors(f.errors());
    r.setMeanMs(f.meanMs());
    r.setTrimmedMeanMs(f.trimmedMeanMs());
    r.setStddevMs(f.stddevMs());
    r.setCvPercent(f.cvPercent());
    r.setMinMs(f.minMs());
    r.setMaxMs(f.maxMs());
    r.setP50Ms(f.p50Ms());
    r.setP95Ms(f.p95Ms());
    r.setCiHalfWidthMs(f.ciHalfWidthMs());
    r.setMeanBilledMs(f.meanBilledMs());
    r.setMaxMemoryUsedMb(f.maxMemoryUsedMb());
    r.setReportedCores(f.reportedCores());
    r.setCostUsd(f.costUsd());
    return r;
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
