package io.lambdascaling.operator.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Brings Lambda functions to their planned state through the AWS SDK: creates what is missing,
 * updates what drifted (configuration, code, architecture, tags), waits until each is Active with
 * no update in progress (with the SDK's waiters), finds functions by tag (with its paginator) and
 * deletes them. Every call goes through the {@link ControlPlane}.
 */
public final class Fleet {

  private final LambdaClient lambda;
  private final ControlPlane controlPlane;
  private final FunctionPackage code;

  /** What the SDK's waiters and paginators call through, so that they go by the control plane. */
  private final ControlPlaneClient meteredLambda;

  private final Readiness readiness;

  public Fleet(LambdaClient lambda, ControlPlane controlPlane, FunctionPackage code) {
    this.lambda = lambda;
    this.controlPlane = controlPlane;
    this.code = code;
    this.meteredLambda = new ControlPlaneClient(lambda, controlPlane);
    this.readiness = new Readiness(meteredLambda);
  }

  /**
   * Makes the function exist as planned and returns its ARN once it can be invoked.
   *
   * @throws FleetException when it cannot (a permanent one, such as a bad role or a name that
   *     belongs to someone else, says so)
   */
  public String ensure(DesiredFunction want, Duration readyTimeout) throws InterruptedException {
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    try {
      GetFunctionResponse current = find(want.name());
      if (current == null) {
        create(want);
        return readiness.await(want.name(), left(deadline)).functionArn();
      }
      checkOwner(want, current.tags());
      FunctionConfiguration config = update(want, deadline);
      if (!current.tags().entrySet().containsAll(want.tags().entrySet())) {
        String arn = config.functionArn();
        controlPlane.call(
            "TagResource", () -> lambda.tagResource(t -> t.resource(arn).tags(want.tags())));
      }
      return config.functionArn();
    } catch (ControlPlane.Failure e) {
      throw new FleetException(want.name() + ": " + e.getMessage(), e.permanent(), e);
    }
  }

  /** Brings an existing function's code and configuration to the plan, each once it is ready. */
  private FunctionConfiguration update(DesiredFunction want, long deadline)
      throws InterruptedException {
    FunctionConfiguration config = readiness.await(want.name(), left(deadline));
    if (!code.codeSha256().equals(config.codeSha256())
        || !config.architectures().contains(architecture(want))) {
      controlPlane.call(
          "UpdateFunctionCode",
          () ->
              lambda.updateFunctionCode(
                  u ->
                      u.functionName(want.name())
                          .zipFile(SdkBytes.fromByteArray(code.zip()))
                          .architectures(architecture(want))));
      config = readiness.await(want.name(), left(deadline));
    }
    if (drifted(want, config)) {
      controlPlane.call(
          "UpdateFunctionConfiguration",
          () ->
              lambda.updateFunctionConfiguration(
                  u ->
                      u.functionName(want.name())
                          .memorySize(want.configuration().memoryMb())
                          .timeout(want.timeoutSeconds())
                          .runtime(want.runtime())
                          .role(want.roleArn())
                          .handler(FunctionPackage.HANDLER)
                          .environment(e -> e.variables(want.environment()))));
      config = readiness.await(want.name(), left(deadline));
    }
    return config;
  }

  private static Duration left(long deadlineNanos) {
    return Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  private void create(DesiredFunction want) throws InterruptedException {
    controlPlane.call(
        "CreateFunction",
        () ->
            lambda.createFunction(
                c ->
                    c.functionName(want.name())
                        .runtime(want.runtime())
                        .role(want.roleArn())
                        .handler(FunctionPackage.HANDLER)
                        .code(z -> z.zipFile(SdkBytes.fromByteArray(code.zip())))
                        .memorySize(want.configuration().memoryMb())
                        .timeout(want.timeoutSeconds())
                        .architectures(architecture(want))
                        .environment(e -> e.variables(want.environment()))
                        .description("lambda-scaling-operator: " + want.configuration().key())
                        .tags(want.tags())));
  }

  private static Architecture architecture(DesiredFunction want) {
    return Architecture.fromValue(want.configuration().architecture());
  }

  private static boolean drifted(DesiredFunction want, FunctionConfiguration c) {
    Map<String, String> env =
        c.environment() == null || c.environment().variables() == null
            ? Map.of()
            : c.environment().variables();
    return !Objects.equals(c.memorySize(), want.configuration().memoryMb())
        || !Objects.equals(c.timeout(), want.timeoutSeconds())
        || !want.runtime().equals(c.runtimeAsString())
        || !want.roleArn().equals(c.role())
        || !FunctionPackage.HANDLER.equals(c.handler())
        || !env.equals(want.environment());
  }

  /** A function of this name that another experiment owns is never adopted. */
  private static void checkOwner(DesiredFunction want, Map<String, String> tags) {
    String owner = tags == null ? null : tags.get(want.ownerTag());
    if (!want.owner().equals(owner)) {
      throw new FleetException(
          "function "
              + want.name()
              + " exists but is not this experiment's ("
              + want.ownerTag()
              + "="
              + owner
              + "); delete or rename it, or choose another namePrefix",
          true,
          null);
    }
  }

  private GetFunctionResponse find(String name) throws InterruptedException {
    try {
      return controlPlane.call("GetFunction", () -> lambda.getFunction(g -> g.functionName(name)));
    } catch (ControlPlane.Failure e) {
      if (e.getCause() instanceof ResourceNotFoundException) {
        return null;
      }
      throw e;
    }
  }

  /** Deletes a function; one already gone is fine. */
  public void delete(String name) throws InterruptedException {
    try {
      controlPlane.call("DeleteFunction", () -> lambda.deleteFunction(d -> d.functionName(name)));
    } catch (ControlPlane.Failure e) {
      if (!(e.getCause() instanceof ResourceNotFoundException)) {
        throw new FleetException(name + ": " + e.getMessage(), e.permanent(), e);
      }
    }
  }

  /**
   * Names of the functions whose name starts with {@code namePrefix} and that carry the tag {@code
   * key=value}: found by tag, not by plan, so that nothing a crashed or changed plan made is
   * missed.
   */
  public List<String> tagged(String namePrefix, String key, String value)
      throws InterruptedException {
    return new ArrayList<>(withTags(namePrefix, key, value).keySet());
  }

  /**
   * The functions whose name starts with {@code namePrefix} and that carry the tag {@code
   * key=value}, each with all its tags, by name. One ListFunctions page per 50 functions and one
   * ListTags per function with the prefix, all through the control plane's rate limit.
   *
   * @throws FleetException when Lambda cannot be listed
   */
  public Map<String, Map<String, String>> withTags(String namePrefix, String key, String value)
      throws InterruptedException {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    try {
      for (FunctionConfiguration f :
          meteredLambda.listFunctionsPaginator(l -> l.maxItems(50)).functions()) {
        if (f.functionName().startsWith(namePrefix)) {
          Map<String, String> tags =
              controlPlane.call(
                  "ListTags", () -> lambda.listTags(t -> t.resource(f.functionArn())).tags());
          if (value.equals(tags.get(key))) {
            out.put(f.functionName(), tags);
          }
        }
      }
    } catch (AbortedException e) {
      Thread.interrupted(); // told by the exception instead
      throw new InterruptedException("interrupted while listing functions");
    } catch (ControlPlane.Failure e) {
      throw new FleetException(
          "listing the functions " + namePrefix + "*: " + e.getMessage(), e.permanent(), e);
    }
    return out;
  }
}
