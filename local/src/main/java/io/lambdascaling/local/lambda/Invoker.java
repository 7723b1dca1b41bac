package io.lambdascaling.local.lambda;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs one invocation through fault injection and the platform, and writes its log. */
final class Invoker {

  private static final System.Logger LOG = System.getLogger(Invoker.class.getName());

  /** How an invocation ended and its full log (START … REPORT). */
  record Result(Invocation invocation, String log) {}

  private final Platform platform;
  private final Faults faults;

  Invoker(Platform platform, Faults faults) {
    this.platform = platform;
    this.faults = faults;
  }

  String platformDescription() {
    return platform.description();
  }

  Result invoke(FunctionSnapshot function, String requestId, byte[] payload)
      throws InterruptedException {
    try (AutoCloseable ticket = faults.beforeInvoke()) {
      Invocation invocation =
          faults.injectFunctionError()
              ? injectedError(requestId)
              : platform.invoke(function, requestId, payload);
      return new Result(
          invocation,
          LogTail.log(requestId, invocation, platform.description(), function.memoryMb()));
    } catch (ApiError | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** For Event invocations: nobody waits for the answer, so failures are only logged. */
  void invokeQuietly(FunctionSnapshot function, String requestId, byte[] payload) {
    try {
      Result r = invoke(function, requestId, payload);
      if (r.invocation().failed()) {
        LOG.log(
            Level.INFO,
            "async invocation {0} of {1} failed: {2}",
            requestId,
            function.name(),
            r.invocation().errorType());
      }
    } catch (ApiError e) {
      LOG.log(
          Level.INFO,
          "async invocation {0} of {1} not run: {2}",
          requestId,
          function.name(),
          e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Invocation injectedError(String requestId) {
    String error =
        "{\"errorType\":\"LocalLambda.InjectedFunctionError\",\"errorMessage\":\"RequestId: "
            + requestId
            + " Error: function error injected by the local Lambda\"}";
    return new Invocation(
        error.getBytes(StandardCharsets.UTF_8),
        "LocalLambda.InjectedFunctionError",
        List.of("function error injected by the local Lambda"),
        1.0,
        null,
        0,
        0);
  }
}
