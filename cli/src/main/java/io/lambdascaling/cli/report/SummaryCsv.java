package io.lambdascaling.cli.report;

import io.lambdascaling.api.v1alpha1.ConfigurationResult;
import io.lambdascaling.api.v1alpha1.ResultSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code summary.csv}: one line per configuration, its columns named as the status's fields are, so
 * a line here reads like the same configuration in {@code kubectl get -o yaml}.
 */
final class SummaryCsv {

  static final String HEADER =
      "architecture,workers,memoryMb,state,samples,coldStarts,errors,meanMs,trimmedMeanMs,"
          + "stddevMs,cvPercent,minMs,maxMs,p50Ms,p95Ms,ciHalfWidthMs,meanBilledMs,"
          + "maxMemoryUsedMb,reportedCores,costUsd,message";

  private SummaryCsv() {}

  static String text(List<ResultSeries> results) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (ResultSeries s : results) {
      for (ConfigurationResult r : s.getSizes()) {
        List<Object> f = new ArrayList<>();
        f.add(s.getArchitecture().value());
        f.add(s.getWorkers());
        f.add(r.getMemoryMb());
        f.add(r.getState());
        f.add(r.getSamples());
        f.add(r.getColdStarts());
        f.add(r.getErrors());
        f.add(r.getMeanMs());
        f.add(r.getTrimmedMeanMs());
        f.add(r.getStddevMs());
        f.add(r.getCvPercent());
        f.add(r.getMinMs());
        f.add(r.getMaxMs());
        f.add(r.getP50Ms());
        f.add(r.getP95Ms());
        f.add(r.getCiHalfWidthMs());
        f.add(r.getMeanBilledMs());
        f.add(r.getMaxMemoryUsedMb());
        f.add(r.getReportedCores());
        f.add(r.getCostUsd());
        f.add(r.getMessage());
        out.append(
                String.join(
                    ",",
                    f.stream().map(v -> v == null ? "" : CsvTable.quote(v.toString())).toList()))
            .append('\n');
      }
    }
    return out.toString();
  }
}
