package io.lambdascaling.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;

/** The patch types kube-apiserver accepts for custom resources, applied to a stored object. */
final class Patches {

  private Patches() {}

  /** The patched object, or {@code null} for a patch type custom resources do not accept. */
  static JsonNode apply(String contentType, JsonNode current, JsonNode patch) {
    String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    if (type.startsWith("application/merge-patch+json")) {
      return mergePatch(current, patch);
    }
    if (type.startsWith("application/json-patch+json")) {
      return JsonPatch.apply(patch, current);
    }
    return null;
  }

  /** RFC 7386: objects merge, {@code null} removes, anything else replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? target.deepCopy()
            : JsonNodeFactory.instance.objectNode();
    patch
        .fields()
        .forEachRemaining(
            field -> {
              if (field.getValue().isNull()) {
                result.remove(field.getKey());
              } else {
                result.set(
                    field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
              }
            });
    return result;
  }
}
