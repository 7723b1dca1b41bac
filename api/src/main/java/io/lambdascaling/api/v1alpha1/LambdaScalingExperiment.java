package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Lambda scaling experiment: a matrix of architectures × worker threads × memory sizes, the
 * hashing workload to run on each, and (in status) what was measured and the threads-to-memory
 * table derived from it.
 */
@Group(LambdaScalingExperiment.GROUP)
@Version(LambdaScalingExperiment.VERSION)
@Kind("LambdaScalingExperiment")
@Singular("lambdascalingexperiment")
@Plural("lambdascalingexperiments")
@ShortNames("lse")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@JsonIgnoreProperties(ignoreUnknown = true)
public class LambdaScalingExperiment extends CustomResource<ExperimentSpec, ExperimentStatus>
    implements Namespaced {

  public static final String GROUP = "lambdascaling.io";
  public static final String VERSION = "v1alpha1";

  /** Read leniently: a stored object the model cannot read must not stop the informer. */
  @Override
  @JsonDeserialize(using = ExperimentSpecDeserializer.class)
  public void setSpec(ExperimentSpec spec) {
    super.setSpec(spec);
  }

  @Override
  protected ExperimentSpec initSpec() {
    return new ExperimentSpec();
  }

  /**
   * No status until the operator writes one: an empty status object would make status patches
   * address fields of a status the API server does not have.
   */
  @Override
  protected ExperimentStatus initStatus() {
    return null;
  }
}
