package io.lambdascaling.local.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the Lambda API answers with, shaped as AWS sends it: an HTTP status, the error type in
 * {@code x-amzn-ErrorType}, and a JSON body with {@code Type} and {@code message}, so that each one
 * surfaces in an AWS SDK as its own exception class.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String type;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final Map<String, Object> fields = new LinkedHashMap<>();

  ApiError(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "ResourceNotFoundException", message);
  }

  public static ApiError functionNotFound(String arnOrName) {
    return notFound("Function not found: " + arnOrName);
  }

  public static ApiError conflict(String message) {
    return new ApiError(409, "ResourceConflictException", message);
  }

  public static ApiError invalidParameter(String message) {
    return new ApiError(400, "InvalidParameterValueException", message);
  }

  public static ApiError invalidContent(String message) {
    return new ApiError(400, "InvalidRequestContentException", message);
  }

  public static ApiError tooLarge(String message) {
    return new ApiError(413, "RequestTooLargeException", message);
  }

  public static ApiError unknownOperation(String method, String path) {
    return new ApiError(
        404, "UnknownOperationException", "Unknown operation " + method + " " + path);
  }

  public static ApiError service(String message) {
    return new ApiError(500, "ServiceException", message);
  }

  /**
   * A throttle: 429 with the reason (e.g. ConcurrentInvocationLimitExceeded,
   * CallerRateLimitExceeded) and how long to wait in {@code Retry-After}.
   */
  public static ApiError tooManyRequests(String reason, int retryAfterSeconds, String message) {
    ApiError e = new ApiError(429, "TooManyRequestsException", message);
    e.fields.put("Reason", reason);
    e.headers.put("Retry-After", Integer.toString(retryAfterSeconds));
    return e;
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The JSON body AWS sends. */
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Type", status >= 500 ? "Service" : "User");
    body.put("message", getMessage());
    body.putAll(fields);
    return body;
  }
}
