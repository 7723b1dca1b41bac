package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * Hard limits: the operator never starts an invocation that could take spend past {@code
 * maxCostUsd}, and stops at {@code maxDuration}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class BudgetSpec {

  public static final String DEFAULT_MAX_DURATION = "24h";

  @JsonPropertyDescription("Most the experiment may spend on Lambda, in US dollars; above 0.")
  @Required
  @Min(value = 0, inclusive = false)
  private Double maxCostUsd;

  @JsonPropertyDescription("Longest the experiment may run, a duration such as 6h; default 24h.")
  @Pattern(Patterns.DURATION)
  @Default(DEFAULT_MAX_DURATION)
  private String maxDuration = DEFAULT_MAX_DURATION;

  public Double getMaxCostUsd() {
    return maxCostUsd;
  }

  public void setMaxCostUsd(Double maxCostUsd) {
    this.maxCostUsd = maxCostUsd;
  }

  public String getMaxDuration() {
    return maxDuration;
  }

  /** A null falls back to the default, as the API server's defaulting does. */
  public void setMaxDuration(String maxDuration) {
    this.maxDuration = maxDuration == null ? DEFAULT_MAX_DURATION : maxDuration;
  }
}
