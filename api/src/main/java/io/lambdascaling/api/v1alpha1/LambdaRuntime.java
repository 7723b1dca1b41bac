package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The managed Lambda runtimes the hashing function is built for. */
public enum LambdaRuntime {
  @JsonProperty("java21")
  JAVA21("java21"),
  @JsonProperty("java17")
  JAVA17("java17");

  private final String value;

  LambdaRuntime(String value) {
    this.value = value;
  }

  /** The runtime identifier Lambda uses. */
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
