package io.lambdascaling.cli;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.api.v1alpha1.ExperimentSpec;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.cli.report.Analysis;
import io.lambdascaling.cli.report.AttemptRows;
import io.lambdascaling.cli.report.ResultFiles;
import io.lambdascaling.cli.report.SampleRow;
import io.lambdascaling.cli.report.TablePrinter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * An experiment's results as the user gets them: the table printed, and the files (samples.csv,
 * summary.csv, table.md, plot.png, plot.svg) written. The table and the per-configuration results
 * are the operator's, from the status; the samples are the attempts it kept.
 */
final class Outputs {

  private Outputs() {}

  /** Prints the table and writes the files into {@code output/<name>/}; returns that directory. */
  static Path write(
      PrintWriter out, Path output, LambdaScalingExperiment e, List<Attempt> attempts) {
    ExperimentSpec spec = e.getSpec();
    ExperimentStatus s = e.getStatus();
    String platform = s.getPlatform() == null ? "not recorded" : s.getPlatform();
    List<SampleRow> rows =
        AttemptRows.of(attempts, spec.getSampling().getWarmupInvocations(), platform);
    Analysis analysis =
        new Analysis(
            e.getMetadata().getName(),
            platform,
            rows,
            s.getResults(),
            s.getTable(),
            spec.getAnalysis().getTolerancePercent(),
            spec.getAnalysis().getConfidenceLevel());
    TablePrinter.print(analysis.table(), analysis.platformLine(), out);
    Path dir = output.resolve(e.getMetadata().getName());
    ResultFiles.write(dir, analysis);
    return dir;
  }
}
