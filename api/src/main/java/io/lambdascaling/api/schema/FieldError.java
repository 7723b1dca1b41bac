package io.lambdascaling.api.schema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field error of an admission, worded as kube-apiserver words it ({@code field.Error}): the
 * field path, the kind of error with the offending value, and a detail; with the schema rule it
 * breaks, so that another front door can word it its own way.
 */
public record FieldError(String field, Kind kind, String value, String detail, Rule rule) {

  /**
   * The schema rule an error breaks: the place of the value (or of the missing field) in the
   * object, and the keyword that states the rule ({@code type}, {@code minimum}, {@code pattern},
   * {@code required}, {@code x-kubernetes-validations} ...).
   */
  public record Rule(JsonPointer at, String keyword) {

    /** Keyword of the CEL rules. */
    public static final String CEL = "x-kubernetes-validations";
  }

  /** The field error types of k8s.io/apimachinery, with the reason a Status cause carries. */
  public enum Kind {
    INVALID("Invalid value", "FieldValueInvalid"),
    REQUIRED("Required value", "FieldValueRequired"),
    NOT_SUPPORTED("Unsupported value", "FieldValueNotSupported"),
    TOO_MANY("Too many", "FieldValueTooMany"),
    TOO_LONG("Too long", "FieldValueTooLong");

    private final String label;
    private final String reason;

    Kind(String label, String reason) {
      this.label = label;
      this.reason = reason;
    }

    /** The reason a Status cause carries, e.g. {@code FieldValueInvalid}. */
    public String reason() {
      return reason;
    }
  }

  /** An invalid value that breaks no schema rule (such as a bad metadata.name). */
  public static FieldError invalid(String field, JsonNode value, String detail) {
    return new FieldError(field, Kind.INVALID, render(value), detail, null);
  }

  /** A required field that is missing, outside any schema. */
  public static FieldError required(String field) {
    return new FieldError(field, Kind.REQUIRED, null, "", null);
  }

  static FieldError invalid(FieldPath path, String keyword, JsonNode value, String detail) {
    return new FieldError(
        path.text(), Kind.INVALID, render(value), detail, new Rule(path.pointer(), keyword));
  }

  /** For errors about a whole object or list: kube shows its type name, as CEL errors do. */
  static FieldError invalidType(FieldPath path, String keyword, JsonNode value, String detail) {
    return new FieldError(
        path.text(),
        Kind.INVALID,
        quote(typeName(value)),
        detail,
        new Rule(path.pointer(), keyword));
  }

  static FieldError required(FieldPath path) {
    return new FieldError(
        path.text(), Kind.REQUIRED, null, "", new Rule(path.pointer(), "required"));
  }

  static FieldError notSupported(FieldPath path, JsonNode value, String supported) {
    return new FieldError(
        path.text(),
        Kind.NOT_SUPPORTED,
        render(value),
        "supported values: " + supported,
        new Rule(path.pointer(), "enum"));
  }

  static FieldError tooMany(FieldPath path, String keyword, int actual, int max) {
    return new FieldError(
        path.text(),
        Kind.TOO_MANY,
        Integer.toString(actual),
        "must have at most " + max + " items",
        new Rule(path.pointer(), keyword));
  }

  static FieldError tooLong(FieldPath path, int max) {
    return new FieldError(
        path.text(),
        Kind.TOO_LONG,
        null,
        "may not be more than " + max + " bytes",
        new Rule(path.pointer(), "maxLength"));
  }

  /** What a Status cause's message holds: the error without its field. */
  public String body() {
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
