package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A spec the API server holds that the model cannot take as it is — a wrong type such as {@code
 * workers: ["two"]}, or a field the model does not have — as an API server without schema
 * validation stores it. Reading it never fails, so that one such object cannot stop the informer
 * that serves every experiment; the operator reports what is wrong with it from {@link #source()},
 * and it is written back exactly as it was read.
 */
public final class UnreadableSpec extends ExperimentSpec {

  private final JsonNode source;

  UnreadableSpec(JsonNode source) {
    this.source = source;
  }

  /** The spec as stored. */
  @JsonValue
  public JsonNode source() {
    return source;
  }
}
