package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What was measured at one memory size of a {@link ResultSeries}. Absent fields have no value yet;
 * the raw attempts behind these figures are kept in the experiment's ConfigMaps.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigurationResult {

  @JsonPropertyDescription("Function memory in MB.")
  private Integer memoryMb;

  @JsonPropertyDescription("Pending, Running, Done or Failed.")
  private String state;

  @JsonPropertyDescription("Why the configuration failed, when it did.")
  private String message;

  @JsonPropertyDescription("Steady-state (warm) samples in the statistics.")
  private Long samples;

  @JsonPropertyDescription(
      "Cold starts: invocations with an init phase, kept out of the statistics.")
  private Long coldStarts;

  @JsonPropertyDescription(
      "Warm-up invocations: successes after a cold start (up to sampling.warmupInvocations with"
          + " it) that had no init phase themselves, kept out of the statistics; absent when"
          + " none.")
  private Long warmups;

  @JsonPropertyDescription("Function errors and timeouts (omitted when none).")
  private Long errors;

  @JsonPropertyDescription("Mean steady-state processing time, ms.")
  private Double meanMs;

  @JsonPropertyDescription("10% trimmed mean of the processing time (robust to outliers), ms.")
  private Double trimmedMeanMs;

  @JsonPropertyDescription("Standard deviation of the processing time, ms.")
  private Double stddevMs;

  @JsonPropertyDescription("Coefficient of variation of the processing time, percent.")
  private Double cvPercent;

  @JsonPropertyDescription("Fastest processing time, ms.")
  private Double minMs;

  @JsonPropertyDescription("Slowest processing time, ms.")
  private Double maxMs;

  @JsonPropertyDescription("Median processing time, ms.")
  private Double p50Ms;

  @JsonPropertyDescription("95th percentile of the processing time, ms.")
  private Double p95Ms;

  @JsonPropertyDescription(
      "Half-width of the confidence interval (at analysis.confidenceLevel) of the mean: "
          + "it runs from meanMs minus this to meanMs plus this, ms.")
  private Double ciHalfWidthMs;

  @JsonPropertyDescription(
      "Mean billed duration of the steady-state invocations, ms (without the init phase of cold"
          + " starts, which is billed too).")
  private Double meanBilledMs;

  @JsonPropertyDescription("Largest Max Memory Used reported, MB.")
  private Integer maxMemoryUsedMb;

  @JsonPropertyDescription("Processors the function saw (availableProcessors).")
  private Integer reportedCores;

  @JsonPropertyDescription("What this configuration cost so far, US dollars.")
  private Double costUsd;

  public Integer getMemoryMb() {
    return memoryMb;
  }

  public void setMemoryMb(Integer memoryMb) {
    this.memoryMb = memoryMb;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public Long getSamples() {
    return samples;
  }

  public void setSamples(Long samples) {
    this.samples = samples;
  }

  public Long getWarmups() {
    return warmups;
  }

  public void setWarmups(Long warmups) {
    this.warmups = warmups;
  }

  public Long getColdStarts() {
    return coldStarts;
  }

  public void setColdStarts(Long coldStarts) {
    this.coldStarts = coldStarts;
  }

  public Long getErrors() {
    return errors;
  }

  public void setErrors(Long errors) {
    this.errors = errors;
  }

  public Double getMeanMs() {
    return meanMs;
  }

  public void setMeanMs(Double meanMs) {
    this.meanMs = meanMs;
  }

  public Double getTrimmedMeanMs() {
    return trimmedMeanMs;
  }

  public void setTrimmedMeanMs(Double trimmedMeanMs) {
    this.trimmedMeanMs = trimmedMeanMs;
  }

  public Double getStddevMs() {
    return stddevMs;
  }

  public void setStddevMs(Double stddevMs) {
    this.stddevMs = stddevMs;
  }

  public Double getCvPercent() {
    return cvPercent;
  }

  public void setCvPercent(Double cvPercent) {
    this.cvPercent = cvPercent;
  }

  public Double getMinMs() {
    return minMs;
  }

  public void setMinMs(Double minMs) {
    this.minMs = minMs;
  }

  public Double getMaxMs() {
    return maxMs;
  }

  public void setMaxMs(Double maxMs) {
    this.maxMs = maxMs;
  }

  public Double getP50Ms() {
    return p50Ms;
  }

  public void setP50Ms(Double p50Ms) {
    this.p50Ms = p50Ms;
  }

  public Double getP95Ms() {
    return p95Ms;
  }

  public void setP95Ms(Double p95Ms) {
    this.p95Ms = p95Ms;
  }

  public Double getCiHalfWidthMs() {
    return ciHalfWidthMs;
  }

  public void setCiHalfWidthMs(Double ciHalfWidthMs) {
    this.ciHalfWidthMs = ciHalfWidthMs;
  }

  public Double getMeanBilledMs() {
    return meanBilledMs;
  }

  public void setMeanBilledMs(Double meanBilledMs) {
    this.meanBilledMs = meanBilledMs;
  }

  public Integer getMaxMemoryUsedMb() {
    return maxMemoryUsedMb;
  }

  public void setMaxMemoryUsedMb(Integer maxMemoryUsedMb) {
    this.maxMemoryUsedMb = maxMemoryUsedMb;
  }

  public Integer getReportedCores() {
    return reportedCores;
  }

  public void setReportedCores(Integer reportedCores) {
    this.reportedCores = reportedCores;
  }

  public Double getCostUsd() {
    return costUsd;
  }

  public void setCostUsd(Double costUsd) {
    this.costUsd = costUsd;
  }
}
