package io.lambdascaling.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What kube-apiserver does to a custom resource before it stores it: prune the fields its version's
 * schema does not declare, apply the schema's defaults, then validate it against the schema and its
 * CEL rules. Knows nothing of any particular CRD.
 */
final class CustomResourceAdmission {

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private final String kind;
  private final JsonNode schema;
  private final StructuralValidation validation;
  private final CelRules rules;

  /** The object as it would be stored, the fields pruned from it, and what is wrong with it. */
  record Verdict(ObjectNode object, List<String> pruned, List<FieldError> errors) {
    boolean allowed() {
      return errors.isEmpty();
    }
  }

  CustomResourceAdmission(
      CustomResourceDefinition crd,
      String version,
      StructuralValidation validation,
      CelRules rules) {
    this.kind = crd.getSpec().getNames().getKind() + "." + crd.getSpec().getGroup();
    CustomResourceDefinitionVersion served =
        crd.getSpec().getVersions().stream()
            .filter(candidate -> candidate.getName().equals(version))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no version " + version));
    JsonNode openApi =
        served.getSchema() == null || served.getSchema().getOpenAPIV3Schema() == null
            ? null
            : Serialization.jsonMapper().valueToTree(served.getSchema().getOpenAPIV3Schema());
    this.schema = openApi;
    this.validation = validation;
    this.rules = rules;
  }

  /** {@code Kind.group}, as kube-apiserver names the resource in its messages. */
  String qualifiedKind() {
    return kind;
  }

  /** Rules of the schema that do not compile (they are reported as errors on every write). */
  List<String> ruleCompileErrors() {
    return schema == null ? List.of() : rules.compileErrors(schema);
  }

  Verdict admit(ObjectNode object) {
    ObjectNode candidate = object.deepCopy();
    List<FieldError> errors = new ArrayList<>(metadataErrors(candidate));
    if (schema == null) {
      return new Verdict(candidate, List.of(), errors);
    }
    List<String> pruned = StructuralDefaults.prune(candidate, schema);
    StructuralDefaults.applyDefaults(candidate, schema);
    ObjectNode body = candidate.deepCopy();
    body.remove(List.of("apiVersion", "kind", "metadata"));
    List<FieldError> structural = validation.validate(body, schemaWithoutObjectFields());
    errors.addAll(structural);
    errors.addAll(rules.check(body, schema, blocked(structural)));
    return new Verdict(candidate, pruned, errors);
  }

  /** The kube-apiserver message for a rejected object. */
  String message(String name, List<FieldError> errors) {
    List<String> shown = errors.stream().map(FieldError::toString).toList();
    String list = shown.size() == 1 ? shown.get(0) : "[" + String.join(", ", shown) + "]";
    return kind + " \"" + name + "\" is invalid: " + list;
  }

  private JsonNode schemaWithoutObjectFields() {
    ObjectNode copy = schema.deepCopy();
    if (copy.path("properties") instanceof ObjectNode properties) {
      properties.remove(List.of("apiVersion", "kind", "metadata"));
    }
    if (copy.path("required").isArray()) {
      copy.withArray("required").removeAll(); // apiVersion, kind and metadata are the server's
      for (JsonNode field : schema.get("required")) {
        if (!Set.of("apiVersion", "kind", "metadata").contains(field.asText())) {
          copy.withArray("required").add(field);
        }
      }
    }
    return copy;
  }

  private static List<FieldError> metadataErrors(ObjectNode object) {
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText("");
    if (name.isEmpty()) {
      if (metadata.path("generateName").asText("").isEmpty()) {
        return List.of(FieldError.required("metadata.name"));
      }
      return List.of();
    }
    if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      return List.of(
          FieldError.invalid(
              "metadata.name",
              metadata.get("name"),
              "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
                  + " '-' or '.', and must start and end with an alphanumeric character"));
    }
    return List.of();
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
      } else if (error.detail().contains(" in body must be of type ")) {
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
