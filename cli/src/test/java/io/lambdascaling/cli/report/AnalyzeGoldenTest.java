package io.lambdascaling.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lse analyze} on fixed inputs gives the same {@code table.md} and {@code summary.csv}, byte
 * for byte, as the files kept beside them: a refactoring of the analysis, the attempt codec or the
 * result writers must not move a figure. The inputs: a simulated run's samples.csv (made by {@code
 * lse run golden.yaml --platform simulate --seed 7}, with a function error, a timeout, a throttle
 * and a service error added), and the reference experiment's file formats (per-configuration files
 * and an AggregatedResults.csv, one of whose means stands beside its own samples).
 */
class AnalyzeGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"own", "reference"})
  void analyze_writes_the_kept_table_and_summary_byte_for_byte(String input) throws IOException {
    Path out = tmp.resolve("out");

    AnalyzeCommandTest.Run run =
        AnalyzeCommandTest.lse(
            "analyze",
            GOLDEN.resolve(input).resolve("input").toString(),
            "--output",
            out.toString(),
            "--name",
            "golden");

    assertThat(run.code()).as(run.err()).isZero();
    for (String file : new String[] {"table.md", "summary.csv"}) {
      assertThat(Files.readString(out.resolve("golden").resolve(file)))
          .as(input + "/" + file)
          .isEqualTo(Files.readString(GOLDEN.resolve(input).resolve("expected").resolve(file)));
    }
  }
}
