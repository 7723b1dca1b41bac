package io.lambdascaling.operator.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Report;
import io.lambdascaling.analysis.Sample;
import io.lambdascaling.operator.fleet.LambdaCalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Invokes one function synchronously with the log tail, and reads the function's JSON and the
 * REPORT line into an {@link Outcome}. A throttle is an outcome, not a sample: the runner retries
 * it later. Each Invoke's outcome as an API call is told to {@link LambdaCalls}.
 */
public final class LambdaInvoker implements FunctionCaller {

  /** Stand-ins say what they are in this header; AWS sends none. */
  static final String PLATFORM_HEADER = "X-Lse-Platform";

  static final String OPERATION = "Invoke";

  private final LambdaClient lambda;
  private final LambdaCalls calls;
  private final ObjectMapper json = new ObjectMapper();
  private volatile String platform;

  public LambdaInvoker(LambdaClient lambda) {
    this(lambda, LambdaCalls.NONE);
  }

  public LambdaInvoker(LambdaClient lambda, LambdaCalls calls) {
    this.lambda = lambda;
    this.calls = calls;
  }

  /** The event every invocation of an experiment sends. */
  public static String event(int passwords, int iterations, String algorithm) {
    return "{\"passwords\":"
        + passwords
        + ",\"iterations\":"
        + iterations
        + ",\"algorithm\":\""
        + algorithm
        + "\"}";
  }

  /** What the endpoint said runs the functions, once an invocation has answered. */
  public java.util.Optional<String> platform() {
    return java.util.Optional.ofNullable(platform);
  }

  @Override
  public Outcome invoke(String functionName, String event) {
    InvokeResponse r;
    try {
      r =
          lambda.invoke(
              i ->
                  i.functionName(functionName)
                      .logType(LogType.TAIL)
                      .payload(SdkBytes.fromUtf8String(event)));
    } catch (AwsServiceException | SdkClientException e) {
      calls.called(OPERATION, LambdaCalls.outcome(e));
      return unanswered(e);
    }
    // A function error is still an answered call: the API did its part.
    calls.called(OPERATION, LambdaCalls.SUCCESS);
    r.sdkHttpResponse().firstMatchingHeader(PLATFORM_HEADER).ifPresent(p -> platform = p);
    return answered(r);
  }

  /**
   * An Invoke the API refused or never answered: throttled (retried later), a service error (5xx or
   * no answer), or the function's fault (another 4xx).
   */
  private static Outcome unanswered(RuntimeException e) {
    Outcome.Kind kind;
    if (e instanceof TooManyRequestsException) {
      kind = Outcome.Kind.THROTTLED;
    } else if (e instanceof AwsServiceException a && a.statusCode() < 500) {
      kind = Outcome.Kind.FUNCTION_ERROR;
    } else {
      kind = Outcome.Kind.SERVICE_ERROR;
    }
    return new Outcome(kind, null, null, e.getMessage());
  }

  /** What an answered Invoke says: the function's JSON and the REPORT line of its log tail. */
  private Outcome answered(InvokeResponse r) {
    Report report =
        r.logResult() == null
            ? null
            : Report.find(
                    new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8))
                .orElse(null);
    String payload = r.payload() == null ? "" : r.payload().asUtf8String();
    if (r.functionError() != null) {
      boolean timeout = payload.contains("Sandbox.Timedout") || payload.contains("Task timed out");
      return new Outcome(
          timeout ? Outcome.Kind.TIMEOUT : Outcome.Kind.FUNCTION_ERROR, null, report, payload);
    }
    try {
      JsonNode body = json.readTree(payload);
      if (report == null) {
        return new Outcome(
            Outcome.Kind.FUNCTION_ERROR, null, null, "no REPORT line in the log tail");
      }
      Sample sample = sample(body, r.responseMetadata().requestId(), report);
      if (Double.isNaN(sample.procTimeMs())) {
        return new Outcome(
            Outcome.Kind.FUNCTION_ERROR, null, report, "no procTimeMs in the response: " + payload);
      }
      return new Outcome(Outcome.Kind.SUCCESS, sample, report, null);
    } catch (IOException e) {
      return new Outcome(
          Outcome.Kind.FUNCTION_ERROR, null, report, "the response is not JSON: " + payload);
    }
  }

  private static Sample sample(JsonNode body, String requestId, Report report) {
    return new Sample(
        body.path("requestId").asText(requestId),
        body.path("procTimeMs").asDouble(Double.NaN),
        body.path("cpuTimeMs").isNumber() ? body.get("cpuTimeMs").asDouble() : Double.NaN,
        body.path("availableProcessors").asInt(0),
        body.path("cpuModel").asText("unknown"),
        body.path("coldStart").asBoolean(false) || report.cold(),
        report.durationMs(),
        report.billedDurationMs(),
        report.initDurationMs(),
        report.maxMemoryUsedMb());
  }
}
