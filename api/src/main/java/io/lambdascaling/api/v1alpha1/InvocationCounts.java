package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Invocations planned and made, by outcome. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class InvocationCounts {

  @JsonPropertyDescription("Invocations the plan calls for (configurations × invocations each).")
  private long target;

  @JsonPropertyDescription("Invocations that returned a result (cold ones included).")
  private long succeeded;

  @JsonPropertyDescription("Invocations that failed: function errors and timeouts.")
  private long failed;

  @JsonPropertyDescription("Invocations Lambda throttled (retried; never counted as samples).")
  private long throttled;

  @JsonPropertyDescription(
      "Invocations Lambda (5xx) or the network failed before an answer came (retried; never"
          + " counted as samples or failures).")
  private long serviceErrors;

  public InvocationCounts() {}

  public InvocationCounts(
      long target, long succeeded, long failed, long throttled, long serviceErrors) {
    this.target = target;
    this.succeeded = succeeded;
    this.failed = failed;
    this.throttled = throttled;
    this.serviceErrors = serviceErrors;
  }

  public long getServiceErrors() {
    return serviceErrors;
  }

  public void setServiceErrors(long serviceErrors) {
    this.serviceErrors = serviceErrors;
  }

  public long getTarget() {
    return target;
  }

  public void setTarget(long target) {
    this.target = target;
  }

  public long getSucceeded() {
    return succeeded;
  }

  public void setSucceeded(long succeeded) {
    this.succeeded = succeeded;
  }

  public long getFailed() {
    return failed;
  }

  public void setFailed(long failed) {
    this.failed = failed;
  }

  public long getThrottled() {
    return throttled;
  }

  public void setThrottled(long throttled) {
    this.throttled = throttled;
  }
}
