package io.lambdascaling.api.schema;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The LambdaScalingExperiment CRD as the build generated it from the model (this jar carries it),
 * and its schema: the rules of a valid experiment, stated once.
 */
public final class ExperimentCrd {

  /** Where the crd-generator writes the CRD, inside this module's jar. */
  public static final String RESOURCE =
      "/META-INF/fabric8/lambdascalingexperiments.lambdascaling.io-v1.yml";

  private static final StructuralSchema SCHEMA =
      StructuralSchema.of(
              definition(),
              LambdaScalingExperiment.VERSION,
              new StructuralValidation(),
              new CelRules())
          .orElseThrow(() -> new IllegalStateException(RESOURCE + " has no schema"));

  private ExperimentCrd() {}

  /** The generated CRD. */
  public static CustomResourceDefinition definition() {
    try (InputStream in = ExperimentCrd.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema of the served version, with its compiled patterns and CEL programs. */
  public static StructuralSchema schema() {
    return SCHEMA;
  }
}
