package io.lambdascaling.operator.fleet;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;

/**
 * The Lambda client the SDK's waiters and paginators are given: the only calls they make,
 * GetFunction and ListFunctions, go through the {@link ControlPlane} (its rate limit, its retries
 * of 409, 429, 5xx and lost connections, and its metrics), as every other control-plane call does.
 * A call that fails for good throws the control plane's {@link ControlPlane.Failure}; an interrupt
 * while waiting for its turn throws the SDK's {@link AbortedException} with the thread's interrupt
 * flag set again.
 */
final class ControlPlaneClient implements LambdaClient {

  private final LambdaClient lambda;
  private final ControlPlane controlPlane;

  ControlPlaneClient(LambdaClient lambda, ControlPlane controlPlane) {
    this.lambda = lambda;
    this.controlPlane = controlPlane;
  }

  @Override
  public GetFunctionResponse getFunction(GetFunctionRequest request) {
    try {
      return controlPlane.call("GetFunction", () -> lambda.getFunction(request));
    } catch (InterruptedException e) {
      throw aborted(e);
    }
  }

  @Override
  public ListFunctionsResponse listFunctions(ListFunctionsRequest request) {
    try {
      return controlPlane.call("ListFunctions", () -> lambda.listFunctions(request));
    } catch (InterruptedException e) {
      throw aborted(e);
    }
  }

  private static AbortedException aborted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return AbortedException.builder().message("interrupted").cause(e).build();
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  /** The client it calls through belongs to whoever made it: closing this closes nothing. */
  @Override
  public void close() {}
}
