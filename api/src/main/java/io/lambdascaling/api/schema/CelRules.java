package io.lambdascaling.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CEL rules of a structural schema ({@code x-kubernetes-validations}), evaluated at every node
 * that declares them with {@code self} bound to that node, as kube-apiserver does on create and
 * update. Transition rules (those using {@code oldSelf}) are not evaluated.
 */
public final class CelRules {

  /** Bounds the work one rule may do, so that no request can keep the server busy for long. */
  private static final int MAX_ITERATIONS = 1_000_000;

  private final Cel cel;
  private final Map<String, Compiled> programs = new ConcurrentHashMap<>();

  /** A rule compiled once, or why it could not be. */
  private record Compiled(CelRuntime.Program program, String error) {}

  public CelRules() {
    CelOptions options =
        CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .build();
    this.cel =
        CelFactory.standardCelBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .addCompilerLibraries(
                CelExtensions.strings(),
                CelExtensions.math(options),
                CelExtensions.sets(options),
                CelExtensions.lists(),
                CelExtensions.encoders(options))
            .addRuntimeLibraries(
                CelExtensions.strings(),
                CelExtensions.math(options),
                CelExtensions.sets(options),
                CelExtensions.lists(),
                CelExtensions.encoders(options))
            .build();
  }

  /**
   * Errors of the rules that fail, skipping nodes under {@code skipped} paths (those whose type or
   * size already failed: the rules there would only fail to evaluate).
   */
  List<FieldError> check(JsonNode value, JsonNode schema, Set<String> skipped) {
    List<FieldError> errors = new ArrayList<>();
    walk(value, schema, FieldPath.ROOT, skipped, errors);
    return errors;
  }

  /** Rules of the schema that do not compile, with the compiler's message (empty when all do). */
  List<String> compileErrors(JsonNode schema) {
    List<String> errors = new ArrayList<>();
    collectRules(schema, errors);
    return errors;
  }

  private void collectRules(JsonNode schema, List<String> errors) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      Compiled compiled = compile(rule.path("rule").asText());
      if (compiled.error() != null) {
        errors.add(rule.path("rule").asText() + ": " + compiled.error());
      }
    }
    schema.path("properties").forEach(property -> collectRules(property, errors));
    if (schema.path("items").isObject()) {
      collectRules(schema.get("items"), errors);
    }
    if (schema.path("additionalProperties").isObject()) {
      collectRules(schema.get("additionalProperties"), errors);
    }
  }

  private void walk(
      JsonNode value,
      JsonNode schema,
      FieldPath path,
      Set<String> skipped,
      List<FieldError> errors) {
    if (value == null || value.isNull() || skipped.contains(path.text())) {
      return;
    }
    if (value.isObject()) {
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.get("additionalProperties");
      value
          .fields()
          .forEachRemaining(
              field -> {
                if (properties.has(field.getKey())) {
                  walk(
                      field.getValue(),
                      properties.get(field.getKey()),
                      path.field(field.getKey()),
                      skipped,
                      errors);
                } else if (additional != null && additional.isObject()) {
                  walk(field.getValue(), additional, path.key(field.getKey()), skipped, errors);
                }
              });
    } else if (value.isArray() && schema.path("items").isObject()) {
      for (int i = 0; i < value.size(); i++) {
        walk(value.get(i), schema.get("items"), path.index(i), skipped, errors);
      }
    }
    evaluate(value, schema, path, errors);
  }

  private void evaluate(JsonNode value, JsonNode schema, FieldPath path, List<FieldError> errors) {
    JsonNode rules = schema.path("x-kubernetes-validations");
    if (!rules.isArray() || rules.isEmpty()) {
      return;
    }
    Object self = CelValues.of(value, schema);
    for (JsonNode rule : rules) {
      String text = rule.path("rule").asText();
      if (text.contains("oldSelf")) {
        continue;
      }
      FieldPath field = path;
      if (rule.hasNonNull("fieldPath")) {
        field = new FieldPath(path.text() + rule.get("fieldPath").asText(), path.pointer());
      }
      String message =
          rule.hasNonNull("message") ? rule.get("message").asText() : "failed rule: " + text;
      judge(text, self, value, field, message).ifPresent(errors::add);
    }
  }

  /** The error of a rule that does not hold, or does not compile or evaluate; empty if it holds. */
  private Optional<FieldError> judge(
      String rule, Object self, JsonNode value, FieldPath field, String message) {
    Compiled compiled = compile(rule);
    String failure;
    if (compiled.error() != null) {
      failure = "rule compile error: " + compiled.error();
    } else {
      try {
        Object result = compiled.program().eval(Map.of("self", self));
        failure = Boolean.TRUE.equals(result) ? null : message;
      } catch (CelEvaluationException | RuntimeException e) {
        failure = message + " (rule could not be evaluated: " + e.getMessage() + ")";
      }
    }
    return Optional.ofNullable(failure)
        .map(detail -> FieldError.invalidType(field, FieldError.Rule.CEL, value, detail));
  }

  private Compiled compile(String rule) {
    return programs.computeIfAbsent(
        rule,
        text -> {
          try {
            CelAbstractSyntaxTree ast = cel.compile(text).getAst();
            return new Compiled(cel.createProgram(ast), null);
          } catch (CelValidationException | CelEvaluationException e) {
            return new Compiled(null, e.getMessage());
          }
        });
  }
}
