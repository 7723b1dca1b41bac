package io.lambdascaling.cli;

import io.lambdascaling.cli.options.LocalLambdaOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lse up}: the local stand-ins (and the operator) kept running for kubectl and the AWS CLI.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the embedded Kubernetes API, the local Lambda and the operator, and keeps them"
          + " running until Ctrl-C, which removes every local function, instance and cgroup.",
      "Drive it with kubectl --kubeconfig <printed path>, and the AWS CLI with --endpoint-url"
          + " <printed Lambda endpoint>."
    })
final class UpCommand implements Callable<Integer> {

  @Mixin LocalLambdaOptions lambda;

  @Option(
      names = "--no-operator",
      description =
          "Start only the Kubernetes API and the local Lambda, so that the operator can run as its"
              + " own process (LSE_LAMBDA_ENDPOINT and KUBECONFIG as printed).")
  boolean noOperator;

  @Option(
      names = "--kube-port",
      defaultValue = "0",
      description = "Kubernetes API port; 0: any free one.")
  int kubePort;

  @Option(
      names = "--lambda-port",
      defaultValue = "9001",
      description = "Local Lambda port. Default: ${DEFAULT-VALUE}.")
  int lambdaPort;

  @Option(
      names = "--metrics-port",
      defaultValue = "8080",
      description =
          "Port of the operator's /metrics, /healthz, /readyz. Default: ${DEFAULT-VALUE}.")
  int metricsPort;

  @Option(
      names = "--kubeconfig-out",
      defaultValue = "lse-kubeconfig.yaml",
      description = "Where to write the kubeconfig. Default: ${DEFAULT-VALUE}.")
  Path kubeconfigOut;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    LocalStack stack =
        LocalStack.start(
            new LocalStack.Options(
                lambda.platform(),
                lambda.cpuScale(),
                lambda.seed(),
                kubePort,
                lambdaPort,
                kubeconfigOut.toAbsolutePath(),
                !noOperator,
                Duration.ofSeconds(2),
                metricsPort));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                },
                "lse-up-shutdown"));
    printEndpoints(out, stack);
    out.println();
    printHowToDrive(out, stack);
    out.println("Ctrl-C stops everything.");
    out.flush();
    stopped.await();
    return 0;
  }

  private void printEndpoints(PrintWriter out, LocalStack stack) {
    out.println("kubeconfig:      " + stack.kubernetes.kubeconfig());
    out.println("Kubernetes API:  " + stack.kubernetes.url());
    out.println("Lambda endpoint: " + stack.lambda.endpoint());
    out.println("Lambda platform: " + stack.lambda.platform().description());
    out.println(
        noOperator ? "operator:        not started (--no-operator)" : "operator:        running");
    stack
        .metricsUrl()
        .ifPresent(
            u -> {
              out.println("metrics:         " + u);
              out.println(
                  "health:          " + u.resolve("/healthz") + ", " + u.resolve("/readyz"));
            });
  }

  /** kubectl and the AWS CLI against this stack; the operator's own command with --no-operator. */
  private void printHowToDrive(PrintWriter out, LocalStack stack) {
    out.println("  export KUBECONFIG=" + stack.kubernetes.kubeconfig());
    out.println("  kubectl apply --validate=false -f examples/quickstart.yaml");
    out.println("  kubectl get lse");
    out.println(
        "  aws lambda list-functions --endpoint-url "
            + stack.lambda.endpoint()
            + " --region us-east-1");
    if (noOperator) {
      out.println(
          "  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local LSE_LAMBDA_ENDPOINT="
              + stack.lambda.endpoint()
              + " KUBECONFIG="
              + stack.kubernetes.kubeconfig()
              + " java -cp 'cli/target/lib/*' io.lambdascaling.operator.LambdaScalingOperator");
    }
  }
}
