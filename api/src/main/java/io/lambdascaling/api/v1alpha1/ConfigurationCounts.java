package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;

/** How many configurations the plan holds, and how they stand. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class ConfigurationCounts {

  @JsonPropertyDescription("Configurations planned (architectures × workers × memory sizes).")
  @PrinterColumn(name = "Configurations")
  private int total;

  @JsonPropertyDescription("Configurations whose function exists and is Active.")
  private int ready;

  @JsonPropertyDescription("Configurations given up on (e.g. every invocation timed out).")
  private int failed;

  public ConfigurationCounts() {}

  public ConfigurationCounts(int total, int ready, int failed) {
    this.total = total;
    this.ready = ready;
    this.failed = failed;
  }

  public int getTotal() {
    return total;
  }

  public void setTotal(int total) {
    this.total = total;
  }

  public int getReady() {
    return ready;
  }

  public void setReady(int ready) {
    this.ready = ready;
  }

  public int getFailed() {
    return failed;
  }

  public void setFailed(int failed) {
    this.failed = failed;
  }
}
