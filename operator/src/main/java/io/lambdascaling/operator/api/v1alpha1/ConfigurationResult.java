package io.lambdascaling.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What was measured for one configuration (architecture, workers, memory). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigurationResult {

  @JsonPropertyDescription("CPU architecture.")
  private Architecture architecture;

  @JsonPropertyDescription("Worker threads.")
  private Integer workers;

  @JsonPropertyDescription("Function memory in MB.")
  private Integer memoryMb;

  @JsonPropertyDescription("The Lambda function measured.")
  private String functionName;

  @JsonPropertyDescription("Pending, Running, Done or Failed.")
  private String state;

  @JsonPropertyDescription("Why the configuration failed, when it did.")
  private String message;

  @JsonPropertyDescription("Steady-state (warm) samples in the statistics.")
  private long samples;

  @JsonPropertyDescription("Cold invocations, counted apart from the statistics.")
  private long coldStarts;

  @JsonPropertyDescription("Function errors and timeouts.")
  private long errors;

  @JsonPropertyDescription("Mean steady-state processing time, ms.")
  private Double meanMs;

  @JsonPropertyDescription("Standard deviation of the processing time, ms.")
  private Double stddevMs;

  @JsonPropertyDescription("Fastest processing time, ms.")
  private Double minMs;

  @JsonPropertyDescription("Slowest processing time, ms.")
  private Double maxMs;

  @JsonPropertyDescription("Median processing time, ms.")
  private Double p50Ms;

  @JsonPropertyDescription("95th percentile of the processing time, ms.")
  private Double p95Ms;

  @JsonPropertyDescription("Lower end of the confidence interval of the mean, ms.")
  private Double ciLowMs;

  @JsonPropertyDescription("Upper end of the confidence interval of the mean, ms.")
  private Double ciHighMs;

  @JsonPropertyDescription("Mean billed duration, ms.")
  private Double meanBilledMs;

  @JsonPropertyDescription("Largest Max Memory Used reported, MB.")
  private Integer maxMemoryUsedMb;

  @JsonPropertyDescription("Processors the function saw (availableProcessors).")
  private Integer reportedCores;

  @JsonPropertyDescription("What this configuration cost so far, US dollars.")
  private Double costUsd;

  @JsonPropertyDescription(
      "Mergeable statistics of the steady-state processing time (ms), for resuming.")
  private Moments procTime;

  @JsonPropertyDescription(
      "Mergeable statistics of the billed duration (ms) of every billed invocation, for resuming.")
  private Moments billedMs;

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

  public Integer getMemoryMb() {
    return memoryMb;
  }

  public void setMemoryMb(Integer memoryMb) {
    this.memoryMb = memoryMb;
  }

  public String getFunctionName() {
    return functionName;
  }

  public void setFunctionName(String functionName) {
    this.functionName = functionName;
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

  public long getSamples() {
    return samples;
  }

  public void setSamples(long samples) {
    this.samples = samples;
  }

  public long getColdStarts() {
    return coldStarts;
  }

  public void setColdStarts(long coldStarts) {
    this.coldStarts = coldStarts;
  }

  public long getErrors() {
    return errors;
  }

  public void setErrors(long errors) {
    this.errors = errors;
  }

  public Double getMeanMs() {
    return meanMs;
  }

  public void setMeanMs(Double meanMs) {
    this.meanMs = meanMs;
  }

  public Double getStddevMs() {
    return stddevMs;
  }

  public void setStddevMs(Double stddevMs) {
    this.stddevMs = stddevMs;
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

  public Double getCiLowMs() {
    return ciLowMs;
  }

  public void setCiLowMs(Double ciLowMs) {
    this.ciLowMs = ciLowMs;
  }

  public Double getCiHighMs() {
    return ciHighMs;
  }

  public void setCiHighMs(Double ciHighMs) {
    this.ciHighMs = ciHighMs;
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

  public Moments getProcTime() {
    return procTime;
  }

  public void setProcTime(Moments procTime) {
    this.procTime = procTime;
  }

  public Moments getBilledMs() {
    return billedMs;
  }

  public void setBilledMs(Moments billedMs) {
    this.billedMs = billedMs;
  }
}
