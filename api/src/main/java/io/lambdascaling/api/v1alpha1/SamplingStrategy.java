package io.lambdascaling.api.v1alpha1;

/** How invocations are spread over the configurations. */
public enum SamplingStrategy {
  /** Every configuration gets {@code invocationsPerConfiguration} samples, in shuffled rounds. */
  Exhaustive
}
