package io.lambdascaling.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pruning and defaulting of a custom resource against its structural schema, in the order
 * kube-apiserver applies them: unknown fields are dropped first, then absent fields that declare a
 * {@code default} get a copy of it (and the defaults inside it).
 */
final class StructuralDefaults {

  /** Top-level fields every object has, which CRD schemas usually leave undeclared. */
  private static final Set<String> OBJECT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private StructuralDefaults() {}

  /** Removes the fields the schema does not declare; returns their paths, e.g. {@code spec.foo}. */
  static List<FieldPath> prune(ObjectNode object, JsonNode schema) {
    List<FieldPath> pruned = new ArrayList<>();
    pruneObject(object, schema, FieldPath.ROOT, true, pruned);
    return pruned;
  }

  private static void prune(
      JsonNode value, JsonNode schema, FieldPath path, List<FieldPath> pruned) {
    if (schema == null || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return;
    }
    if (value instanceof ObjectNode object) {
      pruneObject(object, schema, path, false, pruned);
    } else if (value instanceof ArrayNode array && schema.has("items")) {
      for (int i = 0; i < array.size(); i++) {
        prune(array.get(i), schema.get("items"), path.index(i), pruned);
      }
    }
  }

  private static void pruneObject(
      ObjectNode object, JsonNode schema, FieldPath path, boolean root, List<FieldPath> pruned) {
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      FieldPath fieldPath = path.field(name);
      if (root && OBJECT_FIELDS.contains(name)) {
        continue;
      }
      if (properties.has(name)
          && field.getValue().isNull()
          && !properties.get(name).path("nullable").asBoolean(false)) {
        fields.remove(); // as kube-apiserver: a null where null is not allowed means absent
      } else if (properties.has(name)) {
        prune(field.getValue(), properties.get(name), fieldPath, pruned);
      } else if (additional != null && additional.isObject()) {
        prune(field.getValue(), additional, path.key(name), pruned);
      } else if (additional == null || !additional.asBoolean(false)) {
        fields.remove();
        pruned.add(fieldPath);
      }
    }
  }

  /** Sets the declared defaults of absent fields, at every level the object reaches. */
  static void applyDefaults(JsonNode value, JsonNode schema) {
    if (schema == null) {
      return;
    }
    if (value instanceof ObjectNode object) {
      JsonNode properties = schema.path("properties");
      properties
          .fields()
          .forEachRemaining(
              property -> {
                JsonNode fallback = property.getValue().get("default");
                if (!object.has(property.getKey()) && fallback != null && !fallback.isNull()) {
                  object.set(property.getKey(), fallback.deepCopy());
                }
              });
      object
          .fields()
          .forEachRemaining(
              field -> {
                JsonNode fieldSchema =
                    properties.has(field.getKey())
                        ? properties.get(field.getKey())
                        : schema.get("additionalProperties");
                if (fieldSchema != null && fieldSchema.isObject()) {
                  applyDefaults(field.getValue(), fieldSchema);
                }
              });
    } else if (value instanceof ArrayNode array && schema.has("items")) {
      array.forEach(item -> applyDefaults(item, schema.get("items")));
    }
  }
}
