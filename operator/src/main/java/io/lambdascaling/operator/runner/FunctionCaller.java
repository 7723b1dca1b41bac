package io.lambdascaling.operator.runner;

import io.lambdascaling.analysis.Outcome;

/**
 * Invokes a function with an event and says how it ended (the SDK in production, fakes in tests).
 */
@FunctionalInterface
public interface FunctionCaller {
  Outcome invoke(String functionName, String event);
}
