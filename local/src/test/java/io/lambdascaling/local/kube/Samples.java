package io.lambdascaling.local.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's CRD and manifests of its custom resource, for the tests of this package. */
final class Samples {

  static final Path CRD_FILE = Path.of("../crds/lambdascalingexperiments.lambdascaling.io-v1.yml");

  static final String VALID =
      """
      apiVersion: lambdascaling.io/v1alpha1
      kind: LambdaScalingExperiment
      metadata: {name: small, namespace: default}
      spec:
        architectures: [arm64]
        workers: [1, 2]
        memory: {sizesMb: [1024, 2048, 3584]}
        sampling: {invocationsPerConfiguration: 6, interval: 0s}
        function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
        budget: {maxCostUsd: 5}
      """;

  private Samples() {}

  static CustomResourceDefinition crd() {
    try (InputStream in = Files.newInputStream(CRD_FILE)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + CRD_FILE.toAbsolutePath(), e);
    }
  }

  /** The valid manifest with lines of its spec replaced or added, e.g. {@code workers: [0]}. */
  static String validWith(String specLine) {
    String yaml = VALID;
    for (String line : specLine.split("\n  ")) {
      yaml = with(yaml, line);
    }
    return yaml;
  }

  private static String with(String yaml, String specLine) {
    String key = specLine.substring(0, specLine.indexOf(':') + 1);
    StringBuilder out = new StringBuilder();
    boolean replaced = false;
    for (String line : yaml.split("\n")) {
      if (line.startsWith("  " + key)) {
        out.append("  ").append(specLine).append('\n');
        replaced = true;
      } else {
        out.append(line).append('\n');
      }
    }
    if (!replaced) {
      out.append("  ").append(specLine).append('\n');
    }
    return out.toString();
  }
}
