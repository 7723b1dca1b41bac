package io.lambdascaling.operator.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.lambdascaling.api.v1alpha1.ExperimentSpec;
import io.lambdascaling.api.v1alpha1.ExperimentSpecDeserializer;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a LambdaScalingExperiment manifest (YAML or JSON) as a strict API server would: wrong
 * types, unknown fields and every rule of {@link SpecValidator} become {@link Violation}s naming
 * their field, all reported at once.
 *
 * <p>The CR model itself stays lenient (unknown fields ignored, strings coerced) so that an
 * informer never fails on a stored object; this reader is the strict front door.
 */
public final class ManifestReader {

  /** At most this many wrong-typed fields are reported; past it the manifest is hopeless. */
  private static final int MAX_TYPE_ERRORS = 50;

  private static final Set<String> TOP_LEVEL =
      Set.of("apiVersion", "kind", "metadata", "spec", "status");

  private static final String API_VERSION =
      LambdaScalingExperiment.GROUP + "/" + LambdaScalingExperiment.VERSION;

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper STRICT = strictMapper();
  private static final ObjectReader STRICT_EXPERIMENT =
      STRICT
          .readerFor(LambdaScalingExperiment.class)
          .withAttribute(ExperimentSpecDeserializer.STRICT, true);

  /** The experiment (null when it could not be read at all) and everything wrong with it. */
  public record Result(LambdaScalingExperiment experiment, List<Violation> violations) {
    public boolean isValid() {
      return experiment != null && violations.isEmpty();
    }
  }

  private ManifestReader() {}

  /** Reads one YAML or JSON document. */
  public static Result read(String text) {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      return failed(
          "manifest", "not valid YAML or JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
    }
    return read(tree);
  }

  /** Reads an already parsed manifest. */
  public static Result read(JsonNode manifest) {
    if (manifest == null || !manifest.isObject()) {
      return failed("manifest", "must be a LambdaScalingExperiment object, got an empty document");
    }
    List<Violation> violations = new ArrayList<>();
    header(manifest, violations);

    JsonNode tree = manifest.deepCopy();
    LambdaScalingExperiment experiment = null;
    for (int errors = 0; experiment == null && errors <= MAX_TYPE_ERRORS; errors++) {
      try {
        experiment = STRICT_EXPERIMENT.readValue(tree);
      } catch (JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        violations.add(new Violation(pathOf(path), typeMessage(e, manifest, path)));
        if (!blank(tree, path)) {
          return new Result(null, List.copyOf(violations));
        }
      } catch (JsonProcessingException e) {
        return failed("manifest", e.getOriginalMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a tree in memory has no I/O to fail
      }
    }
    if (experiment == null) {
      violations.add(new Violation("manifest", "too many wrong types; fix these first"));
      return new Result(null, List.copyOf(violations));
    }

    JsonNode spec = manifest.get("spec");
    if (spec != null && spec.isObject()) {
      unknownFields(spec, STRICT.constructType(ExperimentSpec.class), "spec", violations);
    }
    List<Violation> reported = List.copyOf(violations);
    for (Violation v : SpecValidator.validate(experiment)) {
      if (reported.stream().noneMatch(r -> covers(r.field(), v.field()))) {
        violations.add(v);
      }
    }
    return new Result(experiment, List.copyOf(violations));
  }

  private static void header(JsonNode manifest, List<Violation> violations) {
    JsonNode apiVersion = manifest.get("apiVersion");
    if (apiVersion == null || !API_VERSION.equals(apiVersion.asText())) {
      violations.add(
          new Violation("apiVersion", "must be " + API_VERSION + ", got " + describe(apiVersion)));
    }
    JsonNode kind = manifest.get("kind");
    if (kind == null || !"LambdaScalingExperiment".equals(kind.asText())) {
      violations.add(
          new Violation("kind", "must be LambdaScalingExperiment, got " + describe(kind)));
    }
    JsonNode spec = manifest.get("spec");
    if (spec == null || spec.isNull()) {
      violations.add(
          new Violation(
              "spec", "required: the experiment's matrix, function (roleArn) and budget"));
    }
    manifest
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!TOP_LEVEL.contains(name)) {
                violations.add(
                    new Violation(
                        name, "unknown field; allowed: apiVersion, kind, metadata, spec, status"));
              }
            });
  }

  /** Reports fields the model does not know, walking the JSON beside the Java types. */
  private static void unknownFields(
      JsonNode node, JavaType type, String path, List<Violation> violations) {
    if (type.isContainerType()) {
      if (type.isMapLikeType() && node.isObject()) {
        node.fields()
            .forEachRemaining(
                f ->
                    unknownFields(
                        f.getValue(),
                        type.getContentType(),
                        path + "[" + f.getKey() + "]",
                        violations));
      } else if (type.isCollectionLikeType() && node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          unknownFields(node.get(i), type.getContentType(), path + "[" + i + "]", violations);
        }
      }
      return;
    }
    if (!node.isObject() || type.isEnumType() || type.getRawClass().getName().startsWith("java.")) {
      return;
    }
    Map<String, JavaType> properties = new TreeMap<>();
    for (BeanPropertyDefinition p :
        STRICT.getSerializationConfig().introspect(type).findProperties()) {
      properties.put(p.getName(), p.getPrimaryType());
    }
    node.fields()
        .forEachRemaining(
            f -> {
              String child = path + "." + f.getKey();
              JavaType childType = properties.get(f.getKey());
              if (childType == null) {
                violations.add(
                    new Violation(
                        child,
                        "unknown field; allowed: " + String.join(", ", properties.keySet())));
              } else if (!f.getValue().isNull()) {
                unknownFields(f.getValue(), childType, child, violations);
              }
            });
  }

  private static String typeMessage(
      JsonMappingException e, JsonNode manifest, List<JsonMappingException.Reference> path) {
    String got = describe(at(manifest, path));
    if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
      Class<?> target = f.getTargetType();
      if (target.isEnum()) {
        @SuppressWarnings("unchecked")
        Class<? extends Enum<?>> enumType = (Class<? extends Enum<?>>) target;
        return "must be one of " + Violations.enumValues(enumType) + ", got " + got;
      }
      return "must be " + expected(target) + ", got " + got;
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
        && m.getTargetType() != null) {
      Class<?> target = m.getTargetType();
      if (target.isEnum()) {
        @SuppressWarnings("unchecked")
        Class<? extends Enum<?>> enumType = (Class<? extends Enum<?>>) target;
        return "must be one of " + Violations.enumValues(enumType) + ", got " + got;
      }
      return "must be " + expected(target) + ", got " + got;
    }
    return "cannot be read: " + e.getOriginalMessage() + ", got " + got;
  }

  private static String expected(Class<?> target) {
    if (target == Integer.class
        || target == int.class
        || target == Long.class
        || target == long.class) {
      return "an integer";
    }
    if (target == Double.class || target == double.class) {
      return "a number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    if (target == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(target)) {
      return "a list";
    }
    return "an object";
  }

  /** A short description of a JSON value for messages: its type, and small values verbatim. */
  private static String describe(JsonNode node) {
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

  private static JsonNode at(JsonNode root, List<JsonMappingException.Reference> path) {
    JsonNode node = root;
    for (JsonMappingException.Reference r : path) {
      if (node == null) {
        return null;
      }
      node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
    }
    return node;
  }

  /**
   * Replaces the offending value with null so that the next pass reports the next problem. False
   * when the path leads nowhere (nothing more could be learnt).
   */
  private static boolean blank(JsonNode root, List<JsonMappingException.Reference> path) {
    if (path.isEmpty()) {
      return false;
    }
    JsonNode parent = at(root, path.subList(0, path.size() - 1));
    JsonMappingException.Reference last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object && last.getFieldName() != null) {
      return object.remove(last.getFieldName()) != null;
    }
    if (parent instanceof ArrayNode array
        && last.getIndex() >= 0
        && last.getIndex() < array.size()) {
      if (array.get(last.getIndex()).isNull()) {
        return false;
      }
      array.set(last.getIndex(), NullNode.getInstance());
      return true;
    }
    return false;
  }

  static String pathOf(List<JsonMappingException.Reference> path) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(r.getFieldName());
      } else {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.length() == 0 ? "manifest" : out.toString();
  }

  /** Whether a violation already reported at {@code reported} covers one at {@code field}. */
  private static boolean covers(String reported, String field) {
    return field.equals(reported)
        || field.startsWith(reported + ".")
        || field.startsWith(reported + "[");
  }

  private static Result failed(String field, String message) {
    return new Result(null, List.of(new Violation(field, message)));
  }

  private static ObjectMapper strictMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    for (LogicalType numeric : List.of(LogicalType.Integer, LogicalType.Float)) {
      mapper.coercionConfigFor(numeric).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
      mapper
          .coercionConfigFor(numeric)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    for (CoercionInputShape scalar :
        List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
      mapper.coercionConfigFor(LogicalType.Enum).setCoercion(scalar, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Enum)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    return mapper;
  }
}
