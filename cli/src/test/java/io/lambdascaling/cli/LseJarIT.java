package io.lambdascaling.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged CLI as {@code ./lse} starts it: {@code java -jar target/lse.jar}, its own JVM. */
class LseJarIT {

  @Test
  void help_prints_no_slf4j_warning() throws Exception {
    Path jar = Path.of("target", "lse.jar");
    assumeTrue(Files.exists(jar), "target/lse.jar is built in the package phase");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--help")
            .start();
    // Lse starts SLF4J before any command: without a provider of the API's version on the jar's
    // class path, SLF4J prints "No SLF4J providers were found" here.
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(out).contains("Usage: lse");
    assertThat(err).doesNotContain("SLF4J");
    assertThat(out).doesNotContain("SLF4J");
  }
}
