package io.lambdascaling.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --output}: where the commands that write result files put them. */
public final class OutputOption {

  @Option(
      names = "--output",
      defaultValue = "lse-results",
      description = "Where DIR/<name>/ gets the result files. Default: ${DEFAULT-VALUE}.")
  private Path output;

  /** The directory the experiment's (or analysis's) own directory goes under. */
  public Path dir() {
    return output;
  }
}
