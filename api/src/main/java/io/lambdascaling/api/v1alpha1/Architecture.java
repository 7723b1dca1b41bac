package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Lambda instruction set architectures. */
public enum Architecture {
  @JsonProperty("x86_64")
  X86_64("x86_64"),
  @JsonProperty("arm64")
  ARM64("arm64");

  private final String value;

  Architecture(String value) {
    this.value = value;
  }

  /** The name Lambda and the manifest use. */
  public String value() {
    return value;
  }

  /** The constant for a name as Lambda and the manifest write it. */
  public static Architecture fromValue(String value) {
    for (Architecture a : values()) {
      if (a.value.equals(value)) {
        return a;
      }
    }
    throw new IllegalArgumentException("architecture must be x86_64 or arm64, got " + value);
  }

  @Override
  public String toString() {
    return value;
  }
}
