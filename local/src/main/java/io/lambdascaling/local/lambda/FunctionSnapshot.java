package io.lambdascaling.local.lambda;

import java.util.Map;

/**
 * What a platform needs to run a function, frozen at the moment of the invocation.
 *
 * @param revision changes with every configuration or code update, so platforms can retire
 *     instances started for an older one
 */
public record FunctionSnapshot(
    String name,
    String arn,
    String runtime,
    String handler,
    int memoryMb,
    int timeoutSeconds,
    String architecture,
    Map<String, String> environment,
    byte[] zip,
    String codeSha256,
    long revision) {}
