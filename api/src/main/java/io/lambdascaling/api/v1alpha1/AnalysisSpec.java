package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How the knee of each worker count's time-versus-memory curve is found. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class AnalysisSpec {

  public static final double DEFAULT_TOLERANCE_PERCENT = 2.0;
  public static final double MAX_TOLERANCE_PERCENT = 50.0;
  public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;
  public static final double MIN_CONFIDENCE_LEVEL = 0.5;
  public static final double MAX_CONFIDENCE_LEVEL = 0.999;

  @JsonPropertyDescription(
      "The knee is the smallest memory whose time stays within this many percent of the"
          + " plateau (the time of the largest sizes, pooled while they cannot be told apart),"
          + " 0-50; default 2.")
  @Min(0)
  @Max(MAX_TOLERANCE_PERCENT)
  @Default("2")
  private Double tolerancePercent = DEFAULT_TOLERANCE_PERCENT;

  @JsonPropertyDescription(
      "Confidence level for intervals and for calling a knee confident, 0.5-0.999; default"
          + " 0.95.")
  @Min(MIN_CONFIDENCE_LEVEL)
  @Max(MAX_CONFIDENCE_LEVEL)
  @Default("0.95")
  private Double confidenceLevel = DEFAULT_CONFIDENCE_LEVEL;

  public Double getTolerancePercent() {
    return tolerancePercent;
  }

  /** A null falls back to the default, as the API server's defaulting does. */
  public void setTolerancePercent(Double tolerancePercent) {
    this.tolerancePercent = tolerancePercent == null ? DEFAULT_TOLERANCE_PERCENT : tolerancePercent;
  }

  public Double getConfidenceLevel() {
    return confidenceLevel;
  }

  public void setConfidenceLevel(Double confidenceLevel) {
    this.confidenceLevel = confidenceLevel == null ? DEFAULT_CONFIDENCE_LEVEL : confidenceLevel;
  }
}
