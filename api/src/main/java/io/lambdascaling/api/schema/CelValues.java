package io.lambdascaling.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as CEL sees them under a structural schema: objects as maps of their present fields,
 * integers as {@code long} and numbers as {@code double} as the schema declares them.
 */
final class CelValues {

  private CelValues() {}

  static Object of(JsonNode value, JsonNode schema) {
    if (value == null || value.isNull()) {
      return dev.cel.common.values.NullValue.NULL_VALUE;
    }
    if (value.isObject()) {
      return ofObject(value, schema);
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>(value.size());
      JsonNode items = schema == null ? null : schema.get("items");
      value.forEach(item -> list.add(of(item, items)));
      return list;
    }
    if (value.isNumber()) {
      boolean integer =
          schema != null
              ? "integer".equals(schema.path("type").asText())
              : value.isIntegralNumber();
      return integer && FieldError.isWhole(value)
          ? (Object) value.longValue()
          : (Object) value.doubleValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return value.asText();
  }

  /** An object as a map of its present fields, each typed by its property's schema. */
  private static Map<String, Object> ofObject(JsonNode value, JsonNode schema) {
    Map<String, Object> map = new LinkedHashMap<>();
    JsonNode properties = schema == null ? null : schema.path("properties");
    JsonNode additional = schema == null ? null : schema.get("additionalProperties");
    value
        .fields()
        .forEachRemaining(
            field -> {
              if (field.getValue().isNull()) {
                return;
              }
              JsonNode fieldSchema =
                  properties != null && properties.has(field.getKey())
                      ? properties.get(field.getKey())
                      : additional;
              map.put(field.getKey(), of(field.getValue(), fieldSchema));
            });
    return map;
  }
}
