package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.Findings;
import io.lambdascaling.analysis.ThreadsToMemory;
import io.lambdascaling.operator.journal.AttemptCsv;
import java.util.List;
import java.util.Locale;

/**
 * Everything the result files are made of: the invocations, and what the analysis made of them in
 * the status's own types.
 *
 * @param name the experiment's or the analysis's name, for titles
 * @param platform what ran the functions (an AWS region, or a local stand-in that says whether its
 *     timings are SIMULATED); shown on every table and plot
 * @param samples every invocation, in the order made
 * @param results what was measured per architecture and worker count at each memory size
 * @param table the threads-to-memory table, per architecture
 * @param tolerancePercent and confidenceLevel: the settings the table was made with
 */
public record Analysis(
    String name,
    String platform,
    List<AttemptCsv.Row> samples,
    List<Findings.Series> results,
    List<ThreadsToMemory.ArchitectureTable> table,
    double tolerancePercent,
    double confidenceLevel) {

  /** Whether the platform says its timings were simulated, not measured. */
  public boolean simulated() {
    return platform != null && platform.toLowerCase(Locale.ROOT).contains("simulat");
  }

  /** The platform line every output carries. */
  public String platformLine() {
    String p = platform == null || platform.isBlank() ? "not recorded" : platform;
    return simulated() && !p.contains("SIMULATED")
        ? "Platform: " + p + " (SIMULATED timings, not measurements of AWS Lambda)"
        : "Platform: " + p;
  }
}
