package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** One architecture and worker count: what was measured at each memory size, smallest first. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResultSeries {

  @JsonPropertyDescription("CPU architecture.")
  private Architecture architecture;

  @JsonPropertyDescription("Worker threads.")
  private Integer workers;

  @JsonPropertyDescription("One entry per memory size.")
  private List<ConfigurationResult> sizes = new ArrayList<>();

  public Architecture getArchitecture() {
    return architecture;
  }

  public void setArchitecture(Architecture architecture) {
    this.architecture = architecture;
  }

  public Integer getWorkers() {
    return workers;
  }

  public void setWorkers(Integer workers) {
    this.workers = workers;
  }

  public List<ConfigurationResult> getSizes() {
    return sizes;
  }

  public void setSizes(List<ConfigurationResult> sizes) {
    this.sizes = sizes == null ? new ArrayList<>() : sizes;
  }
}
