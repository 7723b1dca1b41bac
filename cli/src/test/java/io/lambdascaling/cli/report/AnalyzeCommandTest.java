package io.lambdascaling.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdascaling.cli.Lse;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class AnalyzeCommandTest {

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run lse(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Lse.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /** The printed table's line for a worker count: knee memory, then the confidence column. */
  static Pattern row(int workers, int kneeMb, String confident) {
    return Pattern.compile(
        "(?m)^\\s+" + workers + "\\s+" + kneeMb + "\\s+[0-9.]+\\s+[0-9.]+\\s+\\d+\\s+" + confident);
  }

  @Test
  void analyze_finds_the_knees_of_the_model_in_reference_files_and_writes_every_file()
      throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    int rows = ReferenceModel.writePerConfiguration(input);
    Path results = tmp.resolve("out");

    Run run = lse("analyze", input.toString(), "--output", results.toString(), "--name", "model");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    // One worker is CPU-bound up to 1,769 MB (the first size above is 1,792), two to 3,538.
    assertThat(run.out()).containsPattern(row(1, 1792, "yes")).containsPattern(row(2, 3584, "yes"));
    assertThat(run.out()).contains("threads-to-memory table, arm64:").contains("not recorded");

    Path dir = results.resolve("model");
    List<String> samples = Files.readAllLines(dir.resolve("samples.csv"));
    assertThat(samples.get(0)).startsWith("Architecture,Memory,Workers,sk,cores,proc_time,");
    assertThat(samples).hasSize(rows + 1);
    List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
    assertThat(summary).hasSize(2 * ReferenceModel.SIZES.length + 1);
    // Every configuration: 8 runs, the chronologically first one cold.
    assertThat(summary.get(1)).startsWith("arm64,1,512,Done,7,1,");

    assertThat(Files.readString(dir.resolve("table.md")))
        .contains("## arm64")
        .containsPattern("\\| 1 \\| 1792 \\| 8\\d{3}\\.\\d \\| 1\\.00 \\| yes \\|")
        .containsPattern("\\| 2 \\| 3584 \\| 4\\d{3}\\.\\d \\| 2\\.0\\d \\| yes \\|")
        .contains("Platform: not recorded");

    BufferedImage png = ImageIO.read(dir.resolve("plot.png").toFile());
    assertThat(png).isNotNull();
    assertThat(png.getWidth()).isEqualTo(Chart.width(1));
    assertThat(png.getHeight()).isEqualTo(Chart.height());

    Document svg =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(dir.resolve("plot.svg").toFile());
    assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg.getDocumentElement().getAttribute("width"))
        .isEqualTo(Integer.toString(Chart.width(1)));
    assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(2);
    assertThat(svg.getDocumentElement().getTextContent()).contains("arm64", "2 workers");
  }

  @Test
  void samples_csv_read_back_gives_the_same_table_and_keeps_proc_time_in_seconds()
      throws IOException {
    Path input = Files.createDirectories(tmp.resolve("in"));
    ReferenceModel.writePerConfiguration(input);
    Run first = lse("analyze", input.toString(), "--output", tmp.toString(), "--name", "a");
    Path samples = tmp.resolve("a/samples.csv");

    Run second = lse("analyze", samples.toString(), "--output", tmp.toString(), "--name", "b");

    assertThat(second.code()).as(second.err()).isZero();
    assertThat(withoutLastLine(second.out())).isEqualTo(withoutLastLine(first.out()));
    String inputLine = Files.readAllLines(input.resolve("Lambda_512_1_arm64.csv")).get(1);
    double seconds = Double.parseDouble(inputLine.substring(inputLine.lastIndexOf(',') + 1));
    assertThat(Files.readString(tmp.resolve("b/samples.csv")))
        .contains(String.format(Locale.ROOT, ",%.9f,", seconds));
  }

  /** The output without its "wrote ... into DIR" line. */
  static String withoutLastLine(String out) {
    return out.strip().substring(0, out.strip().lastIndexOf('\n'));
  }

  @Test
  void aggregated_means_place_the_knees_but_no_row_is_confident() throws IOException {
    Path file = ReferenceModel.writeAggregated(tmp);

    Run run = lse("analyze", file.toString(), "--output", tmp.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern(row(1, 1792, "no: based on aggregates"))
        .containsPattern(row(2, 3584, "no: based on aggregates"))
        .doesNotContain(" yes");
    List<String> summary = Files.readAllLines(tmp.resolve("analysis/summary.csv"));
    assertThat(summary.get(1))
        .startsWith("arm64,1,512,Done,1,0,")
        .endsWith(SampleAnalysis.AGGREGATE_MESSAGE + "\"");
    assertThat(Files.readAllLines(tmp.resolve("analysis/samples.csv")).get(1))
        .contains(",false," + SamplesCsv.AGGREGATE_MEAN + ",");
  }

  @Test
  void aggregates_of_configurations_with_runs_are_ignored_not_counted_as_a_sample()
      throws IOException {
    Path input = Files.createDirectories(tmp.resolve("in"));
    ReferenceModel.writePerConfiguration(input);
    ReferenceModel.writeAggregated(input);

    Run run = lse("analyze", input.toString(), "--output", tmp.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("ignored 30 aggregated means")
        .containsPattern(row(1, 1792, "yes"));
  }

  @Test
  void simulated_platform_is_said_on_the_table_and_the_plot() throws IOException {
    Path input = Files.createDirectories(tmp.resolve("in"));
    ReferenceModel.writePerConfiguration(input);

    Run run =
        lse(
            "analyze",
            input.toString(),
            "--output",
            tmp.toString(),
            "--platform",
            "local simulate (model, seed 7)");

    assertThat(run.out()).contains("SIMULATED timings");
    assertThat(Files.readString(tmp.resolve("analysis/table.md"))).contains("SIMULATED");
    assertThat(Files.readString(tmp.resolve("analysis/plot.svg"))).contains(">SIMULATED</text>");
  }

  @Test
  void missing_column_is_one_line_naming_file_line_and_columns() throws IOException {
    Path file =
        Files.writeString(
            tmp.resolve("Lambda_512_1_arm64.csv"),
            "Architecture,Memory,Workers,sk,cores\narm64,512,1,20221224_045927,2\n");

    Run run = lse("analyze", file.toString(), "--output", tmp.toString());

    assertThat(run.code()).isEqualTo(Lse.BAD_INPUT);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .contains(file.toString(), "line 1", "missing column proc_time")
        .contains("Architecture,Memory,Workers,sk,cores,proc_time");
  }

  @Test
  void a_file_that_is_not_a_result_csv_is_one_line() throws IOException {
    Path yaml = Files.writeString(tmp.resolve("experiment.yaml"), "kind: Experiment\nspec: {}\n");
    Path png = tmp.resolve("plot.png");
    Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, (byte) 0xff});

    for (Path p : List.of(yaml, png)) {
      Run run = lse("analyze", p.toString(), "--output", tmp.toString());

      assertThat(run.code()).isEqualTo(Lse.BAD_INPUT);
      assertThat(run.err().lines()).hasSize(1);
      assertThat(run.err()).contains(p.toString()).contains("Architecture,Memory,Workers");
    }
  }

  @Test
  void bad_values_name_the_line_and_the_column() throws IOException {
    String header = "Architecture,Memory,Workers,sk,cores,proc_time\n";
    String good = "arm64,512,1,20221224_045927,2,8.1\n";
    record Case(String line, String says) {}
    for (Case c :
        List.of(
            new Case("arm64,512,1,20221224_050127,2,fast\n", "column proc_time is 'fast'"),
            new Case("riscv,512,1,20221224_050127,2,8.2\n", "column Architecture is 'riscv'"),
            new Case("arm64,512,1,yesterday,2,8.2\n", "column sk is 'yesterday'"),
            new Case("arm64,64,1,20221224_050127,2,8.2\n", "column Memory is 64"))) {
      Path file = Files.writeString(tmp.resolve("bad.csv"), header + good + c.line());

      Run run = lse("analyze", file.toString(), "--output", tmp.toString());

      assertThat(run.code()).isEqualTo(Lse.BAD_INPUT);
      assertThat(run.err().lines()).hasSize(1);
      assertThat(run.err()).contains(file + " line 3: " + c.says(), "(expected ");
    }
  }

  @Test
  void missing_file_and_bad_options_are_exit_code_2() {
    assertThat(lse("analyze", tmp.resolve("nope.csv").toString()).code()).isEqualTo(Lse.BAD_INPUT);
    assertThat(lse("analyze").code()).isEqualTo(Lse.BAD_INPUT);
    assertThat(lse("analyze", tmp.toString(), "--tolerance", "0").err())
        .contains("--tolerance must be above 0");
  }
}
