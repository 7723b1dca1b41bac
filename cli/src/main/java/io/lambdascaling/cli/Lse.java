package io.lambdascaling.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code lse} command. Bad input (a file that is not YAML, an invalid spec, a CSV missing
 * columns) ends with one line naming the problem and exit code 2; a stack trace only with {@code
 * --verbose}.
 */
@Command(
    name = "lse",
    mixinStandardHelpOptions = true,
    versionProvider = Lse.Version.class,
    description = "Runs AWS Lambda performance-scaling experiments, locally or on a cluster.",
    subcommands = {CommandLine.HelpCommand.class, io.lambdascaling.cli.report.AnalyzeCommand.class})
public final class Lse implements Runnable {

  /** Exit code for bad input (usage, files, manifests). */
  public static final int BAD_INPUT = 2;

  @Option(
      names = "--verbose",
      description = "Print stack traces of errors.",
      scope = CommandLine.ScopeType.INHERIT)
  boolean verbose;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "a command is needed: run, up, analyze or export");
  }

  /** Thrown for input the user must fix: printed as one line, exit code 2. */
  public static final class BadInput extends RuntimeException {
    public BadInput(String message) {
      super(message);
    }

    public BadInput(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    Lse root = new Lse();
    CommandLine cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          boolean verbose = parseResult.hasMatchedOption("--verbose") || root.verbose;
          if (verbose) {
            e.printStackTrace(err);
          }
          if (e instanceof BadInput) {
            err.println("lse: " + e.getMessage());
            return BAD_INPUT;
          }
          err.println("lse: " + e + (verbose ? "" : " (--verbose shows where)"));
          return 1;
        });
    cli.setParameterExceptionHandler(
        (e, args2) -> {
          err.println("lse: " + e.getMessage());
          err.println("Try 'lse " + e.getCommandLine().getCommandName() + " --help'.");
          return BAD_INPUT;
        });
    return cli.execute(args);
  }

  /** The project version, from the jar's manifest when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Lse.class.getPackage().getImplementationVersion();
      return new String[] {"lse " + (v == null ? "(development build)" : v)};
    }
  }
}
