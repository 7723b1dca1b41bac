package io.lambdascaling.cli;

import io.lambdascaling.cli.report.AnalyzeCommand;
import io.lambdascaling.cli.report.BadResultFile;
import java.io.PrintWriter;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.slf4j.LoggerFactory;
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
    subcommands = {
      RunCommand.class,
      UpCommand.class,
      AnalyzeCommand.class,
      ExportCommand.class,
      CommandLine.HelpCommand.class
    })
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
    quietLogs(List.of(args).contains("--verbose"));
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
          boolean verbose = List.of(args).contains("--verbose");
          if (verbose) {
            e.printStackTrace(err);
          }
          if (e instanceof BadInput || e instanceof BadResultFile) {
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

  /**
   * The operator, the mock API server and the local Lambda log for operators reading a pod's log;
   * on a terminal only warnings matter, unless asked. SLF4J starts here, with these levels, before
   * any library logs — and a missing provider would say so on every command, {@code --help} too.
   */
  static void quietLogs(boolean verbose) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
      // v1alpha1 is what this API is; the client need not say so on every start.
      System.setProperty(
          "org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils",
          "error");
    }
    LoggerFactory.getILoggerFactory();
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    Level level = verbose ? Level.INFO : Level.WARNING;
    root.setLevel(level);
    for (Handler h : root.getHandlers()) {
      h.setLevel(level);
    }
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
