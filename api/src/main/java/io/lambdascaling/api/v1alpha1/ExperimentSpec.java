package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * What to measure. The defaults reproduce the reference experiment: both architectures, 1–6
 * workers, 41 memory sizes, 200 passwords × 100,000 PBKDF2-HMAC-SHA256 iterations, 190 runs each.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(
    value =
        "!has(self.memory) || !has(self.memory.sizesMb) || !has(self.architectures)"
            + " || !has(self.workers)"
            + " || size(self.architectures) * size(self.workers) * size(self.memory.sizesMb)"
            + " <= "
            + ExperimentSpec.MAX_CONFIGURATIONS,
    message =
        "architectures × workers × memory.sizesMb must make at most "
            + ExperimentSpec.MAX_CONFIGURATIONS
            + " configurations")
public class ExperimentSpec {

  /** The most configurations (Lambda functions) one experiment may plan. */
  public static final int MAX_CONFIGURATIONS = 1000;

  public static final int MIN_WORKERS = 1;
  public static final int MAX_WORKERS = 64;

  @JsonPropertyDescription("CPU architectures to measure (x86_64, arm64); default both.")
  @Size(min = 1, max = 2)
  @Default("[\"x86_64\",\"arm64\"]")
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b == a))",
      message = "architectures must not repeat")
  private List<Architecture> architectures =
      new ArrayList<>(List.of(Architecture.X86_64, Architecture.ARM64));

  @JsonPropertyDescription("Worker thread counts to measure, each 1-64; default 1-6.")
  @Size(min = 1, max = MAX_WORKERS)
  @Default("[1,2,3,4,5,6]")
  @ValidationRule(
      value = "self.all(w, w >= 1 && w <= 64 && self.exists_one(v, v == w))",
      message = "workers must be distinct integers from 1 to 64")
  private List<Integer> workers = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6));

  @JsonPropertyDescription(
      "Memory sizes to measure: a list (sizesMb) or a range (fromMb, toMb, stepMb);"
          + " default the reference experiment's 41 sizes, 128 and 256-10240 in 256 MB steps.")
  @Default(MemorySpec.REFERENCE_SIZES_JSON)
  private MemorySpec memory = MemorySpec.reference();

  @JsonPropertyDescription("The hashing work each invocation does.")
  @Default("{}")
  private WorkloadSpec workload = new WorkloadSpec();

  @JsonPropertyDescription("How many invocations, how far apart, and how many at once.")
  @Default("{}")
  private SamplingSpec sampling = new SamplingSpec();

  @JsonPropertyDescription("The Lambda functions the operator creates.")
  @Required
  private FunctionSpec function;

  @JsonPropertyDescription("AWS region for the functions; the operator's default region if unset.")
  @Pattern(Patterns.REGION)
  private String region;

  @JsonPropertyDescription("Limits on what the experiment may spend.")
  @Required
  private BudgetSpec budget;

  @JsonPropertyDescription("How the threads-to-memory table is derived.")
  @Default("{}")
  private AnalysisSpec analysis = new AnalysisSpec();

  @JsonPropertyDescription("What to do with the functions afterwards.")
  @Default("{}")
  private CleanupSpec cleanup = new CleanupSpec();

  @JsonPropertyDescription("Pause invocations without deleting anything.")
  @Default("false")
  private boolean suspend;

  public List<Architecture> getArchitectures() {
    return architectures;
  }

  /** A null falls back to the default, as the API server's defaulting does. */
  public void setArchitectures(List<Architecture> architectures) {
    this.architectures =
        architectures == null
            ? new ArrayList<>(List.of(Architecture.X86_64, Architecture.ARM64))
            : architectures;
  }

  public List<Integer> getWorkers() {
    return workers;
  }

  public void setWorkers(List<Integer> workers) {
    this.workers = workers == null ? new ArrayList<>(List.of(1, 2, 3, 4, 5, 6)) : workers;
  }

  public MemorySpec getMemory() {
    return memory;
  }

  public void setMemory(MemorySpec memory) {
    this.memory = memory == null ? MemorySpec.reference() : memory;
  }

  public WorkloadSpec getWorkload() {
    return workload;
  }

  public void setWorkload(WorkloadSpec workload) {
    this.workload = workload == null ? new WorkloadSpec() : workload;
  }

  public SamplingSpec getSampling() {
    return sampling;
  }

  public void setSampling(SamplingSpec sampling) {
    this.sampling = sampling == null ? new SamplingSpec() : sampling;
  }

  public FunctionSpec getFunction() {
    return function;
  }

  public void setFunction(FunctionSpec function) {
    this.function = function;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public BudgetSpec getBudget() {
    return budget;
  }

  public void setBudget(BudgetSpec budget) {
    this.budget = budget;
  }

  public AnalysisSpec getAnalysis() {
    return analysis;
  }

  public void setAnalysis(AnalysisSpec analysis) {
    this.analysis = analysis == null ? new AnalysisSpec() : analysis;
  }

  public CleanupSpec getCleanup() {
    return cleanup;
  }

  public void setCleanup(CleanupSpec cleanup) {
    this.cleanup = cleanup == null ? new CleanupSpec() : cleanup;
  }

  public boolean isSuspend() {
    return suspend;
  }

  public void setSuspend(boolean suspend) {
    this.suspend = suspend;
  }
}
