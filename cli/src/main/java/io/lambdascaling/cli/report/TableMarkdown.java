package io.lambdascaling.cli.report;

import io.lambdascaling.api.v1alpha1.ArchitectureTable;
import io.lambdascaling.api.v1alpha1.KneeRow;
import java.util.Locale;

/** {@code table.md}: the threads-to-memory table per architecture, as Markdown. */
final class TableMarkdown {

  private TableMarkdown() {}

  static String text(Analysis a) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(a.name()).append(": threads-to-memory table\n\n");
    out.append(a.platformLine()).append("\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "The knee is the smallest memory whose time is within %s%% of the best and stays"
                + " within it at every larger size, judged on a non-increasing fit of the 10%%"
                + " trimmed means; it is confident only when the data separate it from its"
                + " neighbours at confidence %s. Speedup: one worker's time over this row's, at"
                + " the same memory.\n",
            Chart.number(a.tolerancePercent()),
            Chart.number(a.confidenceLevel())));
    for (ArchitectureTable t : a.table()) {
      out.append("\n## ").append(t.getArchitecture().value()).append("\n\n");
      out.append(
          "| workers | knee memory (MB) | mean at knee (ms) | speedup | confident | reason"
              + " | cost-optimal memory (MB) |\n");
      out.append("| ---: | ---: | ---: | ---: | --- | --- | ---: |\n");
      for (KneeRow r : t.getRows()) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %d | %s | %s | %s | %s | %s | %s |\n",
                r.getWorkers(),
                r.getMemoryMb() == null ? "-" : r.getMemoryMb(),
                TablePrinter.ms(r.getMeanMs()),
                r.getSpeedup() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.getSpeedup()),
                r.isConfident() ? "yes" : "no",
                r.getReason() == null ? "" : r.getReason().replace("|", "\\|"),
                r.getCostOptimalMemoryMb() == null ? "-" : r.getCostOptimalMemoryMb()));
      }
    }
    return out.toString();
  }
}
