package io.lambdascaling.operator.validation;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.lambdascaling.api.schema.ExperimentCrd;
import io.lambdascaling.api.schema.FieldError;
import io.lambdascaling.api.schema.StructuralSchema;
import io.lambdascaling.api.v1alpha1.ExperimentSpecDeserializer;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a LambdaScalingExperiment manifest (YAML or JSON) as a strict API server would: checks it
 * against the generated CRD's structural schema and CEL rules, with the validation the embedded API
 * server uses ({@link StructuralSchema}), then against the rules a schema cannot state ({@link
 * SpecValidator}); every problem becomes a {@link Violation} naming its field, all reported at
 * once.
 *
 * <p>The CR model itself stays lenient (unknown fields ignored, strings coerced) so that an
 * informer never fails on a stored object; this reader is the strict front door.
 */
public final class ManifestReader {

  private static final String API_VERSION =
      LambdaScalingExperiment.GROUP + "/" + LambdaScalingExperiment.VERSION;

  /** Schema errors about a value the model cannot hold: the model is read without it. */
  private static final Set<String> UNREADABLE = Set.of("type", "enum");

  /**
   * Schema errors that say a value is missing or of the wrong type: the checks beyond the schema
   * saw no value there, so what they say below it is left out. Any other schema error gives way to
   * a check beyond the schema on the same field or inside it, which names the item and the figures.
   */
  private static final Set<String> ABSENT = Set.of("type", "required");

  /** Values past what the model holds that are named before the reader gives up. */
  private static final int MAX_UNREADABLE = 50;

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectReader EXPERIMENT =
      JsonMapper.builder()
          .build()
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
    List<Violation> reported = header(manifest);
    StructuralSchema schema = ExperimentCrd.schema();
    ObjectNode stored = manifest.deepCopy();
    SchemaMessages words = new SchemaMessages(schema, stored);
    schema.prune(stored).forEach(field -> reported.add(words.unknownField(field)));
    schema.applyDefaults(stored);
    List<FieldError> errors = schema.validate(stored);

    List<Violation> unreadable = new ArrayList<>();
    LambdaScalingExperiment experiment = model(readable(stored, errors), unreadable);
    List<Violation> beyond =
        experiment == null ? List.of() : SpecValidator.beyondSchema(experiment);
    return new Result(experiment, merge(reported, errors, words, unreadable, beyond));
  }

  /**
   * The model read from what the schema let through; a value it still cannot hold (a number past an
   * int) is named and left out, at most {@link #MAX_UNREADABLE} times.
   */
  private static LambdaScalingExperiment model(ObjectNode readable, List<Violation> unreadable) {
    for (int tries = 0; tries < MAX_UNREADABLE; tries++) {
      try {
        return EXPERIMENT.readValue(readable);
      } catch (JsonMappingException e) {
        unreadable.add(
            new Violation(
                pathOf(e.getPath()),
                "cannot be read: " + e.getOriginalMessage().replace('\n', ' ')));
        if (!blank(readable, pointerOf(e.getPath()))) {
          return null;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a tree in memory has no I/O to fail
      }
    }
    return null;
  }

  private static List<Violation> header(JsonNode manifest) {
    List<Violation> violations = new ArrayList<>();
    JsonNode apiVersion = manifest.get("apiVersion");
    if (apiVersion == null || !API_VERSION.equals(apiVersion.asText())) {
      violations.add(
          new Violation(
              "apiVersion",
              "must be " + API_VERSION + ", got " + SchemaMessages.describe(apiVersion)));
    }
    JsonNode kind = manifest.get("kind");
    if (kind == null || !"LambdaScalingExperiment".equals(kind.asText())) {
      violations.add(
          new Violation(
              "kind", "must be LambdaScalingExperiment, got " + SchemaMessages.describe(kind)));
    }
    JsonNode spec = manifest.get("spec");
    if (spec == null || spec.isNull()) {
      violations.add(
          new Violation(
              "spec", "required: the experiment's matrix, function (roleArn) and budget"));
    }
    return violations;
  }

  /** The stored object without the values the model cannot hold (reported by the schema). */
  private static ObjectNode readable(ObjectNode stored, List<FieldError> errors) {
    ObjectNode copy = stored.deepCopy();
    for (FieldError error : errors) {
      if (error.rule() != null && UNREADABLE.contains(error.rule().keyword())) {
        blank(copy, error.rule().at());
      }
    }
    return copy;
  }

  /** Leaves the value at {@code at} out; false when there was none to leave out. */
  private static boolean blank(ObjectNode tree, JsonPointer at) {
    if (at.matches()) {
      return false;
    }
    JsonNode parent = tree.at(at.head());
    int index = at.last().getMatchingIndex();
    if (parent instanceof ObjectNode object) {
      return object.remove(at.last().getMatchingProperty()) != null;
    }
    if (parent instanceof ArrayNode array && index >= 0 && index < array.size()) {
      return !array.set(index, NullNode.getInstance()).isNull();
    }
    return false;
  }

  /**
   * The header's and the schema's violations, and those beyond the schema that are news: where the
   * two speak of one field, the one that says more is kept. A CEL rule is judged once the fields
   * below it are right (kube-apiserver evaluates it anyway, and may fail to).
   */
  private static List<Violation> merge(
      List<Violation> reported,
      List<FieldError> errors,
      SchemaMessages words,
      List<Violation> unreadable,
      List<Violation> beyond) {
    List<Violation> all = new ArrayList<>(reported);
    for (FieldError error : errors) {
      String keyword = error.rule() == null ? "" : error.rule().keyword();
      boolean said =
          !ABSENT.contains(keyword)
              && (beyond.stream().anyMatch(v -> covers(error.field(), v.field()))
                  || (keyword.equals(FieldError.Rule.CEL)
                      && errors.stream().anyMatch(e -> isSchemaRuleInside(e, error))));
      if (!said) {
        all.add(words.of(error));
      }
    }
    addNews(all, unreadable);
    addNews(all, beyond);
    return List.copyOf(all);
  }

  /** Adds the violations of fields that nothing reported yet covers. */
  private static void addNews(List<Violation> all, List<Violation> candidates) {
    List<Violation> known = List.copyOf(all);
    for (Violation v : candidates) {
      if (known.stream().noneMatch(r -> covers(r.field(), v.field()))) {
        all.add(v);
      }
    }
  }

  private static boolean isSchemaRuleInside(FieldError candidate, FieldError cel) {
    return candidate.rule() != null
        && !candidate.rule().keyword().equals(FieldError.Rule.CEL)
        && covers(cel.field(), candidate.field());
  }

  private static JsonPointer pointerOf(List<JsonMappingException.Reference> path) {
    JsonPointer pointer = JsonPointer.empty();
    for (JsonMappingException.Reference r : path) {
      pointer =
          r.getFieldName() != null
              ? pointer.appendProperty(r.getFieldName())
              : pointer.appendIndex(r.getIndex());
    }
    return pointer;
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
}
