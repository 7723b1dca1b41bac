package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * The hashing each invocation does: {@code passwords} random passwords, each hashed once with
 * {@code iterations} rounds of {@code algorithm}, shared by the configuration's worker threads.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class WorkloadSpec {

  public static final int DEFAULT_PASSWORDS = 200;
  public static final int MAX_PASSWORDS = 100_000;
  public static final int DEFAULT_ITERATIONS = 100_000;
  public static final int MAX_ITERATIONS = 10_000_000;

  @JsonPropertyDescription("Passwords hashed per invocation, 1-100000; default 200.")
  @Min(1)
  @Max(MAX_PASSWORDS)
  @Default("200")
  private Integer passwords = DEFAULT_PASSWORDS;

  @JsonPropertyDescription("PBKDF2 iterations per password, 1-10000000; default 100000.")
  @Min(1)
  @Max(MAX_ITERATIONS)
  @Default("100000")
  private Integer iterations = DEFAULT_ITERATIONS;

  @JsonPropertyDescription("PBKDF2 variant; default PBKDF2WithHmacSHA256.")
  @Default("PBKDF2WithHmacSHA256")
  private HashAlgorithm algorithm = HashAlgorithm.PBKDF2WithHmacSHA256;

  public Integer getPasswords() {
    return passwords;
  }

  /** A null falls back to the default, as the API server's defaulting does. */
  public void setPasswords(Integer passwords) {
    this.passwords = passwords == null ? DEFAULT_PASSWORDS : passwords;
  }

  public Integer getIterations() {
    return iterations;
  }

  public void setIterations(Integer iterations) {
    this.iterations = iterations == null ? DEFAULT_ITERATIONS : iterations;
  }

  public HashAlgorithm getAlgorithm() {
    return algorithm;
  }

  public void setAlgorithm(HashAlgorithm algorithm) {
    this.algorithm = algorithm == null ? HashAlgorithm.PBKDF2WithHmacSHA256 : algorithm;
  }
}
