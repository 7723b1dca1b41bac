package io.lambdascaling.cli;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.cli.options.LocalLambdaOptions;
import io.lambdascaling.cli.options.LocalLambdaOptions.PlatformKind;
import io.lambdascaling.cli.options.OutputOption;
import io.lambdascaling.local.lambda.execute.ExecutePlatform;
import io.lambdascaling.operator.plan.Planner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lse run FILE}: one experiment, end to end, with its table and result files at the end. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs an experiment end to end and writes its results.",
      "Without --kubeconfig it starts, in this process, an embedded Kubernetes API, the local"
          + " Lambda and the operator: no cluster and no AWS account needed. With --kubeconfig it"
          + " applies the manifest to that cluster, whose operator runs it, and follows it."
    })
final class RunCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The experiment manifest (YAML).")
  Path file;

  @Mixin LocalLambdaOptions lambda;

  @Option(names = "--kubeconfig", description = "Run on this cluster instead of locally.")
  Path kubeconfig;

  @Mixin OutputOption output;

  @Option(
      names = "--metrics-port",
      defaultValue = "0",
      description = "Port of the operator's /metrics; 0: any free one. Default: ${DEFAULT-VALUE}.")
  int metricsPort;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LambdaScalingExperiment experiment = Manifests.read(file);
    Progress progress = new Progress(out, System.console() != null);
    if (kubeconfig != null) {
      try (KubernetesClient client = Experiments.client(kubeconfig)) {
        out.println("applying " + name(experiment) + " to " + client.getMasterUrl());
        return finish(
            out,
            client,
            Experiments.follow(client, Experiments.apply(client, experiment), progress));
      }
    }
    LocalStack.Options options =
        new LocalStack.Options(
            lambda.platform(),
            cpuScale(experiment, out),
            lambda.seed(),
            0,
            0,
            null,
            true,
            Duration.ofSeconds(1),
            metricsPort);
    try (LocalStack stack = LocalStack.start(options)) {
      Thread cleanup = new Thread(stack::close, "lse-run-shutdown");
      Runtime.getRuntime().addShutdownHook(cleanup);
      out.println(
          "local run of " + name(experiment) + " on " + stack.lambda.platform().description());
      stack.metricsUrl().ifPresent(u -> out.println("metrics: " + u));
      LambdaScalingExperiment done =
          Experiments.follow(
              stack.client(), Experiments.apply(stack.client(), experiment), progress);
      int code = finish(out, stack.client(), done);
      Runtime.getRuntime().removeShutdownHook(cleanup);
      return code;
    }
  }

  /**
   * The CPU scale to start execute mode with: {@code auto} becomes {@link #autoScale}, with a note
   * when it is below 1 (knees move); a number, or simulate, stays as given.
   */
  private String cpuScale(LambdaScalingExperiment experiment, PrintWriter out) {
    if (lambda.platform() != PlatformKind.execute || !"auto".equalsIgnoreCase(lambda.cpuScale())) {
      return lambda.cpuScale();
    }
    int cpus = Runtime.getRuntime().availableProcessors();
    double s = autoScale(experiment, cpus);
    if (s < 1) {
      out.printf(
          Locale.ROOT,
          "note: --cpu-scale %.3f (the experiment needs up to %.2f vCPUs, this host has %d):"
              + " one thread can use up to %.1f vCPUs here, so knees beyond one vCPU per worker"
              + " move to larger memory than on Lambda. --cpu-scale 1 on a host with enough"
              + " cores is exact.%n",
          s,
          cpus / s,
          cpus,
          1 / s);
    }
    return Double.toString(s);
  }

  /**
   * The largest scale, at most 1, at which the CPU every configuration can use — its vCPUs, but no
   * more than one per worker thread — fits the host. At 1 a thread is capped at one vCPU exactly as
   * on Lambda; below 1 one thread can use more than a vCPU, which moves knees.
   */
  static double autoScale(LambdaScalingExperiment e, int hostCpus) {
    double need =
        Planner.configurations(e.getSpec()).stream()
            .mapToDouble(c -> Math.min(c.memoryMb() / ExecutePlatform.MB_PER_VCPU, c.workers()))
            .max()
            .orElse(1);
    return Math.min(1.0, hostCpus / need);
  }

  /** Prints the outcome and writes the result files; the exit code. */
  private int finish(PrintWriter out, KubernetesClient client, LambdaScalingExperiment done) {
    ExperimentStatus s = done.getStatus();
    if (s.getPhase() != Phase.Completed) {
      out.println(name(done) + " ended " + s.getPhase() + ":");
      for (Condition c : s.getConditions()) {
        if ("True".equals(c.getStatus()) && !"Ready".equals(c.getType())
            || "Ready".equals(c.getType())) {
          out.println(
              "  "
                  + c.getType()
                  + "="
                  + c.getStatus()
                  + " "
                  + c.getReason()
                  + ": "
                  + c.getMessage());
        }
      }
    }
    Path dir = Outputs.write(out, output.dir(), done, Experiments.attempts(client, done));
    out.println("results: " + dir);
    return s.getPhase() == Phase.Completed ? 0 : 1;
  }

  static String name(LambdaScalingExperiment e) {
    return e.getMetadata().getNamespace() + "/" + e.getMetadata().getName();
  }
}
