package io.lambdascaling.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
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
 * {@link Functions} and {@link InvokeOperation}, counts them, applies the control-plane quotas, and
 * shapes every answer, errors included, as AWS does.
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

  private final ObjectMapper json;
  private final Functions functions;
  private final Invoker invoker;
  private final InvokeOperation invoke;
  private final Faults faults;
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
    this.invoke = new InvokeOperation(json, functions, invoker, asyncInvocations);
    this.faults = faults;
  }

  /** While true every API request is answered 500, as during a regional outage. */
  volatile boolean outage;

  @Override
  public void handle(HttpExchange http) throws IOException {
    String requestId = UUID.randomUUID().toString();
    http.getResponseHeaders().set("x-amzn-RequestId", requestId);
    ApiExchange exchange = new ApiExchange(http, json);
    try {
      if (outage && !exchange.path().startsWith("/_lse/")) {
        count("Outage");
        throw ApiError.service("Service unavailable (an outage injected by the local Lambda)");
      }
      route(exchange, requestId);
    } catch (ApiError e) {
      exchange.drain();
      exchange.sendError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendError(ApiError.service("The local Lambda is shutting down"));
    } catch (RuntimeException e) {
      exchange.sendError(ApiError.service("Internal error in the local Lambda: " + e));
    } finally {
      http.close();
    }
  }

  private void route(ApiExchange exchange, String requestId)
      throws IOException, InterruptedException {
    String method = exchange.method();
    String path = exchange.path();
    Map<String, List<String>> query = exchange.query();
    Matcher m;
    if ((m = INVOCATIONS.matcher(path)).matches() && method.equals("POST")) {
      count("Invoke");
      invoke.invoke(exchange, ApiExchange.decode(m.group(1)), requestId);
    } else if ((m = TAGS.matcher(path)).matches()) {
      count(
          switch (method) {
            case "GET" -> "ListTags";
            case "POST" -> "TagResource";
            default -> "UntagResource";
          });
      faults.beforeControlCall(false);
      tags(exchange, method, ApiExchange.decode(m.group(1)), query);
    } else if (path.equals("/_lse/health") && method.equals("GET")) {
      exchange.sendJson(200, health());
    } else if (!functionCall(exchange, method, path, query)) {
      throw ApiError.unknownOperation(method, path);
    }
  }

  /** The control calls on functions; false when the request is none of them. */
  private boolean functionCall(
      ApiExchange exchange, String method, String path, Map<String, List<String>> query)
      throws IOException {
    Matcher m;
    if (FUNCTIONS.matcher(path).matches() && method.equals("POST")) {
      control("CreateFunction", false);
      exchange.sendJson(201, functions.create(exchange.body()));
    } else if (FUNCTIONS.matcher(path).matches() && method.equals("GET")) {
      control("ListFunctions", false);
      exchange.sendJson(
          200,
          functions.list(ApiExchange.first(query, "Marker"), ApiExchange.first(query, "MaxItems")));
    } else if ((m = FUNCTION.matcher(path)).matches() && method.equals("GET")) {
      control("GetFunction", true);
      exchange.sendJson(200, getFunction(ApiExchange.decode(m.group(1))));
    } else if ((m = FUNCTION.matcher(path)).matches() && method.equals("DELETE")) {
      control("DeleteFunction", false);
      functions.delete(ApiExchange.decode(m.group(1)));
      exchange.send(204, null);
    } else if ((m = CONFIGURATION.matcher(path)).matches() && method.equals("GET")) {
      control("GetFunctionConfiguration", true);
      exchange.sendJson(200, configuration(ApiExchange.decode(m.group(1))));
    } else if ((m = CONFIGURATION.matcher(path)).matches() && method.equals("PUT")) {
      control("UpdateFunctionConfiguration", false);
      exchange.sendJson(
          200, functions.updateConfiguration(ApiExchange.decode(m.group(1)), exchange.body()));
    } else if ((m = CODE.matcher(path)).matches() && method.equals("PUT")) {
      control("UpdateFunctionCode", false);
      exchange.sendJson(200, functions.updateCode(ApiExchange.decode(m.group(1)), exchange.body()));
    } else {
      return false;
    }
    return true;
  }

  /** Counts a control call and holds it to its quota (GetFunction's own, or the shared one). */
  private void control(String operation, boolean isGetFunction) {
    count(operation);
    faults.beforeControlCall(isGetFunction);
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

  private ObjectNode health() {
    ObjectNode health = json.createObjectNode();
    health.put("status", "ok");
    health.put("platform", invoker.platformDescription());
    ObjectNode requests = health.putObject("requests");
    requestCounts().forEach(requests::put);
    return health;
  }

  private ObjectNode configuration(String name) {
    FunctionRecord f = functions.get(name);
    synchronized (f) {
      return f.configuration(json);
    }
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
      ApiExchange exchange, String method, String arn, Map<String, List<String>> query)
      throws IOException {
    switch (method) {
      case "GET" -> {
        ObjectNode out = json.createObjectNode();
        ObjectNode tags = out.putObject("Tags");
        functions.tags(arn).forEach(tags::put);
        exchange.sendJson(200, out);
      }
      case "POST" -> {
        functions.tag(arn, exchange.body());
        exchange.send(204, null);
      }
      case "DELETE" -> {
        functions.untag(arn, query.getOrDefault("tagKeys", List.of()));
        exchange.send(204, null);
      }
      default -> throw ApiError.unknownOperation(method, exchange.path());
    }
  }
}
