package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed and measured; written by the reconciler alone. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExperimentStatus {

  @JsonPropertyDescription("The spec generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Pending, Provisioning, Running, Analyzing, Completed, Failed or Suspended.")
  @PrinterColumn(name = "Phase")
  private Phase phase;

  @JsonPropertyDescription(
      "Ready, Provisioned, Progressing, BudgetExhausted, Degraded and InvalidSpec.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("When the first invocation started (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription("When the experiment reached a terminal phase (RFC 3339).")
  private String completedAt;

  @JsonPropertyDescription("Planned configurations (Lambda functions) and how many are ready.")
  private ConfigurationCounts configurations;

  @JsonPropertyDescription("Invocations planned and made.")
  private InvocationCounts invocations;

  @JsonPropertyDescription("Share of the planned invocations made, 0-100.")
  @PrinterColumn(name = "Progress")
  private Double progressPercent;

  @JsonPropertyDescription("Lambda spend so far in US dollars (duration and requests).")
  @PrinterColumn(name = "Spend")
  private Double spendUsd;

  @JsonPropertyDescription(
      "What ran the functions: an AWS region, or a local stand-in (which says so, and whether"
          + " its timings are simulated).")
  private String platform;

  @JsonPropertyDescription(
      "The namePrefix the experiment's functions are under. When spec.function.namePrefix"
          + " changes, the functions under this one are deleted (and, with onCompletion Retain, made"
          + " again under the new one) before this field changes too.")
  private String functionNamePrefix;

  @JsonPropertyDescription(
      "What was measured, per architecture and worker count, at each memory size. The raw"
          + " attempts are kept in ConfigMaps labelled lambdascaling.io/uid=<uid>.")
  private List<ResultSeries> results = new ArrayList<>();

  @JsonPropertyDescription("The threads-to-memory table, one entry per architecture.")
  private List<ArchitectureTable> table = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getCompletedAt() {
    return completedAt;
  }

  public void setCompletedAt(String completedAt) {
    this.completedAt = completedAt;
  }

  public ConfigurationCounts getConfigurations() {
    return configurations;
  }

  public void setConfigurations(ConfigurationCounts configurations) {
    this.configurations = configurations;
  }

  public InvocationCounts getInvocations() {
    return invocations;
  }

  public void setInvocations(InvocationCounts invocations) {
    this.invocations = invocations;
  }

  public Double getProgressPercent() {
    return progressPercent;
  }

  public void setProgressPercent(Double progressPercent) {
    this.progressPercent = progressPercent;
  }

  public Double getSpendUsd() {
    return spendUsd;
  }

  public void setSpendUsd(Double spendUsd) {
    this.spendUsd = spendUsd;
  }

  public String getPlatform() {
    return platform;
  }

  public void setPlatform(String platform) {
    this.platform = platform;
  }

  public String getFunctionNamePrefix() {
    return functionNamePrefix;
  }

  public void setFunctionNamePrefix(String functionNamePrefix) {
    this.functionNamePrefix = functionNamePrefix;
  }

  public List<ResultSeries> getResults() {
    return results;
  }

  public void setResults(List<ResultSeries> results) {
    this.results = results == null ? new ArrayList<>() : results;
  }

  public List<ArchitectureTable> getTable() {
    return table;
  }

  public void setTable(List<ArchitectureTable> table) {
    this.table = table == null ? new ArrayList<>() : table;
  }
}
