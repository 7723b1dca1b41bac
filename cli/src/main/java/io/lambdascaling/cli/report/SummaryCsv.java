package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.ConfigurationFigures;
import io.lambdascaling.analysis.Findings;
import io.lambdascaling.operator.journal.AttemptCsv;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code summary.csv}: one line per configuration, its columns named as the status's fields are, so
 * a line here reads like the same configuration in {@code kubectl get -o yaml}.
 */
final class SummaryCsv {

  static final String HEADER =
      "architecture,workers,memoryMb,state,samples,coldStarts,warmups,errors,meanMs,trimmedMeanMs,"
          + "stddevMs,cvPercent,minMs,maxMs,p50Ms,p95Ms,ciHalfWidthMs,meanBilledMs,"
          + "maxMemoryUsedMb,reportedCores,costUsd,message";

  private SummaryCsv() {}

  static String text(List<Findings.Series> results) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (Findings.Series s : results) {
      for (ConfigurationFigures r : s.sizes()) {
        out.append(AttemptCsv.csvLine(fields(s, r)));
      }
    }
    return out.toString();
  }

  private static List<String> fields(Findings.Series s, ConfigurationFigures r) {
    List<Object> f = new ArrayList<>();
    f.add(s.architecture());
    f.add(s.workers());
    f.add(r.configuration().memoryMb());
    f.add(r.state().word());
    f.add(r.samples());
    f.add(r.coldStarts());
    f.add(r.warmups());
    f.add(r.errors());
    f.add(r.meanMs());
    f.add(r.trimmedMeanMs());
    f.add(r.stddevMs());
    f.add(r.cvPercent());
    f.add(r.minMs());
    f.add(r.maxMs());
    f.add(r.p50Ms());
    f.add(r.p95Ms());
    f.add(r.ciHalfWidthMs());
    f.add(r.meanBilledMs());
    f.add(r.maxMemoryUsedMb());
    f.add(r.reportedCores());
    f.add(r.costUsd());
    f.add(r.message());
    return f.stream().map(v -> v == null ? "" : v.toString()).toList();
  }
}
