package io.lambdascaling.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Sufficient statistics of a set of values that merge exactly (Chan et al.): count, mean, the sum
 * of squared deviations from the mean, min and max. The runner keeps one per configuration so that
 * a restarted operator resumes from status without the raw samples.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Moments {

  @JsonPropertyDescription("Number of values.")
  private long count;

  @JsonPropertyDescription("Mean of the values.")
  private double mean;

  @JsonPropertyDescription("Sum of squared deviations from the mean.")
  private double m2;

  @JsonPropertyDescription("Smallest value.")
  private Double min;

  @JsonPropertyDescription("Largest value.")
  private Double max;

  public long getCount() {
    return count;
  }

  public void setCount(long count) {
    this.count = count;
  }

  public double getMean() {
    return mean;
  }

  public void setMean(double mean) {
    this.mean = mean;
  }

  public double getM2() {
    return m2;
  }

  public void setM2(double m2) {
    this.m2 = m2;
  }

  public Double getMin() {
    return min;
  }

  public void setMin(Double min) {
    this.min = min;
  }

  public Double getMax() {
    return max;
  }

  public void setMax(Double max) {
    this.max = max;
  }
}
