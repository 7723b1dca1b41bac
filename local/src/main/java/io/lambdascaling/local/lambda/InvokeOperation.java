package io.lambdascaling.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * The Invoke operation: checks the invocation type, log type and payload as Lambda does, then runs
 * the invocation synchronously (RequestResponse), in the background (Event) or not at all (DryRun),
 * and answers with the function's payload and Lambda's headers.
 */
final class InvokeOperation {

  private static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
  private static final int MAX_ASYNC_PAYLOAD = 256 * 1024;

  private final ObjectMapper json;
  private final Functions functions;
  private final Invoker invoker;
  private final ExecutorService asyncInvocations;

  InvokeOperation(
      ObjectMapper json, Functions functions, Invoker invoker, ExecutorService asyncInvocations) {
    this.json = json;
    this.functions = functions;
    this.invoker = invoker;
    this.asyncInvocations = asyncInvocations;
  }

  void invoke(ApiExchange exchange, String name, String requestId)
      throws IOException, InterruptedException {
    FunctionRecord record = functions.get(name);
    String type = exchange.header("X-Amz-Invocation-Type", "RequestResponse");
    String logType = exchange.header("X-Amz-Log-Type", "None");
    if (!List.of("RequestResponse", "Event", "DryRun").contains(type)) {
      throw ApiError.invalidParameter(
          "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, got: " + type);
    }
    if (!List.of("None", "Tail").contains(logType)) {
      throw ApiError.invalidParameter("X-Amz-Log-Type must be None or Tail, got: " + logType);
    }
    byte[] payload = payload(exchange, type);
    FunctionSnapshot function;
    synchronized (record) {
      record.checkNotBusy();
      function = record.snapshot();
    }
    exchange.setHeader("X-Amz-Executed-Version", "$LATEST");
    exchange.setHeader("X-Lse-Platform", invoker.platformDescription());
    switch (type) {
      case "DryRun" -> exchange.send(204, null);
      case "Event" -> {
        asyncInvocations.submit(() -> invoker.invokeQuietly(function, requestId, payload));
        exchange.send(202, null);
      }
      default -> answer(exchange, invoker.invoke(function, requestId, payload), logType);
    }
  }

  /** The event: within the type's size limit, and JSON when not empty. */
  private byte[] payload(ApiExchange exchange, String type) throws IOException {
    byte[] payload = exchange.read(type.equals("Event") ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD);
    if (payload.length > 0) {
      try {
        json.readTree(payload);
      } catch (JsonProcessingException e) {
        throw ApiError.invalidContent(
            "Could not parse request body into json: " + e.getOriginalMessage());
      }
    }
    return payload;
  }

  private static void answer(ApiExchange exchange, Invoker.Result result, String logType)
      throws IOException {
    if (result.invocation().failed()) {
      exchange.setHeader("X-Amz-Function-Error", "Unhandled");
    }
    if (logType.equals("Tail")) {
      exchange.setHeader("X-Amz-Log-Result", LogTail.tail(result.log()));
    }
    exchange.setHeader(
        "X-Lse-Queued-Ms", String.format(Locale.ROOT, "%.3f", result.invocation().queuedMs()));
    exchange.setHeader("Content-Type", "application/json");
    exchange.send(200, result.invocation().payload());
  }
}
