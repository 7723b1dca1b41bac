package io.lambdascaling.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lambdascaling.api.v1alpha1.AnalysisSpec;
import io.lambdascaling.api.v1alpha1.Architecture;
import io.lambdascaling.api.v1alpha1.BudgetSpec;
import io.lambdascaling.api.v1alpha1.ExperimentSpec;
import io.lambdascaling.api.v1alpha1.FunctionSpec;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.MemorySpec;
import io.lambdascaling.api.v1alpha1.Patterns;
import io.lambdascaling.api.v1alpha1.SamplingSpec;
import io.lambdascaling.api.v1alpha1.UnreadableSpec;
import io.lambdascaling.api.v1alpha1.WorkloadSpec;
import io.lambdascaling.operator.plan.MemorySizes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an experiment against every rule its schema states, and the ones a schema cannot, and
 * returns all violations at once. Needed because not every API server enforces the CRD's schema
 * (the Fabric8 mock server enforces none).
 */
public final class SpecValidator {

  private static final Pattern ROLE_ARN = Pattern.compile(Patterns.ROLE_ARN);
  private static final Pattern NAME_PREFIX = Pattern.compile(Patterns.NAME_PREFIX);
  private static final Pattern REGION = Pattern.compile(Patterns.REGION);
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private static final Duration MAX_INTERVAL = Duration.ofHours(24);
  private static final Duration MAX_EXPERIMENT_DURATION = Duration.ofHours(24 * 365);

  private SpecValidator() {}

  /**
   * Every violation of the experiment's name and spec; empty when it is valid. A spec the model
   * could not read is judged as stored, like a manifest, naming its wrong types and unknown fields.
   */
  public static List<Violation> validate(LambdaScalingExperiment experiment) {
    if (experiment.getSpec() instanceof UnreadableSpec unreadable) {
      return ManifestReader.read(asStored(experiment, unreadable.source())).violations();
    }
    Violations v = new Violations();
    String name = experiment.getMetadata() == null ? null : experiment.getMetadata().getName();
    if (name == null || name.isEmpty()) {
      v.add("metadata.name", "required");
    } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      v.add(
          "metadata.name",
          "must be a lowercase DNS subdomain (a-z, 0-9, '-', '.'; at most 253), got "
              + Violations.quote(name));
    }
    validateSpec(experiment.getSpec(), v);
    return v.list();
  }

  private static JsonNode asStored(LambdaScalingExperiment experiment, JsonNode spec) {
    ObjectNode manifest = JsonNodeFactory.instance.objectNode();
    manifest.put("apiVersion", experiment.getApiVersion());
    manifest.put("kind", experiment.getKind());
    ObjectNode metadata = manifest.putObject("metadata");
    if (experiment.getMetadata() != null) {
      metadata.put("name", experiment.getMetadata().getName());
      metadata.put("namespace", experiment.getMetadata().getNamespace());
    }
    manifest.set("spec", spec);
    return manifest;
  }

  /** Every violation of the spec; empty when it is valid. */
  public static List<Violation> validate(ExperimentSpec spec) {
    Violations v = new Violations();
    validateSpec(spec, v);
    return v.list();
  }

  private static void validateSpec(ExperimentSpec spec, Violations v) {
    if (spec == null) {
      v.add("spec", "required");
      return;
    }
    int architectures = architectures(spec.getArchitectures(), v);
    int workers = workers(spec.getWorkers(), v);
    long sizes = memory(spec.getMemory(), v);
    long configurations = (long) architectures * workers * sizes;
    if (configurations > ExperimentSpec.MAX_CONFIGURATIONS) {
      v.add(
          "spec",
          "architectures × workers × memory sizes = "
              + architectures
              + " × "
              + workers
              + " × "
              + sizes
              + " = "
              + configurations
              + " configurations; at most "
              + ExperimentSpec.MAX_CONFIGURATIONS
              + " allowed");
    }
    workload(spec.getWorkload(), v);
    sampling(spec.getSampling(), v);
    function(spec.getFunction(), v);
    if (spec.getRegion() != null && !REGION.matcher(spec.getRegion()).matches()) {
      v.add(
          "spec.region",
          "must be an AWS region name such as us-east-1, got "
              + Violations.quote(spec.getRegion()));
    }
    budget(spec.getBudget(), v);
    analysis(spec.getAnalysis(), v);
    if (spec.getCleanup() == null || spec.getCleanup().getOnCompletion() == null) {
      v.add("spec.cleanup.onCompletion", "must be one of Delete, Retain");
    }
  }

  private static int architectures(List<Architecture> list, Violations v) {
    String field = "spec.architectures";
    if (list == null || list.isEmpty()) {
      v.add(field, "must list at least one of x86_64, arm64");
      return 0;
    }
    Set<Architecture> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Architecture a = list.get(i);
      if (a == null) {
        v.add(field + "[" + i + "]", "must be one of x86_64, arm64");
      } else if (!seen.add(a)) {
        v.add(field + "[" + i + "]", "duplicate value " + a + "; each architecture at most once");
      }
    }
    return seen.size();
  }

  private static int workers(List<Integer> list, Violations v) {
    String field = "spec.workers";
    if (list == null || list.isEmpty()) {
      v.add(field, "must list at least one worker count from 1 to 64");
      return 0;
    }
    if (list.size() > ExperimentSpec.MAX_WORKERS) {
      v.add(field, "must list at most 64 worker counts, got " + list.size());
    }
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Integer w = list.get(i);
      String item = field + "[" + i + "]";
      if (v.range(item, w, ExperimentSpec.MIN_WORKERS, ExperimentSpec.MAX_WORKERS)
          && !seen.add(w)) {
        v.add(item, "duplicate value " + w + "; each worker count at most once");
      }
    }
    return seen.size();
  }

  private static long memory(MemorySpec memory, Violations v) {
    String field = "spec.memory";
    if (memory == null) {
      v.add(field, "required");
      return 0;
    }
    boolean list = memory.getSizesMb() != null;
    boolean range =
        memory.getFromMb() != null || memory.getToMb() != null || memory.getStepMb() != null;
    if (list && range) {
      v.add(field, "set either sizesMb, or fromMb, toMb and stepMb, not both");
      return 0;
    }
    if (!list && !range) {
      v.add(field, "set either sizesMb, or fromMb, toMb and stepMb");
      return 0;
    }
    return list ? sizeList(memory.getSizesMb(), v) : sizeRange(memory, v);
  }

  private static long sizeList(List<Integer> sizes, Violations v) {
    String field = "spec.memory.sizesMb";
    if (sizes.isEmpty()) {
      v.add(field, "must list at least one size from 128 to 10240 MB");
      return 0;
    }
    if (sizes.size() > MemorySpec.MAX_SIZES) {
      v.add(field, "must list at most " + MemorySpec.MAX_SIZES + " sizes, got " + sizes.size());
      return sizes.size();
    }
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < sizes.size(); i++) {
      Integer mb = sizes.get(i);
      String item = field + "[" + i + "]";
      if (v.range(item, mb, MemorySpec.MIN_MB, MemorySpec.MAX_MB) && !seen.add(mb)) {
        v.add(item, "duplicate value " + mb + "; each size at most once");
      }
    }
    return seen.size();
  }

  private static long sizeRange(MemorySpec memory, Violations v) {
    String field = "spec.memory";
    boolean ok = v.required(field + ".fromMb", memory.getFromMb());
    ok &= v.required(field + ".toMb", memory.getToMb());
    ok &= v.required(field + ".stepMb", memory.getStepMb());
    if (!ok) {
      return 0;
    }
    ok = v.range(field + ".fromMb", memory.getFromMb(), MemorySpec.MIN_MB, MemorySpec.MAX_MB);
    ok &= v.range(field + ".toMb", memory.getToMb(), MemorySpec.MIN_MB, MemorySpec.MAX_MB);
    ok &= v.range(field + ".stepMb", memory.getStepMb(), 1, MemorySpec.MAX_MB - MemorySpec.MIN_MB);
    if (!ok) {
      return 0;
    }
    if (memory.getFromMb() > memory.getToMb()) {
      v.add(
          field + ".fromMb",
          "must not be greater than toMb (" + memory.getFromMb() + " > " + memory.getToMb() + ")");
      return 0;
    }
    long count = MemorySizes.count(memory);
    if (count > MemorySpec.MAX_SIZES) {
      v.add(
          field + ".stepMb",
          "the range holds "
              + count
              + " sizes; at most "
              + MemorySpec.MAX_SIZES
              + " allowed (use a larger step)");
    }
    return count;
  }

  private static void workload(WorkloadSpec workload, Violations v) {
    if (workload == null) {
      v.add("spec.workload", "required");
      return;
    }
    v.range("spec.workload.passwords", workload.getPasswords(), 1, WorkloadSpec.MAX_PASSWORDS);
    v.range("spec.workload.iterations", workload.getIterations(), 1, WorkloadSpec.MAX_ITERATIONS);
    if (workload.getAlgorithm() == null) {
      v.add(
          "spec.workload.algorithm",
          "must be one of "
              + Violations.enumValues(io.lambdascaling.api.v1alpha1.HashAlgorithm.class));
    }
  }

  private static void sampling(SamplingSpec sampling, Violations v) {
    String field = "spec.sampling";
    if (sampling == null) {
      v.add(field, "required");
      return;
    }
    v.range(
        field + ".invocationsPerConfiguration",
        sampling.getInvocationsPerConfiguration(),
        1,
        SamplingSpec.MAX_INVOCATIONS);
    v.duration(field + ".interval", sampling.getInterval(), true, MAX_INTERVAL);
    v.range(
        field + ".warmupInvocations", sampling.getWarmupInvocations(), 0, SamplingSpec.MAX_WARMUP);
    v.range(
        field + ".maxConcurrency", sampling.getMaxConcurrency(), 1, SamplingSpec.MAX_CONCURRENCY);
    if (sampling.getStrategy() == null) {
      v.add(field + ".strategy", "must be one of Exhaustive");
    }
  }

  private static void function(FunctionSpec function, Violations v) {
    String field = "spec.function";
    if (function == null) {
      v.add(field, "required (at least roleArn)");
      return;
    }
    if (function.getRuntime() == null) {
      v.add(field + ".runtime", "must be one of java21, java17");
    }
    v.range(
        field + ".timeoutSeconds",
        function.getTimeoutSeconds(),
        1,
        FunctionSpec.MAX_TIMEOUT_SECONDS);
    String role = function.getRoleArn();
    if (role == null || role.isEmpty()) {
      v.add(field + ".roleArn", "required: the ARN of the IAM role the functions run as");
    } else if (!ROLE_ARN.matcher(role).matches()) {
      v.add(
          field + ".roleArn",
          "must be an IAM role ARN such as arn:aws:iam::123456789012:role/lse-execution, got "
              + Violations.quote(role));
    }
    String prefix = function.getNamePrefix();
    if (prefix == null || !NAME_PREFIX.matcher(prefix).matches()) {
      v.add(
          field + ".namePrefix",
          "must be 1-20 letters, digits, '-' or '_', got " + Violations.quote(prefix));
    }
    tags(function.getTags(), v);
  }

  private static void tags(Map<String, String> tags, Violations v) {
    String field = "spec.function.tags";
    if (tags == null) {
      return;
    }
    if (tags.size() > FunctionSpec.MAX_TAGS) {
      v.add(field, "at most " + FunctionSpec.MAX_TAGS + " tags, got " + tags.size());
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey();
      String item = field + "[" + Violations.quote(key) + "]";
      if (key.isEmpty() || key.length() > 128) {
        v.add(item, "tag keys must be 1-128 characters");
      } else if (key.startsWith(FunctionSpec.RESERVED_TAG_PREFIX_AWS)
          || key.startsWith(FunctionSpec.RESERVED_TAG_PREFIX_OPERATOR)) {
        v.add(item, "keys starting with aws: or lambdascaling.io/ are reserved");
      }
      if (tag.getValue() == null) {
        v.add(item, "value must be a string (may be empty)");
      } else if (tag.getValue().length() > 256) {
        v.add(item, "value must be at most 256 characters, got " + tag.getValue().length());
      }
    }
  }

  private static void budget(BudgetSpec budget, Violations v) {
    String field = "spec.budget";
    if (budget == null) {
      v.add(field, "required (at least maxCostUsd)");
      return;
    }
    Double cost = budget.getMaxCostUsd();
    if (cost == null) {
      v.add(field + ".maxCostUsd", "required: the most the experiment may spend, in USD");
    } else if (!(cost > 0) || cost.isInfinite()) {
      v.add(field + ".maxCostUsd", "must be a number above 0, got " + cost);
    }
    v.duration(field + ".maxDuration", budget.getMaxDuration(), false, MAX_EXPERIMENT_DURATION);
  }

  private static void analysis(AnalysisSpec analysis, Violations v) {
    String field = "spec.analysis";
    if (analysis == null) {
      v.add(field, "required");
      return;
    }
    v.range(
        field + ".tolerancePercent",
        analysis.getTolerancePercent(),
        0,
        AnalysisSpec.MAX_TOLERANCE_PERCENT);
    v.range(
        field + ".confidenceLevel",
        analysis.getConfidenceLevel(),
        AnalysisSpec.MIN_CONFIDENCE_LEVEL,
        AnalysisSpec.MAX_CONFIDENCE_LEVEL);
  }
}
