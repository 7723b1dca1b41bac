package io.lambdascaling.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.lambdascaling.api.schema.CelRules;
import io.lambdascaling.api.schema.FieldError;
import io.lambdascaling.api.schema.FieldPath;
import io.lambdascaling.api.schema.StructuralSchema;
import io.lambdascaling.api.schema.StructuralValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What kube-apiserver does to a custom resource before it stores it: check its name, then prune,
 * default and validate it against its version's structural schema ({@link StructuralSchema}). Knows
 * nothing of any particular CRD.
 */
final class CustomResourceAdmission {

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private final String kind;
  private final StructuralSchema schema;

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
    this.schema = StructuralSchema.of(crd, version, validation, rules).orElse(null);
  }

  /** {@code Kind.group}, as kube-apiserver names the resource in its messages. */
  String qualifiedKind() {
    return kind;
  }

  /** Rules of the schema that do not compile (they are reported as errors on every write). */
  List<String> ruleCompileErrors() {
    return schema == null ? List.of() : schema.ruleCompileErrors();
  }

  Verdict admit(ObjectNode object) {
    ObjectNode candidate = object.deepCopy();
    List<FieldError> errors = new ArrayList<>(metadataErrors(candidate));
    if (schema == null) {
      return new Verdict(candidate, List.of(), errors);
    }
    List<String> pruned = schema.prune(candidate).stream().map(FieldPath::text).toList();
    schema.applyDefaults(candidate);
    errors.addAll(schema.validate(candidate));
    return new Verdict(candidate, pruned, errors);
  }

  /** The kube-apiserver message for a rejected object. */
  String message(String name, List<FieldError> errors) {
    List<String> shown = errors.stream().map(FieldError::toString).toList();
    String list = shown.size() == 1 ? shown.get(0) : "[" + String.join(", ", shown) + "]";
    return kind + " \"" + name + "\" is invalid: " + list;
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
}
