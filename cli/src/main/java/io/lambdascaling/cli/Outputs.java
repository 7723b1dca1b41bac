package io.lambdascaling.cli;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Findings;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.Tally;
import io.lambdascaling.api.v1alpha1.ExperimentSpec;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.cli.report.Analysis;
import io.lambdascaling.cli.report.AttemptRows;
import io.lambdascaling.cli.report.ResultFiles;
import io.lambdascaling.cli.report.TablePrinter;
import io.lambdascaling.operator.plan.Planner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's results as the user gets them: the table printed, and the files (samples.csv,
 * summary.csv, table.md, plot.png, plot.svg) written. They are computed from the attempts the
 * operator kept, by the same rule and analysis as its status; the table is shown once the status
 * has one (the experiment completed).
 */
final class Outputs {

  private Outputs() {}

  /** Prints the table and writes the files into {@code output/<name>/}; returns that directory. */
  static Path write(
      PrintWriter out, Path output, LambdaScalingExperiment e, List<Attempt> attempts) {
    ExperimentSpec spec = e.getSpec();
    ExperimentStatus s = e.getStatus();
    String platform = s.getPlatform() == null ? "not recorded" : s.getPlatform();
    AttemptRows.Tallied tallied = AttemptRows.of(attempts, Planner.rules(spec), platform);
    Map<Configuration, Tally.Snapshot> planned = new LinkedHashMap<>();
    Planner.functions(e)
        .forEach(f -> planned.put(f.configuration(), tallied.tallies().get(f.configuration())));
    double tolerance = spec.getAnalysis().getTolerancePercent();
    double confidence = spec.getAnalysis().getConfidenceLevel();
    Findings findings = Findings.of(planned, tolerance, confidence, Prices.usEast1());
    Analysis analysis =
        new Analysis(
            e.getMetadata().getName(),
            platform,
            tallied.rows(),
            findings.series(),
            s.getTable() == null ? List.of() : findings.table(),
            tolerance,
            confidence);
    TablePrinter.print(analysis.table(), analysis.platformLine(), out);
    Path dir = output.resolve(e.getMetadata().getName());
    ResultFiles.write(dir, analysis);
    return dir;
  }
}
