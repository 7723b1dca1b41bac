package io.lambdascaling.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda REST API (2015-03-31) over HTTP, as the AWS SDKs and CLI speak it: routes requests to
 * {@link Functions} and {@link Invoker} and shapes every answer, errors included, as AWS does.
 */
final class LambdaHttpApi implements HttpHandler {

  private static final Pattern FUNCTIONS = Pattern.compile("^/2015-03-31/functions/?$");
  private static final Pattern FUNCTION = Pattern.compile("^/2015-03-31/functions/([^/]+)$");
  private static final Pattern CONFIGURATION =
      Pattern.compile("^/2015-03-31/functions/([^/]+)/configuration$");
  private static final Pattern CODE = Pattern.compile("^/2015-03-31/functions/([^/]+)/code$");
  private static final Pattern INVOCATIONS =
      Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");
  private static final Pattern TAGS = Pattern.compile("^/2017-03-31/tags/(.+)$");

  /** A 50 MB zip, base64 in JSON, with room to spare. */
  private static final int MAX_CONTROL_BODY = 72 * 1024 * 1024;

  private static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
  private static final int MAX_ASYNC_PAYLOAD = 256 * 1024;

  private final ObjectMapper json;
  private final Functions functions;
  private final Invoker invoker;
  private final Faults faults;
  private final ExecutorService asyncInvocations;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  LambdaHttpApi(
      ObjectMapper json,
      Functions functions,
      Invoker invoker,
      Faults faults,
      ExecutorService asyncInvocations) {
    this.json = json;
    this.functions = functions;
    this.invoker = invoker;
    this.faults = faults;
    this.asyncInvocations = asyncInvocations;
  }

  /** While true every API request is answered 500, as during a regional outage. */
  volatile boolean outage;

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    try {
      if (outage && !exchange.getRequestURI().getRawPath().startsWith("/_lse/")) {
        count("Outage");
        throw ApiError.service("Service unavailable (an outage injected by the local Lambda)");
      }
      route(exchange, requestId);
    } catch (ApiError e) {
      drain(exchange);
      e.headers().forEach(exchange.getResponseHeaders()::set);
      exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type());
      send(exchange, e.status(), json.writeValueAsBytes(e.body()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sendError(exchange, ApiError.service("The local Lambda is shutting down"));
    } catch (RuntimeException e) {
      sendError(exchange, ApiError.service("Internal error in the local Lambda: " + e));
    } finally {
      exchange.close();
    }
  }

  private void sendError(HttpExchange exchange, ApiError e) throws IOException {
    exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type());
    send(exchange, e.status(), json.writeValueAsBytes(e.body()));
  }

  private void route(HttpExchange exchange, String requestId)
      throws IOException, InterruptedException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    Map<String, List<String>> query = Query.parse(exchange.getRequestURI().getRawQuery());
    Matcher m;
    if ((m = INVOCATIONS.matcher(path)).matches() && method.equals("POST")) {
      count("Invoke");
      invoke(exchange, decode(m.group(1)), requestId);
    } else if (FUNCTIONS.matcher(path).matches() && method.equals("POST")) {
      count("CreateFunction");
      faults.beforeControlCall(false);
      sendJson(exchange, 201, functions.create(body(exchange)));
    } else if (FUNCTIONS.matcher(path).matches() && method.equals("GET")) {
      count("ListFunctions");
      faults.beforeControlCall(false);
      sendJson(
          exchange,
          200,
          functions.list(Query.first(query, "Marker"), Query.first(query, "MaxItems")));
    } else if ((m = FUNCTION.matcher(path)).matches() && method.equals("GET")) {
      count("GetFunction");
      faults.beforeControlCall(true);
      sendJson(exchange, 200, getFunction(decode(m.group(1))));
    } else if ((m = FUNCTION.matcher(path)).matches() && method.equals("DELETE")) {
      count("DeleteFunction");
      faults.beforeControlCall(false);
      functions.delete(decode(m.group(1)));
      send(exchange, 204, null);
    } else if ((m = CONFIGURATION.matcher(path)).matches() && method.equals("GET")) {
      count("GetFunctionConfiguration");
      faults.beforeControlCall(true);
      FunctionRecord f = functions.get(decode(m.group(1)));
      synchronized (f) {
        sendJson(exchange, 200, f.configuration(json));
      }
    } else if ((m = CONFIGURATION.matcher(path)).matches() && method.equals("PUT")) {
      count("UpdateFunctionConfiguration");
      faults.beforeControlCall(false);
      sendJson(exchange, 200, functions.updateConfiguration(decode(m.group(1)), body(exchange)));
    } else if ((m = CODE.matcher(path)).matches() && method.equals("PUT")) {
      count("UpdateFunctionCode");
      faults.beforeControlCall(false);
      sendJson(exchange, 200, functions.updateCode(decode(m.group(1)), body(exchange)));
    } else if ((m = TAGS.matcher(path)).matches()) {
      count(
          switch (method) {
            case "GET" -> "ListTags";
            case "POST" -> "TagResource";
            default -> "UntagResource";
          });
      faults.beforeControlCall(false);
      tags(exchange, method, decode(m.group(1)), query);
    } else if (path.equals("/_lse/health") && method.equals("GET")) {
      ObjectNode health = json.createObjectNode();
      health.put("status", "ok");
      health.put("platform", invoker.platformDescription());
      ObjectNode requests = health.putObject("requests");
      requestCounts().forEach(requests::put);
      sendJson(exchange, 200, health);
    } else {
      throw ApiError.unknownOperation(method, path);
    }
  }

  private void count(String operation) {
    counts.computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  /** Per function name, how many times a function of that name was created. */
  Map<String, Long> creations() {
    return functions.creations();
  }

  /** Requests received per API operation (those that failed included), by name. */
  Map<String, Long> requestCounts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private ObjectNode getFunction(String name) {
    FunctionRecord f = functions.get(name);
    ObjectNode out = json.createObjectNode();
    synchronized (f) {
      out.set("Configuration", f.configuration(json));
      ObjectNode code = out.putObject("Code");
      code.put("RepositoryType", "S3");
      code.put("Location", "local://functions/" + f.name + "/code.zip");
      ObjectNode tags = out.putObject("Tags");
      f.tags.forEach(tags::put);
    }
    return out;
  }

  private void tags(
      HttpExchange exchange, String method, String arn, Map<String, List<String>> query)
      throws IOException {
    switch (method) {
      case "GET" -> {
        ObjectNode out = json.createObjectNode();
        ObjectNode tags = out.putObject("Tags");
        functions.tags(arn).forEach(tags::put);
        sendJson(exchange, 200, out);
      }
      case "POST" -> {
        functions.tag(arn, body(exchange));
        send(exchange, 204, null);
      }
      case "DELETE" -> {
        functions.untag(arn, query.getOrDefault("tagKeys", List.of()));
        send(exchange, 204, null);
      }
      default -> throw ApiError.unknownOperation(method, exchange.getRequestURI().getRawPath());
    }
  }

  private void invoke(HttpExchange exchange, String name, String requestId)
      throws IOException, InterruptedException {
    FunctionRecord record = functions.get(name);
    String type = header(exchange, "X-Amz-Invocation-Type", "RequestResponse");
    String logType = header(exchange, "X-Amz-Log-Type", "None");
    if (!List.of("RequestResponse", "Event", "DryRun").contains(type)) {
      throw ApiError.invalidParameter(
          "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, got: " + type);
    }
    if (!List.of("None", "Tail").contains(logType)) {
      throw ApiError.invalidParameter("X-Amz-Log-Type must be None or Tail, got: " + logType);
    }
    byte[] payload = read(exchange, type.equals("Event") ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD);
    if (payload.length > 0) {
      try {
        json.readTree(payload);
      } catch (JsonProcessingException e) {
        throw ApiError.invalidContent(
            "Could not parse request body into json: " + e.getOriginalMessage());
      }
    }
    FunctionSnapshot function;
    synchronized (record) {
      record.checkNotBusy();
      function = record.snapshot();
    }
    exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
    exchange.getResponseHeaders().set("X-Lse-Platform", invoker.platformDescription());
    if (type.equals("DryRun")) {
      send(exchange, 204, null);
      return;
    }
    if (type.equals("Event")) {
      asyncInvocations.submit(() -> invoker.invokeQuietly(function, requestId, payload));
      send(exchange, 202, null);
      return;
    }
    Invoker.Result result = invoker.invoke(function, requestId, payload);
    if (result.invocation().failed()) {
      exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
    }
    if (logType.equals("Tail")) {
      exchange.getResponseHeaders().set("X-Amz-Log-Result", LogTail.tail(result.log()));
    }
    exchange
        .getResponseHeaders()
        .set("X-Lse-Queued-Ms", String.format(Locale.ROOT, "%.3f", result.invocation().queuedMs()));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    send(exchange, 200, result.invocation().payload());
  }

  private JsonNode body(HttpExchange exchange) throws IOException {
    byte[] bytes = read(exchange, MAX_CONTROL_BODY);
    try {
      JsonNode node = json.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw ApiError.invalidContent("The request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiError.invalidContent(
          "Could not parse request body into json: " + e.getOriginalMessage());
    }
  }

  private static byte[] read(HttpExchange exchange, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = exchange.getRequestBody()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (out.size() + n > limit) {
          throw ApiError.tooLarge("Request must be smaller than " + limit + " bytes");
        }
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }

  private static void drain(HttpExchange exchange) {
    try (InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException ignored) {
      // the client went away; nothing to answer
    }
  }

  private static String header(HttpExchange exchange, String name, String absent) {
    String v = exchange.getRequestHeaders().getFirst(name);
    return v == null || v.isEmpty() ? absent : v;
  }

  private void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    send(exchange, status, json.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (body == null || body.length == 0) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParameter(
          "Malformed percent-encoding in the request: " + e.getMessage());
    }
  }

  /** Query strings, with repeated keys (tagKeys=a&tagKeys=b). */
  static final class Query {
    static Map<String, List<String>> parse(String raw) {
      Map<String, List<String>> out = new java.util.LinkedHashMap<>();
      if (raw == null || raw.isEmpty()) {
        return out;
      }
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
      return out;
    }

    static String first(Map<String, List<String>> query, String key) {
      List<String> values = query.get(key);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }
}
