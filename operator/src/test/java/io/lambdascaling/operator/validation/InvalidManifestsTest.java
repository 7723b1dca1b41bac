package io.lambdascaling.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken manifests under {@code invalid-manifests/}: each file names, in its first
 * two comment lines, the field that must be reported and a part of the message.
 */
class InvalidManifestsTest {

  static Stream<Path> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(InvalidManifestsTest.class.getResource("/invalid-manifests").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> sorted = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(sorted).hasSizeGreaterThanOrEqualTo(30);
      return sorted.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void each_broken_manifest_is_rejected_naming_its_field(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String field = header(lines.get(0), "# field: ");
    String message = header(lines.get(1), "# message: ");

    ManifestReader.Result result = ManifestReader.read(Files.readString(file));

    assertThat(result.isValid()).isFalse();
    assertThat(result.violations())
        .as("violations of %s", file.getFileName())
        .anySatisfy(
            v -> {
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.message()).contains(message);
            });
    assertThat(result.violations()).allSatisfy(v -> assertThat(v.toString()).hasSizeLessThan(400));
  }

  private static String header(String line, String prefix) {
    assertThat(line).startsWith(prefix);
    return line.substring(prefix.length());
  }
}
