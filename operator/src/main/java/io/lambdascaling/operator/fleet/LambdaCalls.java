package io.lambdascaling.operator.fleet;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Where the operator tells how its Lambda API calls went: each attempt's outcome, and each retry.
 * The metrics implement it; everything else may ignore it ({@link #NONE}).
 */
public interface LambdaCalls {

  /** Tells nobody. */
  LambdaCalls NONE =
      new LambdaCalls() {
        @Override
        public void called(String operation, String outcome) {}

        @Override
        public void retried(String operation, String reason) {}
      };

  /** The outcome of an answered call. */
  String SUCCESS = "success";

  /**
   * One attempt of an API call ended.
   *
   * @param outcome {@link #SUCCESS} or what {@link #outcome(RuntimeException)} says of its failure
   */
  void called(String operation, String outcome);

  /** An attempt failed and the call is tried again; the reason is the failed attempt's outcome. */
  void retried(String operation, String reason);

  /**
   * A failure's outcome, one of a few words: throttled (429), conflict (409, the function is busy),
   * not_found, client_error (another 4xx), service_error (5xx), network_error (no answer).
   */
  static String outcome(RuntimeException e) {
    if (e instanceof TooManyRequestsException) {
      return "throttled";
    }
    if (e instanceof ResourceConflictException) {
      return "conflict";
    }
    if (e instanceof ResourceNotFoundException) {
      return "not_found";
    }
    if (e instanceof AwsServiceException a) {
      return a.statusCode() >= 500 ? "service_error" : "client_error";
    }
    if (e instanceof SdkClientException) {
      return "network_error";
    }
    return "client_error";
  }
}
