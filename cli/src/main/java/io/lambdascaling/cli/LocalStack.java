package io.lambdascaling.cli;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.cli.options.LocalLambdaOptions.PlatformKind;
import io.lambdascaling.local.kube.LocalKubernetes;
import io.lambdascaling.local.lambda.LocalLambda;
import io.lambdascaling.local.lambda.Platform;
import io.lambdascaling.local.lambda.execute.ExecuteOptions;
import io.lambdascaling.local.lambda.execute.ExecutePlatform;
import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import io.lambdascaling.operator.LambdaScalingOperator;
import io.lambdascaling.operator.config.OperatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Everything an experiment needs, in this process: the embedded Kubernetes API (with the CRD), the
 * local Lambda, and — unless left out — the operator, started through its production composition
 * root and pointed at the other two exactly as it would be at a cluster and AWS.
 */
final class LocalStack implements AutoCloseable {

  /** The CRD as the operator's build generated it. */
  static final String CRD_RESOURCE =
      "/META-INF/fabric8/lambdascalingexperiments.lambdascaling.io-v1.yml";

  /** What to start. */
  record Options(
      PlatformKind platform,
      String cpuScale,
      long seed,
      int kubernetesPort,
      int lambdaPort,
      Path kubeconfig,
      boolean operator,
      Duration flushInterval,
      int metricsPort) {}

  final LocalKubernetes kubernetes;
  final LocalLambda lambda;
  private final LambdaClient lambdaClient;
  private final LambdaScalingOperator operator;

  private LocalStack(
      LocalKubernetes kubernetes,
      LocalLambda lambda,
      LambdaClient lambdaClient,
      LambdaScalingOperator operator) {
    this.kubernetes = kubernetes;
    this.lambda = lambda;
    this.lambdaClient = lambdaClient;
    this.operator = operator;
  }

  static LocalStack start(Options options) throws IOException {
    LocalKubernetes kubernetes = null;
    LocalLambda lambda = null;
    LambdaClient lambdaClient = null;
    try {
      kubernetes =
          LocalKubernetes.start(
              new LocalKubernetes.Options(options.kubernetesPort(), options.kubeconfig()),
              List.of(crd()));
      lambda =
          LocalLambda.start(
              LocalLambda.Options.defaults().withPort(options.lambdaPort()), platform(options));
      if (!options.operator()) {
        return new LocalStack(kubernetes, lambda, null, null);
      }
      OperatorConfig config = operatorConfig(lambda.endpoint(), options);
      lambdaClient = LambdaScalingOperator.lambdaClient(config);
      LambdaScalingOperator operator =
          LambdaScalingOperator.start(config, kubernetes.client(), lambdaClient);
      return new LocalStack(kubernetes, lambda, lambdaClient, operator);
    } catch (IOException | RuntimeException e) {
      if (lambdaClient != null) {
        lambdaClient.close();
      }
      if (lambda != null) {
        lambda.close();
      }
      if (kubernetes != null) {
        kubernetes.close();
      }
      throw e;
    }
  }

  /**
   * The operator's settings for this stack: its Lambda is the local one, which takes any
   * credentials (AWS's default chain must still find some).
   */
  private static OperatorConfig operatorConfig(URI lambdaEndpoint, Options options) {
    if (System.getProperty("aws.accessKeyId") == null
        && System.getenv("AWS_ACCESS_KEY_ID") == null) {
      System.setProperty("aws.accessKeyId", "local");
      System.setProperty("aws.secretAccessKey", "local");
    }
    return new OperatorConfig(
        "us-east-1",
        Optional.of(lambdaEndpoint),
        Set.of(),
        100,
        50,
        options.flushInterval(),
        "lse-local",
        Prices.usEast1(),
        Duration.ofMinutes(2),
        options.metricsPort());
  }

  private static Platform platform(Options options) throws IOException {
    return switch (options.platform()) {
      case simulate -> new SimulatePlatform(SimulationModel.defaults(options.seed()));
      case execute -> {
        double scale;
        try {
          scale = ExecuteOptions.parseCpuScale(options.cpuScale());
        } catch (IllegalArgumentException e) {
          throw new Lse.BadInput("--cpu-scale: " + e.getMessage());
        }
        yield ExecutePlatform.create(ExecuteOptions.defaults().withCpuScale(scale));
      }
    };
  }

  static CustomResourceDefinition crd() {
    try (InputStream in = LocalStack.class.getResourceAsStream(CRD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the CRD is not on the classpath at " + CRD_RESOURCE);
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operator's /metrics, when it runs here. */
  Optional<URI> metricsUrl() {
    return operator == null ? Optional.empty() : Optional.of(operator.metricsUrl());
  }

  KubernetesClient client() {
    return kubernetes.client();
  }

  /**
   * Stops the operator first (nothing more is invoked), then Lambda (its functions and instances
   * go).
   */
  @Override
  public void close() {
    if (operator != null) {
      operator.close();
    }
    if (lambdaClient != null) {
      lambdaClient.close();
    }
    lambda.close();
    kubernetes.close();
  }
}
