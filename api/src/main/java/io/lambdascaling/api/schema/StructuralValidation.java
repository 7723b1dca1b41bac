package io.lambdascaling.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validation of a value against a Kubernetes structural schema (the OpenAPI v3 subset CRDs use):
 * type, required, enum, minimum/maximum (with exclusive bounds), min/maxLength, pattern,
 * min/maxItems, min/maxProperties, nested properties, items and additionalProperties. Messages are
 * worded as kube-apiserver's ({@code spec.x in body should be greater than or equal to 1}).
 */
public final class StructuralValidation {

  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  /** Errors of every field of {@code value}; paths start below the root ({@code spec.workers}). */
  List<FieldError> validate(JsonNode value, JsonNode schema) {
    List<FieldError> errors = new ArrayList<>();
    validate(value, schema, FieldPath.ROOT, errors);
    return errors;
  }

  private void validate(JsonNode value, JsonNode schema, FieldPath path, List<FieldError> errors) {
    if (value == null || value.isNull()) {
      if (!schema.path("nullable").asBoolean(false) && !path.isRoot()) {
        errors.add(
            FieldError.invalid(
                path,
                "type",
                value,
                path + " in body must be of type " + type(schema) + ": \"null\""));
      }
      return;
    }
    if (!typeMatches(value, schema)) {
      String actual = FieldError.typeName(value);
      errors.add(
          new FieldError(
              path.text(),
              FieldError.Kind.INVALID,
              FieldError.quote(actual),
              name(path)
                  + " in body must be of type "
                  + type(schema)
                  + ": "
                  + FieldError.quote(actual),
              new FieldError.Rule(path.pointer(), "type")));
      return;
    }
    checkEnum(value, schema, path, errors);
    if (value.isNumber()) {
      checkNumber(value, schema, path, errors);
    } else if (value.isTextual()) {
      checkString(value.textValue(), value, schema, path, errors);
    } else if (value.isArray()) {
      checkArray(value, schema, path, errors);
    } else if (value.isObject()) {
      checkObject(value, schema, path, errors);
    }
  }

  private static boolean typeMatches(JsonNode value, JsonNode schema) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return value.isTextual() || value.isIntegralNumber();
    }
    return switch (type(schema)) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isNumber() && FieldError.isWhole(value);
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }

  private static String type(JsonNode schema) {
    return schema.path("type").asText("");
  }

  private static void checkEnum(
      JsonNode value, JsonNode schema, FieldPath path, List<FieldError> errors) {
    JsonNode allowed = schema.get("enum");
    if (allowed == null || !allowed.isArray() || allowed.isEmpty()) {
      return;
    }
    for (JsonNode candidate : allowed) {
      if (candidate.equals(value)
          || (candidate.isNumber()
              && value.isNumber()
              && candidate.decimalValue().compareTo(value.decimalValue()) == 0)) {
        return;
      }
    }
    List<String> shown = new ArrayList<>();
    allowed.forEach(candidate -> shown.add(FieldError.render(candidate)));
    errors.add(FieldError.notSupported(path, value, String.join(", ", shown)));
  }

  private static void checkNumber(
      JsonNode value, JsonNode schema, FieldPath path, List<FieldError> errors) {
    double number = value.doubleValue();
    if (schema.has("minimum")) {
      double minimum = schema.get("minimum").doubleValue();
      boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
      if (exclusive ? number <= minimum : number < minimum) {
        errors.add(
            FieldError.invalid(
                path,
                "minimum",
                value,
                name(path)
                    + " in body should be greater than "
                    + (exclusive ? "" : "or equal to ")
                    + plain(minimum)));
      }
    }
    if (schema.has("maximum")) {
      double maximum = schema.get("maximum").doubleValue();
      boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
      if (exclusive ? number >= maximum : number > maximum) {
        errors.add(
            FieldError.invalid(
                path,
                "maximum",
                value,
                name(path)
                    + " in body should be less than "
                    + (exclusive ? "" : "or equal to ")
                    + plain(maximum)));
      }
    }
  }

  private void checkString(
      String text, JsonNode value, JsonNode schema, FieldPath path, List<FieldError> errors) {
    int length = text.codePointCount(0, text.length());
    if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
      errors.add(
          FieldError.invalid(
              path,
              "minLength",
              value,
              name(path)
                  + " in body should be at least "
                  + schema.get("minLength").asInt()
                  + " chars long"));
    }
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      errors.add(FieldError.tooLong(path, schema.get("maxLength").asInt()));
    }
    if (schema.has("pattern")) {
      String regex = schema.get("pattern").asText();
      Pattern pattern = compiled(regex);
      if (pattern != null && !pattern.matcher(text).find()) {
        errors.add(
            FieldError.invalid(
                path, "pattern", value, name(path) + " in body should match '" + regex + "'"));
      }
    }
  }

  private Pattern compiled(String regex) {
    try {
      return patterns.computeIfAbsent(regex, Pattern::compile);
    } catch (PatternSyntaxException e) {
      return null; // kube-apiserver refuses such a CRD; here the pattern is not enforced.
    }
  }

  private void checkArray(
      JsonNode value, JsonNode schema, FieldPath path, List<FieldError> errors) {
    if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
      errors.add(
          FieldError.invalid(
              path,
              "minItems",
              value,
              name(path)
                  + " in body should have at least "
                  + schema.get("minItems").asInt()
                  + " items"));
    }
    if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
      errors.add(
          FieldError.tooMany(path, "maxItems", value.size(), schema.get("maxItems").asInt()));
      return; // as kube-apiserver: items of an over-long list are not looked at
    }
    JsonNode items = schema.get("items");
    if (items != null && items.isObject()) {
      for (int i = 0; i < value.size(); i++) {
        validate(value.get(i), items, path.index(i), errors);
      }
    }
  }

  private void checkObject(
      JsonNode value, JsonNode schema, FieldPath path, List<FieldError> errors) {
    if (schema.has("minProperties") && value.size() < schema.get("minProperties").asInt()) {
      errors.add(
          FieldError.invalid(
              path,
              "minProperties",
              value,
              name(path)
                  + " in body should have at least "
                  + schema.get("minProperties").asInt()
                  + " properties"));
    }
    if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
      errors.add(
          FieldError.tooMany(
              path, "maxProperties", value.size(), schema.get("maxProperties").asInt()));
    }
    for (JsonNode required : schema.path("required")) {
      JsonNode field = value.get(required.asText());
      if (field == null) {
        errors.add(FieldError.required(path.field(required.asText())));
      }
    }
    checkFields(value, schema, path, errors);
  }

  /** Each field against its declared property, or against additionalProperties. */
  private void checkFields(
      JsonNode value, JsonNode schema, FieldPath path, List<FieldError> errors) {
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    value
        .fields()
        .forEachRemaining(
            field -> {
              if (properties.has(field.getKey())) {
                validate(
                    field.getValue(),
                    properties.get(field.getKey()),
                    path.field(field.getKey()),
                    errors);
              } else if (additional != null && additional.isObject()) {
                validate(field.getValue(), additional, path.key(field.getKey()), errors);
              }
            });
  }

  /** How kube-apiserver names a field inside its messages: the root object is {@code body}. */
  private static String name(FieldPath path) {
    return path.isRoot() ? "body" : path.text();
  }

  /** A bound as Go's %v prints a float64 (kube-apiserver's messages do): 1, 0.5, 1e+07. */
  public static String plain(double number) {
    BigDecimal exact = new BigDecimal(Double.toString(number)).stripTrailingZeros();
    int exponent = exact.precision() - exact.scale() - 1;
    if (number == 0 || (exponent >= -4 && exponent < 6)) {
      return exact.toPlainString();
    }
    String mantissa = exact.movePointLeft(exponent).toPlainString();
    return String.format("%se%s%02d", mantissa, exponent < 0 ? "-" : "+", Math.abs(exponent));
  }
}
