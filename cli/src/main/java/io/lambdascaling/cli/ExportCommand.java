package io.lambdascaling.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.cli.options.OutputOption;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lse export NAME}: the result files of an experiment already run, from its cluster. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Writes an experiment's table, samples.csv, summary.csv and plots from its status and"
            + " the raw attempts the operator kept in ConfigMaps.")
final class ExportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME", description = "The experiment's name.")
  String name;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "default",
      description = "Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--kubeconfig", description = "Default: KUBECONFIG or ~/.kube/config.")
  Path kubeconfig;

  @Mixin OutputOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (KubernetesClient client = Experiments.client(kubeconfig)) {
      LambdaScalingExperiment e = Experiments.get(client, namespace, name);
      if (e == null) {
        throw new Lse.BadInput(
            "no experiment " + namespace + "/" + name + " at " + client.getMasterUrl());
      }
      if (e.getStatus() == null) {
        throw new Lse.BadInput(
            namespace + "/" + name + " has no status yet: is the operator running?");
      }
      Path dir = Outputs.write(out, output.dir(), e, Experiments.attempts(client, e));
      out.println("results: " + dir);
      return 0;
    }
  }
}
