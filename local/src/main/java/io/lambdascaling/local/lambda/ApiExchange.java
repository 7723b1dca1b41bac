package io.lambdascaling.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request to the Lambda API and its answer, read and written as AWS does: bodies within the
 * API's size limits, JSON that must parse, path segments and query strings percent-decoded, errors
 * with {@code x-amzn-ErrorType}.
 */
final class ApiExchange {

  /** A 50 MB zip, base64 in JSON, with room to spare. */
  private static final int MAX_CONTROL_BODY = 72 * 1024 * 1024;

  private final HttpExchange exchange;
  private final ObjectMapper json;

  ApiExchange(HttpExchange exchange, ObjectMapper json) {
    this.exchange = exchange;
    this.json = json;
  }

  String method() {
    return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
  }

  String path() {
    return exchange.getRequestURI().getRawPath();
  }

  /** The query string, with repeated keys (tagKeys=a&tagKeys=b). */
  Map<String, List<String>> query() {
    String raw = exchange.getRequestURI().getRawQuery();
    Map<String, List<String>> out = new LinkedHashMap<>();
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

  /** A control call's body: one JSON object. */
  JsonNode body() throws IOException {
    byte[] bytes = read(MAX_CONTROL_BODY);
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

  byte[] read(int limit) throws IOException {
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

  /** Reads what is left of the body, so that an error answer reaches the client. */
  void drain() {
    try (InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException ignored) {
      // the client went away; nothing to answer
    }
  }

  String header(String name, String absent) {
    String v = exchange.getRequestHeaders().getFirst(name);
    return v == null || v.isEmpty() ? absent : v;
  }

  void setHeader(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
  }

  void sendError(ApiError e) throws IOException {
    e.headers().forEach(exchange.getResponseHeaders()::set);
    setHeader("x-amzn-ErrorType", e.type());
    send(e.status(), json.writeValueAsBytes(e.body()));
  }

  void sendJson(int status, JsonNode body) throws IOException {
    setHeader("Content-Type", "application/json");
    send(status, json.writeValueAsBytes(body));
  }

  void send(int status, byte[] body) throws IOException {
    if (body == null || body.length == 0) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParameter(
          "Malformed percent-encoding in the request: " + e.getMessage());
    }
  }
}
