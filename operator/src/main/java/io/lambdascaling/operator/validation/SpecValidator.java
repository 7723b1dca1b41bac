package io.lambdascaling.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lambdascaling.api.v1alpha1.Architecture;
import io.lambdascaling.api.v1alpha1.BudgetSpec;
import io.lambdascaling.api.v1alpha1.ExperimentSpec;
import io.lambdascaling.api.v1alpha1.FunctionSpec;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.MemorySpec;
import io.lambdascaling.api.v1alpha1.SamplingSpec;
import io.lambdascaling.api.v1alpha1.UnreadableSpec;
import io.lambdascaling.operator.plan.MemorySizes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an experiment as stored against the CRD's schema and CEL rules, through the same reader as
 * a manifest ({@link ManifestReader}), since not every API server enforces them (the Fabric8 mock
 * server enforces none); and holds the rules a schema cannot state: an item's place in a list (the
 * CEL rules judge the list), names and figures in the message, durations' bounds, the size of a
 * memory range and of the whole matrix.
 */
public final class SpecValidator {

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private static final Duration MAX_INTERVAL = Duration.ofHours(24);
  private static final Duration MAX_EXPERIMENT_DURATION = Duration.ofHours(24 * 365);

  private SpecValidator() {}

  /**
   * Every violation of the experiment's name and spec; empty when it is valid. The experiment is
   * judged as stored, like a manifest: a spec the model could not read names its wrong types and
   * unknown fields.
   */
  public static List<Violation> validate(LambdaScalingExperiment experiment) {
    return ManifestReader.read(asStored(experiment)).violations();
  }

  /** Every violation of the spec; empty when it is valid. */
  public static List<Violation> validate(ExperimentSpec spec) {
    LambdaScalingExperiment experiment = new LambdaScalingExperiment();
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName("spec");
    experiment.setMetadata(metadata);
    experiment.setSpec(spec);
    return validate(experiment);
  }

  private static JsonNode asStored(LambdaScalingExperiment experiment) {
    ObjectNode manifest = Serialization.jsonMapper().createObjectNode();
    manifest.put("apiVersion", experiment.getApiVersion());
    manifest.put("kind", experiment.getKind());
    ObjectNode metadata = manifest.putObject("metadata");
    if (experiment.getMetadata() != null) {
      metadata.put("name", experiment.getMetadata().getName());
      metadata.put("namespace", experiment.getMetadata().getNamespace());
    }
    ExperimentSpec spec = experiment.getSpec();
    manifest.set(
        "spec",
        spec instanceof UnreadableSpec unreadable
            ? unreadable.source()
            : Serialization.jsonMapper().valueToTree(spec));
    return manifest;
  }

  /**
   * The violations of the rules a schema cannot state, in an experiment read from a manifest the
   * schema has judged: values it found missing or of the wrong type are null here, and pass.
   */
  static List<Violation> beyondSchema(LambdaScalingExperiment experiment) {
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
    if (experiment.getSpec() != null) {
      spec(experiment.getSpec(), v);
    }
    return v.list();
  }

  private static void spec(ExperimentSpec spec, Violations v) {
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
    sampling(spec.getSampling(), v);
    function(spec.getFunction(), v);
    budget(spec.getBudget(), v);
  }

  /** The distinct architectures; each repeat named (the schema's rule judges the list). */
  private static int architectures(List<Architecture> list, Violations v) {
    Set<Architecture> seen = new HashSet<>();
    for (int i = 0; list != null && i < list.size(); i++) {
      Architecture a = list.get(i);
      if (a != null && !seen.add(a)) {
        v.add(
            "spec.architectures[" + i + "]",
            "duplicate value " + a + "; each architecture at most once");
      }
    }
    return seen.size();
  }

  /** The distinct worker counts; each one out of range or repeated named. */
  private static int workers(List<Integer> list, Violations v) {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; list != null && i < list.size(); i++) {
      Integer w = list.get(i);
      String item = "spec.workers[" + i + "]";
      if (w != null
          && v.range(item, w, ExperimentSpec.MIN_WORKERS, ExperimentSpec.MAX_WORKERS)
          && !seen.add(w)) {
        v.add(item, "duplicate value " + w + "; each worker count at most once");
      }
    }
    return seen.size();
  }

  /** How many sizes the memory spec plans; 0 when the schema finds it wrong as a whole. */
  private static long memory(MemorySpec memory, Violations v) {
    if (memory == null) {
      return 0;
    }
    boolean list = memory.getSizesMb() != null;
    boolean range =
        memory.getFromMb() != null || memory.getToMb() != null || memory.getStepMb() != null;
    if (list == range) {
      return 0; // the schema's rule: a list or a range
    }
    return list ? sizeList(memory.getSizesMb(), v) : sizeRange(memory, v);
  }

  private static long sizeList(List<Integer> sizes, Violations v) {
    if (sizes.size() > MemorySpec.MAX_SIZES) {
      return sizes.size(); // the schema's maxItems
    }
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < sizes.size(); i++) {
      Integer mb = sizes.get(i);
      String item = "spec.memory.sizesMb[" + i + "]";
      if (mb != null && v.range(item, mb, MemorySpec.MIN_MB, MemorySpec.MAX_MB) && !seen.add(mb)) {
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
    if (!ok || !inRange(memory)) {
      return 0; // the schema names a bound that is out of range
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

  private static boolean inRange(MemorySpec memory) {
    return memory.getFromMb() >= MemorySpec.MIN_MB
        && memory.getToMb() <= MemorySpec.MAX_MB
        && memory.getStepMb() >= 1;
  }

  private static void sampling(SamplingSpec sampling, Violations v) {
    if (sampling != null && sampling.getInterval() != null) {
      v.duration("spec.sampling.interval", sampling.getInterval(), true, MAX_INTERVAL);
    }
  }

  private static void budget(BudgetSpec budget, Violations v) {
    if (budget != null && budget.getMaxDuration() != null) {
      v.duration(
          "spec.budget.maxDuration", budget.getMaxDuration(), false, MAX_EXPERIMENT_DURATION);
    }
  }

  /** Each tag named by its key (the schema's rule judges the map). */
  private static void function(FunctionSpec function, Violations v) {
    if (function == null || function.getTags() == null) {
      return;
    }
    for (Map.Entry<String, String> tag : function.getTags().entrySet()) {
      String key = tag.getKey();
      String item = "spec.function.tags[" + Violations.quote(key) + "]";
      if (key.isEmpty() || key.length() > 128) {
        v.add(item, "tag keys must be 1-128 characters");
      } else if (key.startsWith(FunctionSpec.RESERVED_TAG_PREFIX_AWS)
          || key.startsWith(FunctionSpec.RESERVED_TAG_PREFIX_OPERATOR)) {
        v.add(item, "keys starting with aws: or lambdascaling.io/ are reserved");
      }
      if (tag.getValue() != null && tag.getValue().length() > 256) {
        v.add(item, "value must be at most 256 characters, got " + tag.getValue().length());
      }
    }
  }
}
