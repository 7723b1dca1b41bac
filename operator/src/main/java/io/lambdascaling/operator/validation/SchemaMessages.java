package io.lambdascaling.operator.validation;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.lambdascaling.api.schema.FieldError;
import io.lambdascaling.api.schema.FieldPath;
import io.lambdascaling.api.schema.StructuralSchema;
import io.lambdascaling.api.schema.StructuralValidation;
import io.lambdascaling.api.v1alpha1.Patterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The front door's words for what the CRD's schema found wrong with a manifest: the field, what the
 * schema allows there and what the manifest holds. The rules are the schema's; only the wording is
 * the reader's (kube-apiserver words the same errors its own way).
 */
final class SchemaMessages {

  /** The schema's patterns, said in words a user recognises. */
  private static final Map<String, String> PATTERNS =
      Map.of(
          Patterns.ROLE_ARN, "an IAM role ARN such as arn:aws:iam::123456789012:role/lse-execution",
          Patterns.NAME_PREFIX, "1-20 letters, digits, '-' or '_'",
          Patterns.REGION, "an AWS region name such as us-east-1",
          Patterns.DURATION, "a duration such as 90s, 2m or 1h30m");

  private final StructuralSchema schema;
  private final JsonNode manifest;

  /** Words for errors of {@code manifest} (pruned and defaulted, as validated). */
  SchemaMessages(StructuralSchema schema, JsonNode manifest) {
    this.schema = schema;
    this.manifest = manifest;
  }

  /** A field the schema does not declare, with those it does. */
  Violation unknownField(FieldPath field) {
    JsonPointer parent = field.pointer().head();
    TreeSet<String> allowed = new TreeSet<>();
    schema.at(parent).path("properties").fieldNames().forEachRemaining(allowed::add);
    if (parent.matches()) {
      allowed.addAll(StructuralSchema.OBJECT_FIELDS);
    }
    return new Violation(field.text(), "unknown field; allowed: " + String.join(", ", allowed));
  }

  Violation of(FieldError error) {
    if (error.rule() == null) {
      return new Violation(error.field(), error.body());
    }
    JsonNode rule = schema.at(error.rule().at());
    JsonNode value = manifest.at(error.rule().at());
    String message =
        switch (error.rule().keyword()) {
          case "type" -> "must be " + expected(rule) + ", got " + describe(value);
          case "enum" -> "must be one of " + enumValues(rule) + ", got " + describe(value);
          case "minimum", "maximum" -> "must be " + range(rule) + ", got " + number(rule, value);
          case "pattern" -> "must be " + pattern(rule) + ", got " + quoted(value);
          case "required" -> required(rule);
          case "minItems", "maxItems", "minProperties", "maxProperties" -> size(rule, value);
          case FieldError.Rule.CEL -> error.detail();
          default -> error.body();
        };
    return new Violation(error.field(), message);
  }

  private static String expected(JsonNode rule) {
    if (rule.has("enum")) {
      return "one of " + enumValues(rule);
    }
    return switch (rule.path("type").asText()) {
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "string" -> "a string";
      case "array" -> "a list";
      default -> "an object";
    };
  }

  private static String enumValues(JsonNode rule) {
    List<String> values = new ArrayList<>();
    rule.path("enum").forEach(v -> values.add(v.asText()));
    return String.join(", ", values);
  }

  /** The allowed range: "an integer from 1 to 64", "a number above 0". */
  private static String range(JsonNode rule) {
    boolean integer = "integer".equals(rule.path("type").asText());
    String kind = integer ? "an integer" : "a number";
    boolean exclusive =
        rule.path("exclusiveMinimum").asBoolean(false)
            || rule.path("exclusiveMaximum").asBoolean(false);
    if (rule.has("minimum") && rule.has("maximum") && !exclusive) {
      return kind + " from " + bound(rule, "minimum") + " to " + bound(rule, "maximum");
    }
    List<String> parts = new ArrayList<>();
    if (rule.has("minimum")) {
      parts.add(
          (rule.path("exclusiveMinimum").asBoolean(false) ? "above " : "at least ")
              + StructuralValidation.plain(rule.get("minimum").doubleValue()));
    }
    if (rule.has("maximum")) {
      parts.add(
          (rule.path("exclusiveMaximum").asBoolean(false) ? "below " : "at most ")
              + StructuralValidation.plain(rule.get("maximum").doubleValue()));
    }
    return kind + " " + String.join(", ", parts);
  }

  private static String bound(JsonNode rule, String keyword) {
    double bound = rule.get(keyword).doubleValue();
    return "integer".equals(rule.path("type").asText())
        ? Long.toString((long) bound)
        : Double.toString(bound);
  }

  private static String number(JsonNode rule, JsonNode value) {
    return "integer".equals(rule.path("type").asText()) || !value.isNumber()
        ? value.asText()
        : Double.toString(value.doubleValue());
  }

  private static String pattern(JsonNode rule) {
    String regex = rule.path("pattern").asText();
    return PATTERNS.getOrDefault(regex, "a string matching " + regex);
  }

  /** "required", and what the field is for or what it needs at least. */
  private static String required(JsonNode rule) {
    List<String> needs = new ArrayList<>();
    rule.path("required").forEach(field -> needs.add(field.asText()));
    if (!needs.isEmpty()) {
      return "required (at least " + String.join(", ", needs) + ")";
    }
    String purpose = rule.path("description").asText("");
    return purpose.isEmpty() ? "required" : "required: " + sentence(purpose);
  }

  /** Bounds on a list's items or a map's entries, with what the field is for. */
  private static String size(JsonNode rule, JsonNode value) {
    boolean list = value.isArray();
    int least = rule.path(list ? "minItems" : "minProperties").asInt(0);
    int most = rule.path(list ? "maxItems" : "maxProperties").asInt(Integer.MAX_VALUE);
    boolean tooFew = value.size() < least;
    int bound = tooFew ? least : most;
    String noun = list ? (bound == 1 ? "item" : "items") : (bound == 1 ? "entry" : "entries");
    String message =
        (list ? "must list " : "must have ")
            + (tooFew ? "at least " : "at most ")
            + bound
            + " "
            + noun
            + ", got "
            + value.size();
    String purpose = rule.path("description").asText("");
    return purpose.isEmpty() ? message : message + " (" + sentence(purpose) + ")";
  }

  private static String sentence(String description) {
    return description.endsWith(".")
        ? description.substring(0, description.length() - 1)
        : description;
  }

  private static String quoted(JsonNode value) {
    return value.isTextual() ? Violations.quote(value.textValue()) : describe(value);
  }

  /** A short description of a JSON value for messages: its type, and small values verbatim. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return "string " + Violations.quote(node.asText());
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "an object";
    }
    String text = node.toString();
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
