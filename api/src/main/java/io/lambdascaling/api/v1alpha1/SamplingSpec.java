package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** How often each configuration is invoked, how far apart, and how many at once. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class SamplingSpec {

  public static final int DEFAULT_INVOCATIONS = 190;
  public static final int MAX_INVOCATIONS = 10_000;
  public static final String DEFAULT_INTERVAL = "2m";
  public static final int DEFAULT_WARMUP = 1;
  public static final int MAX_WARMUP = 100;
  public static final int DEFAULT_MAX_CONCURRENCY = 50;
  public static final int MAX_CONCURRENCY = 1000;

  @JsonPropertyDescription("Invocations of each configuration, 1-10000; default 190.")
  @Min(1)
  @Max(MAX_INVOCATIONS)
  @Default("190")
  private Integer invocationsPerConfiguration = DEFAULT_INVOCATIONS;

  @JsonPropertyDescription(
      "Least time between two invocations of one configuration, a duration such as 2m, 90s or"
          + " 0s; default 2m.")
  @Pattern(Patterns.DURATION)
  @Default(DEFAULT_INTERVAL)
  private String interval = DEFAULT_INTERVAL;

  @JsonPropertyDescription(
      "First invocations of each function instance counted as cold and kept out of the"
          + " steady-state statistics, 0-100; default 1.")
  @Min(0)
  @Max(MAX_WARMUP)
  @Default("1")
  private Integer warmupInvocations = DEFAULT_WARMUP;

  @JsonPropertyDescription("Most invocations of this experiment in flight at once; default 50.")
  @Min(1)
  @Max(MAX_CONCURRENCY)
  @Default("50")
  private Integer maxConcurrency = DEFAULT_MAX_CONCURRENCY;

  @JsonPropertyDescription(
      "Exhaustive: every configuration gets invocationsPerConfiguration samples, in shuffled"
          + " rounds.")
  @Default("Exhaustive")
  private SamplingStrategy strategy = SamplingStrategy.Exhaustive;

  public Integer getInvocationsPerConfiguration() {
    return invocationsPerConfiguration;
  }

  /** A null falls back to the default, as the API server's defaulting does. */
  public void setInvocationsPerConfiguration(Integer invocationsPerConfiguration) {
    this.invocationsPerConfiguration =
        invocationsPerConfiguration == null ? DEFAULT_INVOCATIONS : invocationsPerConfiguration;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval == null ? DEFAULT_INTERVAL : interval;
  }

  public Integer getWarmupInvocations() {
    return warmupInvocations;
  }

  public void setWarmupInvocations(Integer warmupInvocations) {
    this.warmupInvocations = warmupInvocations == null ? DEFAULT_WARMUP : warmupInvocations;
  }

  public Integer getMaxConcurrency() {
    return maxConcurrency;
  }

  public void setMaxConcurrency(Integer maxConcurrency) {
    this.maxConcurrency = maxConcurrency == null ? DEFAULT_MAX_CONCURRENCY : maxConcurrency;
  }

  public SamplingStrategy getStrategy() {
    return strategy;
  }

  public void setStrategy(SamplingStrategy strategy) {
    this.strategy = strategy == null ? SamplingStrategy.Exhaustive : strategy;
  }
}
