package io.lambdascaling.operator.plan;

import io.lambdascaling.api.v1alpha1.Architecture;

/** One cell of an experiment's matrix: an architecture, a worker count and a memory size. */
public record Configuration(Architecture architecture, int workers, int memoryMb) {

  /** {@code arm64-w2-m1024}: unique within an experiment, and the tail of its function's name. */
  public String key() {
    return architecture.value() + "-w" + workers + "-m" + memoryMb;
  }
}
