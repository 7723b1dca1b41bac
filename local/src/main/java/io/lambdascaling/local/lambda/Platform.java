package io.lambdascaling.local.lambda;

/** What runs invocations: real child processes (execute) or a model (simulate). */
public interface Platform extends AutoCloseable {

  /**
   * What ran the function, for every response: the mode, the CPU scale, and whether timings are
   * real or simulated.
   */
  String description();

  /**
   * Runs one invocation to its end (success, function error, timeout or crash).
   *
   * @throws ApiError when the invocation cannot be started (e.g. no capacity: 429)
   */
  Invocation invoke(FunctionSnapshot function, String requestId, byte[] payload)
      throws InterruptedException;

  /** The function changed or was deleted: instances started for it must not serve again. */
  void retire(String functionName);

  @Override
  void close();
}
