package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.Knee;
import io.lambdascaling.analysis.ThreadsToMemory;
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
            "The knee is the smallest memory from which a non-increasing fit of the 10%%"
                + " trimmed means stays within %s%% of the plateau (the largest sizes pooled down to"
                + " where three sizes in a row are slower than the pool beyond noise); it is"
                + " confident only when the data separate it from its neighbours at confidence %s."
                + " Speedup: one worker's time over this row's, at the same memory.\n",
            Chart.number(a.tolerancePercent()),
            Chart.number(a.confidenceLevel())));
    for (ThreadsToMemory.ArchitectureTable t : a.table()) {
      out.append("\n## ").append(t.architecture()).append("\n\n");
      out.append(
          "| workers | knee memory (MB) | mean at knee (ms) | speedup | confident | reason"
              + " | cost-optimal memory (MB) |\n");
      out.append("| ---: | ---: | ---: | ---: | --- | --- | ---: |\n");
      for (Knee r : t.rows()) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %d | %s | %s | %s | %s | %s | %s |\n",
                r.workers(),
                r.memoryMb() == null ? "-" : r.memoryMb(),
                TablePrinter.ms(r.meanMs()),
                r.speedup() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.speedup()),
                r.confident() ? "yes" : "no",
                r.reason() == null ? "" : r.reason().replace("|", "\\|"),
                r.costOptimalMemoryMb() == null ? "-" : r.costOptimalMemoryMb()));
      }
    }
    return out.toString();
  }
}
