package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Lambda functions the operator creates, one per configuration. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class FunctionSpec {

  public static final int DEFAULT_TIMEOUT_SECONDS = 900;
  public static final int MAX_TIMEOUT_SECONDS = 900;
  public static final String DEFAULT_NAME_PREFIX = "lse-";

  /** Lambda allows 50 tags per function; the operator sets 4 of its own. */
  public static final int MAX_TAGS = 46;

  /** Tag key prefixes users may not set: AWS's own, and the operator's. */
  public static final String RESERVED_TAG_PREFIX_AWS = "aws:";

  public static final String RESERVED_TAG_PREFIX_OPERATOR = "lambdascaling.io/";

  @JsonPropertyDescription("Lambda runtime: java21 (default) or java17.")
  @Default("java21")
  private LambdaRuntime runtime = LambdaRuntime.JAVA21;

  @JsonPropertyDescription("Function timeout in seconds, 1-900; default 900.")
  @Min(1)
  @Max(MAX_TIMEOUT_SECONDS)
  @Default("900")
  private Integer timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

  @JsonPropertyDescription(
      "ARN of the IAM role the functions run as (needs only CloudWatch Logs permissions).")
  @Required
  @Pattern(Patterns.ROLE_ARN)
  private String roleArn;

  @JsonPropertyDescription(
      "Start of every function name (letters, digits, - and _; up to 20); default lse-.")
  @Pattern(Patterns.NAME_PREFIX)
  @Default(DEFAULT_NAME_PREFIX)
  private String namePrefix = DEFAULT_NAME_PREFIX;

  @JsonPropertyDescription(
      "Extra tags for every function (at most 46; keys 1-128 characters, values up to 256;"
          + " not aws: or lambdascaling.io/).")
  @Size(max = MAX_TAGS)
  @ValidationRule(
      value =
          "self.all(k, size(k) >= 1 && size(k) <= 128 && !k.startsWith('aws:')"
              + " && !k.startsWith('lambdascaling.io/') && size(self[k]) <= 256)",
      message =
          "tag keys must be 1-128 characters and not start with aws: or lambdascaling.io/;"
              + " values at most 256 characters")
  private Map<String, String> tags = new LinkedHashMap<>();

  public LambdaRuntime getRuntime() {
    return runtime;
  }

  /** A null falls back to the default, as the API server's defaulting does. */
  public void setRuntime(LambdaRuntime runtime) {
    this.runtime = runtime == null ? LambdaRuntime.JAVA21 : runtime;
  }

  public Integer getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public void setTimeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }

  public String getRoleArn() {
    return roleArn;
  }

  public void setRoleArn(String roleArn) {
    this.roleArn = roleArn;
  }

  public String getNamePrefix() {
    return namePrefix;
  }

  public void setNamePrefix(String namePrefix) {
    this.namePrefix = namePrefix == null ? DEFAULT_NAME_PREFIX : namePrefix;
  }

  public Map<String, String> getTags() {
    return tags;
  }

  public void setTags(Map<String, String> tags) {
    this.tags = tags == null ? new LinkedHashMap<>() : tags;
  }
}
