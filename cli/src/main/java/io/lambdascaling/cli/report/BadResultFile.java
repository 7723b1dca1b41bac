package io.lambdascaling.cli.report;

/**
 * A result file the user must fix or a directory that cannot be written: said in one line naming
 * the file, the line and what was expected (the command ends with exit code 2).
 */
public final class BadResultFile extends RuntimeException {

  public BadResultFile(String message) {
    super(message);
  }

  public BadResultFile(String message, Throwable cause) {
    super(message, cause);
  }
}
