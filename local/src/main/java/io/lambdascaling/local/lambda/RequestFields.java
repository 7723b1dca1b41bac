package io.lambdascaling.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of CreateFunction and UpdateFunctionConfiguration requests, each read and checked as
 * Lambda checks it: a value that Lambda would refuse is an InvalidParameterValueException naming
 * the field.
 */
final class RequestFields {

  static final Set<String> RUNTIMES = Set.of("java8.al2", "java11", "java17", "java21", "java25");
  private static final Set<String> ARCHITECTURES = Set.of("x86_64", "arm64");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern ROLE =
      Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}");
  private static final Pattern HANDLER = Pattern.compile("[^\\s]{1,128}");
  private static final int MAX_ENVIRONMENT_BYTES = 4 * 1024;

  private RequestFields() {}

  static String functionName(JsonNode request) {
    String name = text(request, "FunctionName", true);
    if (!NAME.matcher(name).matches()) {
      throw ApiError.invalidParameter(
          "FunctionName must be 1-64 letters, digits, '-' or '_', got: " + clip(name));
    }
    return name;
  }

  static String runtime(JsonNode request) {
    String runtime = text(request, "Runtime", true);
    if (!RUNTIMES.contains(runtime)) {
      throw ApiError.invalidParameter(
          "The runtime parameter of "
              + clip(runtime)
              + " is not supported by the local Lambda; supported: "
              + String.join(", ", RUNTIMES.stream().sorted().toList()));
    }
    return runtime;
  }

  static String role(JsonNode request) {
    String role = text(request, "Role", true);
    if (!ROLE.matcher(role).matches()) {
      throw ApiError.invalidParameter(
          "Role must be an IAM role ARN (arn:aws:iam::123456789012:role/name), got: " + clip(role));
    }
    return role;
  }

  static String handler(JsonNode request) {
    String handler = text(request, "Handler", true);
    if (!HANDLER.matcher(handler).matches()) {
      throw ApiError.invalidParameter("Handler must be 1-128 characters without spaces");
    }
    return handler;
  }

  static String description(JsonNode request) {
    String d = text(request, "Description", false);
    if (d != null && d.length() > 256) {
      throw ApiError.invalidParameter("Description must be at most 256 characters");
    }
    return d == null ? "" : d;
  }

  static String architecture(JsonNode request) {
    JsonNode a = request.get("Architectures");
    if (a == null || a.isNull()) {
      return "x86_64";
    }
    if (!a.isArray() || a.size() != 1 || !ARCHITECTURES.contains(a.get(0).asText())) {
      throw ApiError.invalidParameter("Architectures must be [\"x86_64\"] or [\"arm64\"]");
    }
    return a.get(0).asText();
  }

  static Map<String, String> environment(JsonNode request) {
    JsonNode env = request.get("Environment");
    if (env == null || env.isNull()) {
      return new LinkedHashMap<>();
    }
    Map<String, String> vars = stringMap(env.get("Variables"), "Environment.Variables");
    int size =
        vars.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
    if (size > MAX_ENVIRONMENT_BYTES) {
      throw ApiError.invalidParameter("Environment variables exceed the 4 KB limit");
    }
    return vars;
  }

  static Map<String, String> stringMap(JsonNode node, String field) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return map;
    }
    if (!node.isObject()) {
      throw ApiError.invalidParameter(field + " must be an object of strings");
    }
    node.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                throw ApiError.invalidParameter(field + "." + e.getKey() + " must be a string");
              }
              map.put(e.getKey(), e.getValue().asText());
            });
    return map;
  }

  static String text(JsonNode request, String field, boolean required) {
    JsonNode v = request.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw ApiError.invalidParameter(field + " is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw ApiError.invalidParameter(field + " must be a string");
    }
    return v.asText();
  }

  static int intIn(JsonNode request, String field, int absent, int min, int max) {
    JsonNode v = request.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
      throw ApiError.invalidParameter(
          field
              + " must be an integer from "
              + min
              + " to "
              + max
              + ", got: "
              + clip(v.toString()));
    }
    return v.asInt();
  }

  static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
