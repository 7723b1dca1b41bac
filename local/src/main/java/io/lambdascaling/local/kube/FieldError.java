package io.lambdascaling.local.kube;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field error of an admission, worded as kube-apiserver words it ({@code field.Error}): the
 * field path, the kind of error with the offending value, and a detail.
 */
record FieldError(String field, Kind kind, String value, String detail) {

  /** The field error types of k8s.io/apimachinery, with the reason a Status cause carries. */
  enum Kind {
    INVALID("Invalid value", "FieldValueInvalid"),
    REQUIRED("Required value", "FieldValueRequired"),
    NOT_SUPPORTED("Unsupported value", "FieldValueNotSupported"),
    TOO_MANY("Too many", "FieldValueTooMany"),
    TOO_LONG("Too long", "FieldValueTooLong");

    final String label;
    final String reason;

    Kind(String label, String reason) {
      this.label = label;
      this.reason = reason;
    }
  }

  static FieldError invalid(String field, JsonNode value, String detail) {
    return new FieldError(field, Kind.INVALID, render(value), detail);
  }

  /** For errors about a whole object or list: kube shows its type name, as CEL errors do. */
  static FieldError invalidType(String field, JsonNode value, String detail) {
    return new FieldError(field, Kind.INVALID, quote(typeName(value)), detail);
  }

  static FieldError required(String field) {
    return new FieldError(field, Kind.REQUIRED, null, "");
  }

  static FieldError notSupported(String field, JsonNode value, String supported) {
    return new FieldError(
        field, Kind.NOT_SUPPORTED, render(value), "supported values: " + supported);
  }

  static FieldError tooMany(String field, int actual, int max) {
    return new FieldError(
        field, Kind.TOO_MANY, Integer.toString(actual), "must have at most " + max + " items");
  }

  static FieldError tooLong(String field, int max) {
    return new FieldError(field, Kind.TOO_LONG, null, "may not be more than " + max + " bytes");
  }

  /** What a Status cause's message holds: the error without its field. */
  String body() {
    StringBuilder text = new StringBuilder(kind.label);
    if (value != null) {
      text.append(": ").append(value);
    }
    if (!detail.isEmpty()) {
      text.append(": ").append(detail);
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return field + ": " + body();
  }

  static String render(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return quote(value.textValue());
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    return quote(typeName(value));
  }

  static String typeName(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return isWhole(value) ? "integer" : "number";
  }

  static boolean isWhole(JsonNode value) {
    return value.isIntegralNumber()
        || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
  }

  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        default -> quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }
}
