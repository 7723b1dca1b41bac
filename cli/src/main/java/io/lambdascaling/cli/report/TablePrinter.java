package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.Knee;
import io.lambdascaling.analysis.ThreadsToMemory;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The threads-to-memory table for a terminal: per architecture, one line per worker count with its
 * knee, the time there, the speedup over one worker, the cost-optimal memory, and whether the knee
 * is confident — with the reason when it is not.
 */
public final class TablePrinter {

  private static final String ROW = "  %7s  %9s  %10s  %7s  %11s  %s%n";

  private TablePrinter() {}

  /**
   * @param platformLine e.g. {@link Analysis#platformLine()}; printed above the tables
   */
  public static void print(
      List<ThreadsToMemory.ArchitectureTable> table, String platformLine, PrintWriter out) {
    out.println(platformLine);
    if (table.isEmpty()) {
      out.println("(no configurations)");
    }
    for (ThreadsToMemory.ArchitectureTable t : table) {
      out.println();
      out.println("threads-to-memory table, " + t.architecture() + ":");
      out.printf(
          Locale.ROOT,
          ROW,
          "workers",
          "knee (MB)",
          "time (ms)",
          "speedup",
          "cost-opt MB",
          "confident");
      for (Knee r : t.rows()) {
        out.printf(
            Locale.ROOT,
            ROW,
            r.workers(),
            r.memoryMb() == null ? "-" : r.memoryMb(),
            ms(r.meanMs()),
            r.speedup() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.speedup()),
            r.costOptimalMemoryMb() == null ? "-" : r.costOptimalMemoryMb(),
            r.confident() ? "yes" : "no: " + r.reason());
      }
    }
    out.flush();
  }

  static String ms(Double v) {
    if (v == null) {
      return "-";
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.1f" : "%.2f", v);
  }
}
