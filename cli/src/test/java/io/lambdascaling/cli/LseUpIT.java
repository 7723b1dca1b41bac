package io.lambdascaling.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real kubectl against {@code lse up}, both as users run them: the packaged CLI in its own JVM,
 * kubectl 1.32 as a process with the kubeconfig the CLI printed.
 */
class LseUpIT {

  @TempDir Path dir;

  private static boolean onPath(String tool) {
    for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(p, tool))) {
        return true;
      }
    }
    return false;
  }

  private String kubectl(Path kubeconfig, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kubectl %s: %s", String.join(" ", args), out).isZero();
    return out;
  }

  @Test
  void kubectl_drives_an_experiment_on_lse_up() throws Exception {
    assumeTrue(onPath("kubectl"), "kubectl is not on PATH: this test needs the real one");
    Path jar = Path.of("target", "lse.jar");
    assumeTrue(Files.exists(jar), "target/lse.jar is built in the package phase");
    Path kubeconfig = dir.resolve("kubeconfig.yaml");
    Process up =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "up",
                "--platform",
                "simulate",
                "--lambda-port",
                "0",
                "--metrics-port",
                "0",
                "--kubeconfig-out",
                kubeconfig.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8));
      List<String> printed = new ArrayList<>();
      for (String line; (line = lines.readLine()) != null && !line.startsWith("Ctrl-C"); ) {
        printed.add(line);
      }
      assertThat(String.join("\n", printed))
          .contains("kubeconfig:      " + kubeconfig)
          .contains("Lambda endpoint: http://127.0.0.1:")
          .contains("metrics:         http://");
      assertThat(kubeconfig).exists();

      assertThat(
              kubectl(kubeconfig, "apply", "--validate=false", "-f", "../examples/quickstart.yaml"))
          .contains("quickstart created");
      String phase = "";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!phase.equals("Completed") && System.nanoTime() < deadline) {
        Thread.sleep(500); // kubectl wait needs a streaming watch, which the embedded API lacks
        phase = kubectl(kubeconfig, "get", "lse", "quickstart", "-o", "jsonpath={.status.phase}");
      }
      assertThat(phase).isEqualTo("Completed");
      String table = kubectl(kubeconfig, "get", "lse");
      assertThat(table)
          .contains("NAME")
          .contains("PHASE")
          .contains("PROGRESS")
          .contains("quickstart");
      assertThat(table).contains("Completed").contains("100");
      assertThat(kubectl(kubeconfig, "get", "lse", "quickstart", "-o", "yaml"))
          .contains("knee")
          .contains("SIMULATED");
      assertThat(kubectl(kubeconfig, "describe", "lse", "quickstart"))
          .contains("Events:")
          .contains("Completed");
      assertThat(kubectl(kubeconfig, "get", "events"))
          .contains("lambdascalingexperiment/quickstart");
      assertThat(kubectl(kubeconfig, "delete", "lse", "quickstart")).contains("deleted");
    } finally {
      up.destroy(); // SIGTERM: the shutdown hook stops the operator and the local Lambda
      assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("lse up stops on SIGTERM").isTrue();
    }
  }
}
