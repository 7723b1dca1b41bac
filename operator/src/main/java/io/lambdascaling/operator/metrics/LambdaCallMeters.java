package io.lambdascaling.operator.metrics;

import io.lambdascaling.operator.fleet.LambdaCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the operator's Lambda API calls (the control plane's and Invoke) by operation and outcome,
 * and the control plane's retries by reason. Shared by all experiments: no experiment label.
 */
public final class LambdaCallMeters implements LambdaCalls {

  private final MeterRegistry registry;

  public LambdaCallMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void called(String operation, String outcome) {
    Counter.builder("lse.lambda.api.calls")
        .description(
            "Lambda API calls (each attempt) by operation and outcome: success, throttled,"
                + " conflict, not_found, client_error, service_error, network_error.")
        .tags("operation", operation, "outcome", outcome)
        .register(registry)
        .increment();
  }

  @Override
  public void retried(String operation, String reason) {
    Counter.builder("lse.lambda.api.retries")
        .description(
            "Control-plane calls tried again, by operation and the failed attempt's outcome.")
        .tags("operation", operation, "reason", reason)
        .register(registry)
        .increment();
  }
}
