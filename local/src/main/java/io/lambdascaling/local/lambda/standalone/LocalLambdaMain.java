package io.lambdascaling.local.lambda.standalone;

import io.lambdascaling.local.lambda.Faults;
import io.lambdascaling.local.lambda.LocalLambda;
import io.lambdascaling.local.lambda.Platform;
import io.lambdascaling.local.lambda.execute.ExecuteOptions;
import io.lambdascaling.local.lambda.execute.ExecutePlatform;
import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar local/target/lse-local.jar}: the local Lambda as a standalone server. */
@Command(
    name = "lse-local-lambda",
    mixinStandardHelpOptions = true,
    description =
        "A local stand-in for AWS Lambda (API 2015-03-31). Point an AWS SDK or the AWS CLI at it"
            + " with an endpoint override (e.g. aws --endpoint-url http://127.0.0.1:9001 lambda"
            + " list-functions).")
public final class LocalLambdaMain implements Callable<Integer> {

  /** The two platforms. */
  enum Mode {
    execute,
    simulate
  }

  @Option(names = "--port", description = "Port to listen on (0: any free port). Default: 9001.")
  int port = 9001;

  @Option(names = "--bind", description = "Address to listen on. Default: 127.0.0.1.")
  String bind = "127.0.0.1";

  @Option(
      names = "--mode",
      description =
          "execute: run the deployment package in child JVMs under CPU quotas (default);"
              + " simulate: compute timings from a model, SIMULATED.")
  Mode mode = Mode.execute;

  @Option(
      names = "--cpu-scale",
      description =
          "Multiply every CPU quota by this (execute mode), or 'auto' to fit the largest Lambda"
              + " size (5.79 vCPU) onto this host's cores. Default: 1.")
  String cpuScale = "1";

  @Option(names = "--cgroups", description = "auto, v1, v2 or none. Default: auto.")
  String cgroups = "auto";

  @Option(
      names = "--max-queue-wait",
      description = "Longest an invocation waits for CPU before a 429 (execute). Default: 15m.")
  Duration maxQueueWait = Duration.ofMinutes(15);

  @Option(
      names = "--idle-timeout",
      description = "Idle instances are stopped after this. Default: 5m.")
  Duration idleTimeout = Duration.ofMinutes(5);

  @Option(names = "--function-concurrency", description = "Instances per function. Default: 1.")
  int functionConcurrency = 1;

  @Option(names = "--seed", description = "Seed for simulation noise and fault draws. Default: 1.")
  long seed = 1;

  @Option(
      names = "--sim-cv",
      description = "Simulated noise, coefficient of variation. Default: 0.03.")
  double simCv = 0.03;

  @Option(
      names = "--sim-outlier-rate",
      description = "Simulated outlier probability. Default: 0.01.")
  double simOutlierRate = 0.01;

  @Option(names = "--throttle-rate", description = "Probability of an injected 429 on Invoke.")
  double throttleRate;

  @Option(names = "--service-error-rate", description = "Probability of an injected 500 on Invoke.")
  double serviceErrorRate;

  @Option(
      names = "--function-error-rate",
      description = "Probability of an injected function error.")
  double functionErrorRate;

  @Option(names = "--max-added-latency-ms", description = "Random latency added to each Invoke.")
  int maxAddedLatencyMs;

  @Option(
      names = "--enforce-quotas",
      description =
          "Enforce Lambda's quotas: 15 control-plane requests/s, 100 GetFunction/s, account"
              + " concurrency --account-concurrency.")
  boolean enforceQuotas;

  @Option(names = "--account-concurrency", description = "Default: 1000.")
  int accountConcurrency = 1000;

  @Option(names = "--transition-delay", description = "Pending/InProgress time. Default: 100ms.")
  Duration transitionDelay = Duration.ofMillis(100);

  @Override
  public Integer call() throws Exception {
    Faults.Options faults =
        new Faults.Options(
            throttleRate,
            serviceErrorRate,
            functionErrorRate,
            maxAddedLatencyMs,
            enforceQuotas,
            15,
            100,
            accountConcurrency,
            seed);
    Platform platform =
        mode == Mode.simulate
            ? new SimulatePlatform(SimulationModel.defaults(seed).withNoise(simCv, simOutlierRate))
            : ExecutePlatform.create(
                new ExecuteOptions(
                    ExecuteOptions.parseCpuScale(cpuScale),
                    cgroups,
                    maxQueueWait,
                    idleTimeout,
                    functionConcurrency));
    LocalLambda lambda =
        LocalLambda.start(
            new LocalLambda.Options(bind, port, "us-east-1", transitionDelay, faults), platform);
    System.out.println("local Lambda: " + lambda.endpoint() + " — " + platform.description());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  lambda.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new LocalLambdaMain());
    cli.registerConverter(Duration.class, LocalLambdaMain::duration);
    System.exit(cli.execute(args));
  }

  /** Accepts 90s, 5m, 2h, 500ms or ISO-8601 (PT5M). */
  static Duration duration(String text) {
    if (text.startsWith("P") || text.startsWith("p")) {
      return Duration.parse(text);
    }
    var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a duration such as 500ms, 90s, 5m or 2h");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
