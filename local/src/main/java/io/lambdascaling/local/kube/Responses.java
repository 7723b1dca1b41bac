package io.lambdascaling.local.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.lambdascaling.api.schema.FieldError;
import java.util.List;

/** JSON answers of the embedded API server, and its {@code Status} objects for failures. */
final class Responses {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Responses() {}

  static MockResponse json(int code, JsonNode body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }

  static MockResponse failure(int code, String reason, String message) {
    return json(code, status(code, reason, message));
  }

  static ObjectNode status(int code, String reason, String message) {
    ObjectNode status = JSON.objectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    return status
        .put("status", "Failure")
        .put("message", message)
        .put("reason", reason)
        .put("code", code);
  }

  /** The 422 kube-apiserver answers for an invalid object, one cause per field error. */
  static MockResponse invalid(
      String group, String kind, String name, String message, List<FieldError> errors) {
    ObjectNode status = status(422, "Invalid", message);
    ObjectNode details = status.putObject("details").put("name", name).put("group", group);
    details.put("kind", kind);
    ArrayNode causes = details.putArray("causes");
    for (FieldError error : errors) {
      causes
          .addObject()
          .put("reason", error.kind().reason())
          .put("message", error.body())
          .put("field", error.field());
    }
    return json(422, status);
  }

  /** Parses a body as JSON; {@code null} when it is not JSON. */
  static JsonNode parse(byte[] body) {
    try {
      return Serialization.jsonMapper().readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
