package io.lambdascaling.cli;

import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.operator.validation.ManifestReader;
import io.lambdascaling.operator.validation.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads an experiment manifest for the CLI: the operator's strict reader, one-line errors. */
final class Manifests {

  private Manifests() {}

  /**
   * @throws Lse.BadInput when the file is missing, not YAML, of another kind, or invalid (every
   *     violation named with its field)
   */
  static LambdaScalingExperiment read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new Lse.BadInput(file + ": no such file");
    } catch (IOException e) {
      throw new Lse.BadInput(file + ": cannot read it: " + e.getMessage(), e);
    }
    ManifestReader.Result r = ManifestReader.read(text);
    if (!r.isValid()) {
      throw new Lse.BadInput(
          file
              + ": "
              + r.violations().stream().map(Violation::toString).collect(Collectors.joining("; ")));
    }
    LambdaScalingExperiment e = r.experiment();
    if (e.getMetadata().getNamespace() == null) {
      e.getMetadata().setNamespace("default");
    }
    return e;
  }
}
