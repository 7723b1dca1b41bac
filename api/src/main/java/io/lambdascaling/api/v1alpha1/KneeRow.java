package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One worker count's line in the threads-to-memory table. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KneeRow {

  @JsonPropertyDescription("Worker threads.")
  private Integer workers;

  @JsonPropertyDescription(
      "The knee: smallest memory (MB) from which more memory stops making it faster.")
  private Integer memoryMb;

  @JsonPropertyDescription("Steady-state processing time at the knee, ms.")
  private Double meanMs;

  @JsonPropertyDescription("Time of one worker at the same memory divided by this time.")
  private Double speedup;

  @JsonPropertyDescription(
      "Whether the data separate the knee from its neighbours at the confidence level.")
  private boolean confident;

  @JsonPropertyDescription("Why the knee is not confident, when it is not.")
  private String reason;

  @JsonPropertyDescription("Memory (MB) with the lowest cost per invocation.")
  private Integer costOptimalMemoryMb;

  public Integer getWorkers() {
    return workers;
  }

  public void setWorkers(Integer workers) {
    this.workers = workers;
  }

  public Integer getMemoryMb() {
    return memoryMb;
  }

  public void setMemoryMb(Integer memoryMb) {
    this.memoryMb = memoryMb;
  }

  public Double getMeanMs() {
    return meanMs;
  }

  public void setMeanMs(Double meanMs) {
    this.meanMs = meanMs;
  }

  public Double getSpeedup() {
    return speedup;
  }

  public void setSpeedup(Double speedup) {
    this.speedup = speedup;
  }

  public boolean isConfident() {
    return confident;
  }

  public void setConfident(boolean confident) {
    this.confident = confident;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public Integer getCostOptimalMemoryMb() {
    return costOptimalMemoryMb;
  }

  public void setCostOptimalMemoryMb(Integer costOptimalMemoryMb) {
    this.costOptimalMemoryMb = costOptimalMemoryMb;
  }
}
