package io.lambdascaling.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The result files of one experiment or analysis, in one directory: {@code samples.csv} (every
 * invocation, the reference experiment's columns first), {@code summary.csv} (one line per
 * configuration), {@code table.md}, and the plot as {@code plot.png} and {@code plot.svg}.
 */
public final class ResultFiles {

  public static final List<String> NAMES =
      List.of("samples.csv", "summary.csv", "table.md", "plot.png", "plot.svg");

  private ResultFiles() {}

  /**
   * Writes every file into {@code dir}, creating it, replacing files of the same names.
   *
   * @return the files written, in {@link #NAMES} order
   * @throws BadResultFile when the directory cannot be written
   */
  public static List<Path> write(Path dir, Analysis analysis) {
    Drawing plot = Chart.of(analysis);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("samples.csv"), SamplesCsv.text(analysis.samples()));
      Files.writeString(dir.resolve("summary.csv"), SummaryCsv.text(analysis.results()));
      Files.writeString(dir.resolve("table.md"), TableMarkdown.text(analysis));
      Files.write(dir.resolve("plot.png"), PngRenderer.png(plot));
      Files.writeString(dir.resolve("plot.svg"), SvgRenderer.svg(plot), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadResultFile("cannot write the results into " + dir + ": " + e, e);
    }
    return NAMES.stream().map(dir::resolve).toList();
  }
}
