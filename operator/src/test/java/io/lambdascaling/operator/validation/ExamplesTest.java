package io.lambdascaling.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.api.v1alpha1.ExperimentSpec;
import io.lambdascaling.operator.plan.Planner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every manifest in examples/ is a valid experiment, and the costs their comments quote add up. */
class ExamplesTest {

  private static final Path EXAMPLES = Path.of("..", "examples");

  /** Lambda's vCPUs per MB of memory. */
  private static final double MB_PER_VCPU = 1769;

  private static ExperimentSpec read(String file) throws IOException {
    ManifestReader.Result r = ManifestReader.read(Files.readString(EXAMPLES.resolve(file)));
    assertThat(r.violations()).as(file).isEmpty();
    assertThat(r.isValid()).isTrue();
    return r.experiment().getSpec();
  }

  @Test
  void every_example_parses_and_validates() throws IOException {
    List<String> files;
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      files =
          s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).contains("quickstart.yaml", "reference-experiment.yaml", "arm-vs-x86.yaml");
    for (String f : files) {
      read(f);
    }
  }

  @Test
  void the_reference_experiment_is_the_full_matrix() throws IOException {
    ExperimentSpec spec = read("reference-experiment.yaml");
    List<Configuration> plan = Planner.configurations(spec);
    assertThat(plan).hasSize(2 * 6 * 41);
    List<Integer> sizes =
        Stream.concat(Stream.of(128), IntStream.rangeClosed(1, 40).mapToObj(i -> 256 * i)).toList();
    assertThat(plan.stream().map(Configuration::memoryMb).distinct().sorted().toList())
        .isEqualTo(sizes);
    assertThat(spec.getSampling().getInvocationsPerConfiguration()).isEqualTo(190);
    assertThat(spec.getWorkload().getPasswords()).isEqualTo(200);
    assertThat(spec.getWorkload().getIterations()).isEqualTo(100_000);
  }

  /**
   * The model the comments show: T1 = passwords × iterations × 330 ns (x86_64) or 280 ns (arm64),
   * spread over min(W, memory/1769) vCPUs, one cold start per function billed about 1 s more.
   */
  static double modelUsd(ExperimentSpec spec) {
    Prices prices = Prices.usEast1();
    double usd = 0;
    int n = spec.getSampling().getInvocationsPerConfiguration();
    for (Configuration c : Planner.configurations(spec)) {
      String arch = c.architecture();
      double nsPerIteration = arch.equals("arm64") ? 280 : 330;
      double t1 =
          spec.getWorkload().getPasswords()
              * (double) spec.getWorkload().getIterations()
              * nsPerIteration
              / 1e9;
      double seconds = t1 / Math.min(c.workers(), c.memoryMb() / MB_PER_VCPU);
      double gb = c.memoryMb() / 1024.0;
      usd += prices.perGbSecond(arch) * gb * (seconds * n + 1.0) + prices.perRequest() * n;
    }
    return usd;
  }

  @Test
  void the_quoted_costs_are_what_the_model_gives() throws IOException {
    double reference = modelUsd(read("reference-experiment.yaml"));
    assertThat(reference).isBetween(22.2, 22.35);
    assertThat(Files.readString(EXAMPLES.resolve("reference-experiment.yaml")))
        .contains("model total  ~ $22.3", "$13.23", "$8.98", "93,480");
    double comparison = modelUsd(read("arm-vs-x86.yaml"));
    assertThat(comparison).isBetween(0.19, 0.21);
    assertThat(Files.readString(EXAMPLES.resolve("arm-vs-x86.yaml"))).contains("about $0.20");
    System.out.printf(
        "examples: reference model $%.2f, arm-vs-x86 model $%.3f%n", reference, comparison);
  }
}
