package io.lambdascaling.api.schema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The structural schema of one version of a CRD, and what kube-apiserver does with it to a custom
 * resource before storing it: prune the fields it does not declare, apply its defaults, validate
 * against it and its CEL rules. Knows nothing of any particular CRD.
 */
public final class StructuralSchema {

  /** Top-level fields every object has, which the API server checks itself. */
  public static final Set<String> OBJECT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private final JsonNode schema;
  private final JsonNode bodySchema;
  private final StructuralValidation validation;
  private final CelRules rules;

  /** A schema whose patterns and CEL programs are compiled by the given (shareable) engines. */
  public StructuralSchema(
      JsonNode openApiV3Schema, StructuralValidation validation, CelRules rules) {
    this.schema = openApiV3Schema;
    this.bodySchema = withoutObjectFields(openApiV3Schema);
    this.validation = validation;
    this.rules = rules;
  }

  /** The schema of a CRD's version; empty when that version declares none. */
  public static Optional<StructuralSchema> of(
      CustomResourceDefinition crd,
      String version,
      StructuralValidation validation,
      CelRules rules) {
    CustomResourceDefinitionVersion served =
        crd.getSpec().getVersions().stream()
            .filter(candidate -> candidate.getName().equals(version))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no version " + version));
    if (served.getSchema() == null || served.getSchema().getOpenAPIV3Schema() == null) {
      return Optional.empty();
    }
    JsonNode openApi =
        Serialization.jsonMapper().valueToTree(served.getSchema().getOpenAPIV3Schema());
    return Optional.of(new StructuralSchema(openApi, validation, rules));
  }

  /**
   * Removes the fields the schema does not declare; returns their places, e.g. {@code spec.foo}.
   */
  public List<FieldPath> prune(ObjectNode object) {
    return StructuralDefaults.prune(object, schema);
  }

  /** Sets the declared defaults of absent fields, at every level the object reaches. */
  public void applyDefaults(ObjectNode object) {
    StructuralDefaults.applyDefaults(object, schema);
  }

  /**
   * Every error of the object's fields but apiVersion, kind and metadata (those are the API
   * server's): the schema's, then the CEL rules' of the nodes whose type and size are right.
   */
  public List<FieldError> validate(ObjectNode object) {
    ObjectNode body = object.deepCopy();
    body.remove(OBJECT_FIELDS);
    List<FieldError> structural = validation.validate(body, bodySchema);
    List<FieldError> errors = new ArrayList<>(structural);
    errors.addAll(rules.check(body, schema, blocked(structural)));
    return errors;
  }

  /** Rules of the schema that do not compile, with the compiler's message (empty when all do). */
  public List<String> ruleCompileErrors() {
    return rules.compileErrors(schema);
  }

  /** The schema of the value at {@code pointer}; a missing node when the schema has none. */
  public JsonNode at(JsonPointer pointer) {
    JsonNode node = schema;
    for (JsonPointer rest = pointer; !rest.matches(); rest = rest.tail()) {
      String name = rest.getMatchingProperty();
      if ("array".equals(node.path("type").asText())) {
        node = node.path("items");
      } else if (node.path("properties").has(name)) {
        node = node.path("properties").path(name);
      } else {
        node = node.path("additionalProperties");
      }
    }
    return node;
  }

  private static JsonNode withoutObjectFields(JsonNode schema) {
    ObjectNode copy = schema.deepCopy();
    if (copy.path("properties") instanceof ObjectNode properties) {
      properties.remove(OBJECT_FIELDS);
    }
    if (copy.path("required").isArray()) {
      copy.withArray("required").removeAll();
      for (JsonNode field : schema.get("required")) {
        if (!OBJECT_FIELDS.contains(field.asText())) {
          copy.withArray("required").add(field);
        }
      }
    }
    return copy;
  }

  /**
   * Paths whose CEL rules would only fail to evaluate: a value of the wrong type and the objects
   * around it, or a list with too many items.
   */
  private static Set<String> blocked(List<FieldError> structural) {
    Set<String> paths = new HashSet<>();
    for (FieldError error : structural) {
      if (error.kind() == FieldError.Kind.TOO_MANY) {
        paths.add(error.field());
      } else if (error.rule() != null && "type".equals(error.rule().keyword())) {
        String path = error.field();
        paths.add(path);
        while (!path.isEmpty()) {
          path =
              path.substring(
                  0, Math.max(0, Math.max(path.lastIndexOf('.'), path.lastIndexOf('['))));
          paths.add(path);
        }
      }
    }
    return paths;
  }
}
