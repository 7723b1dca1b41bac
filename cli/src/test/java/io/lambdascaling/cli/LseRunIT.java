package io.lambdascaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job through the real entry point: {@code lse run examples/quickstart.yaml --platform
 * simulate} starts the embedded Kubernetes API, the local Lambda and the operator, and ends with
 * the table printed and every result file written.
 */
class LseRunIT {

  @TempDir Path output;

  @Test
  void the_quickstart_runs_end_to_end_and_writes_every_file() throws Exception {
    long start = System.nanoTime();
    LseTest.Ran r =
        LseTest.lse(
            "run",
            "../examples/quickstart.yaml",
            "--platform",
            "simulate",
            "--output",
            output.toString());
    System.out.printf("lse run (simulate): %.1f s%n", (System.nanoTime() - start) / 1e9);
    System.out.println(r.out());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("x86_64").contains("SIMULATED");
    List<String> rows = r.out().lines().filter(l -> l.matches("\\s+[12]\\s{2,}\\S.*")).toList();
    assertThat(rows).as("one table row per worker count").hasSize(2);

    Path dir = output.resolve("quickstart");
    // 2 workers x 7 sizes x 6 invocations, each one row
    List<String> samples = Files.readAllLines(dir.resolve("samples.csv"));
    assertThat(samples.get(0)).startsWith("Architecture,Memory,Workers,sk,cores,proc_time");
    assertThat(samples).hasSize(1 + 84);
    assertThat(Files.readAllLines(dir.resolve("summary.csv"))).hasSize(1 + 14);
    assertThat(Files.readString(dir.resolve("table.md"))).contains("SIMULATED");
    BufferedImage png = ImageIO.read(dir.resolve("plot.png").toFile());
    assertThat(png.getWidth()).isGreaterThan(400);
    assertThat(
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(dir.resolve("plot.svg").toFile())
                .getDocumentElement()
                .getNodeName())
        .isEqualTo("svg");
  }
}
