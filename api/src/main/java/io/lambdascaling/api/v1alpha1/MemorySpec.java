package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory sizes to measure: either an explicit list or an arithmetic range, never both. Lambda
 * gives CPU in proportion to memory (1,769 MB = 1 vCPU).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.sizesMb) != (has(self.fromMb) || has(self.toMb) || has(self.stepMb))",
    message = "set either sizesMb, or fromMb, toMb and stepMb, not both")
@ValidationRule(
    value = "has(self.fromMb) == has(self.toMb) && has(self.toMb) == has(self.stepMb)",
    message = "fromMb, toMb and stepMb must be set together")
@ValidationRule(
    value = "!has(self.fromMb) || !has(self.toMb) || self.fromMb <= self.toMb",
    message = "fromMb must not be greater than toMb")
@ValidationRule(
    value =
        "!has(self.fromMb) || !has(self.toMb) || !has(self.stepMb)"
            + " || (self.toMb - self.fromMb) / self.stepMb < "
            + MemorySpec.MAX_SIZES,
    message = "the range fromMb..toMb in steps of stepMb must hold at most 1000 sizes")
public class MemorySpec {

  /** Lambda's memory limits. */
  public static final int MIN_MB = 128;

  public static final int MAX_MB = 10_240;

  public static final int MAX_SIZES = 1000;

  /** The reference experiment's sizes: 128 MB, then 256 MB to 10,240 MB in 256 MB steps. */
  public static final String REFERENCE_SIZES_JSON =
      "{\"sizesMb\":["
          + "128,256,512,768,1024,1280,1536,1792,2048,2304,2560,2816,"
          + "3072,3328,3584,3840,4096,4352,4608,4864,5120,5376,5632,5888,"
          + "6144,6400,6656,6912,7168,7424,7680,7936,8192,8448,8704,8960,"
          + "9216,9472,9728,9984,10240"
          + "]}";

  @JsonPropertyDescription("Memory sizes in MB, each 128-10240, no repeats.")
  @Size(min = 1, max = MAX_SIZES)
  @ValidationRule(
      value = "self.all(m, m >= 128 && m <= 10240)",
      message = "each size must be from 128 to 10240 MB")
  private List<Integer> sizesMb;

  @JsonPropertyDescription("First size of a range, in MB.")
  @Min(MIN_MB)
  @Max(MAX_MB)
  private Integer fromMb;

  @JsonPropertyDescription("Last size of a range, in MB; included when it falls on a step.")
  @Min(MIN_MB)
  @Max(MAX_MB)
  private Integer toMb;

  @JsonPropertyDescription("Distance between sizes of a range, in MB.")
  @Min(1)
  @Max(MAX_MB - MIN_MB)
  private Integer stepMb;

  /** The reference experiment's 41 sizes. */
  public static MemorySpec reference() {
    List<Integer> sizes = new ArrayList<>();
    sizes.add(128);
    for (int mb = 256; mb <= MAX_MB; mb += 256) {
      sizes.add(mb);
    }
    MemorySpec spec = new MemorySpec();
    spec.setSizesMb(sizes);
    return spec;
  }

  public List<Integer> getSizesMb() {
    return sizesMb;
  }

  public void setSizesMb(List<Integer> sizesMb) {
    this.sizesMb = sizesMb;
  }

  public Integer getFromMb() {
    return fromMb;
  }

  public void setFromMb(Integer fromMb) {
    this.fromMb = fromMb;
  }

  public Integer getToMb() {
    return toMb;
  }

  public void setToMb(Integer toMb) {
    this.toMb = toMb;
  }

  public Integer getStepMb() {
    return stepMb;
  }

  public void setStepMb(Integer stepMb) {
    this.stepMb = stepMb;
  }
}
