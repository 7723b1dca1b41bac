package io.lambdascaling.operator.fleet;

import io.lambdascaling.analysis.Configuration;
import java.util.Map;

/**
 * A function as the plan wants it.
 *
 * @param owner the value of the ownership tag ({@code lambdascaling.io/uid}) it must carry
 */
public record DesiredFunction(
    String name,
    Configuration configuration,
    String runtime,
    String roleArn,
    int timeoutSeconds,
    Map<String, String> tags,
    String ownerTag,
    String owner) {

  /** The function reads its worker count from here when the event does not set it. */
  public Map<String, String> environment() {
    return Map.of("WORKERS", Integer.toString(configuration.workers()));
  }
}
