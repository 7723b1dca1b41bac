package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.Findings;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.cli.options.OutputOption;
import io.lambdascaling.operator.journal.AttemptCsv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lse analyze}: the threads-to-memory table from result CSVs, without running anything — our
 * own samples.csv or the reference experiment's files — printed, and written as result files.
 */
@Command(
    name = "analyze",
    description = {
      "Analyses result CSVs offline: prints the threads-to-memory table and writes samples.csv,"
          + " summary.csv, table.md, plot.png and plot.svg into OUTPUT/NAME.",
      "Reads samples.csv, the reference experiment's Lambda_<MB>_<W>_<arch>.csv files"
          + " (Architecture,Memory,Workers,sk,cores,proc_time) and its AggregatedResults.csv"
          + " (Architecture,Memory,Workers,cores,avg_proc_time), in any mix."
    })
public final class AnalyzeCommand implements Runnable {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILES",
      description = "CSV files, or directories meaning every *.csv in them.")
  List<Path> files;

  @Option(
      names = "--tolerance",
      defaultValue = "2",
      description = "How close to the best time counts as the plateau, percent (default 2).")
  double tolerancePercent;

  @Option(
      names = "--confidence",
      defaultValue = "0.95",
      description = "Confidence level of the intervals and tests (default 0.95).")
  double confidenceLevel;

  @Mixin OutputOption output;

  @Option(
      names = "--name",
      defaultValue = "analysis",
      description = "Name of this analysis: its directory under OUTPUT and its title.")
  String name;

  @Option(
      names = "--platform",
      description =
          "What ran the functions, for the titles (default: the platform column of samples.csv,"
              + " else 'not recorded').")
  String platform;

  @Override
  public void run() {
    checkOptions();
    List<AttemptCsv.Row> read = ReferenceCsv.read(files);
    if (read.isEmpty()) {
      throw new BadResultFile("no data lines in " + files);
    }
    List<AttemptCsv.Row> rows = SampleAnalysis.preferInvocations(read);
    PrintWriter out = spec.commandLine().getOut();
    if (rows.size() < read.size()) {
      out.printf(
          "ignored %d aggregated means of configurations that have per-invocation rows%n",
          read.size() - rows.size());
    }
    Findings findings =
        SampleAnalysis.of(rows, tolerancePercent, confidenceLevel, Prices.usEast1());
    Analysis analysis =
        new Analysis(
            name,
            platform != null ? platform : recordedPlatform(rows),
            rows,
            findings.series(),
            findings.table(),
            tolerancePercent,
            confidenceLevel);
    TablePrinter.print(findings.table(), analysis.platformLine(), out);
    Path dir = output.dir().resolve(name);
    ResultFiles.write(dir, analysis);
    out.println();
    out.println("wrote " + ResultFiles.NAMES + " into " + dir);
    out.flush();
  }

  private void checkOptions() {
    if (!(tolerancePercent > 0 && tolerancePercent < 100)) {
      throw new ParameterException(
          spec.commandLine(), "--tolerance must be above 0 and below 100, got " + tolerancePercent);
    }
    if (!(confidenceLevel > 0.5 && confidenceLevel < 1)) {
      throw new ParameterException(
          spec.commandLine(), "--confidence must be above 0.5 and below 1, got " + confidenceLevel);
    }
    if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new ParameterException(
          spec.commandLine(), "--name must be a plain directory name, got '" + name + "'");
    }
  }

  /** The platforms the samples say ran them, joined; "not recorded" when none does. */
  static String recordedPlatform(List<AttemptCsv.Row> rows) {
    List<String> platforms =
        rows.stream().map(AttemptCsv.Row::platform).filter(Objects::nonNull).distinct().toList();
    return platforms.isEmpty() ? "not recorded" : String.join("; ", platforms);
  }
}
