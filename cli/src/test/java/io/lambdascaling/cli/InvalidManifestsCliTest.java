package io.lambdascaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator's corpus of broken manifests through {@code lse run FILE}: each is refused before
 * anything starts, with one line naming its field, and exit code 2.
 */
class InvalidManifestsCliTest {

  static Stream<Path> corpus() throws Exception {
    try (Stream<Path> files =
        Files.list(Path.of("..", "operator", "src", "test", "resources", "invalid-manifests"))) {
      List<Path> sorted = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(sorted).hasSize(66);
      return sorted.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void lse_run_refuses_it_in_one_line_naming_its_field_with_exit_code_2(Path file)
      throws Exception {
    String field = Files.readAllLines(file).get(0).substring("# field: ".length());

    LseTest.Ran r = LseTest.lse("run", file.toString(), "--platform", "simulate");

    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).contains(file.getFileName().toString()).contains(field);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.out()).as("nothing started").isEmpty();
  }
}
