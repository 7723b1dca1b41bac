package io.lambdascaling.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;

/**
 * Creates, updates and patches of custom resources (and of their status), admitted as
 * kube-apiserver admits them before the store sees them. A patch is applied here to the stored
 * object, admitted, and stored with an update, so that it carries the stored resourceVersion (a
 * stale one in the patch still conflicts).
 */
final class CustomResourceWrites {

  private final Dispatcher store;
  private final CrdCatalog catalog;

  CustomResourceWrites(Dispatcher store, CrdCatalog catalog) {
    this.store = store;
    this.catalog = catalog;
  }

  MockResponse write(RecordedRequest request, ResourcePath path, CrdCatalog.Served served) {
    JsonNode body = Responses.parse(request.getBody().getBytes());
    if (body == null || !body.isObject() && request.method() != HttpMethod.PATCH) {
      return Responses.failure(
          400, "BadRequest", "the body of the request was in an unknown format");
    }
    JsonNode candidate = body;
    if (request.method() == HttpMethod.PATCH) {
      MockResponse stored =
          store.dispatch(copy(request, HttpMethod.GET, objectPath(request), null));
      if (stored.code() != 200) {
        return stored;
      }
      candidate = patched(request, Responses.parse(stored.getBody().getBytes()), body);
      if (candidate == null) {
        return Responses.failure(
            415,
            "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include:"
                + " application/json-patch+json, application/merge-patch+json");
      }
    }
    if (!candidate.isObject()) {
      return Responses.failure(400, "BadRequest", "the patched object is not a JSON object");
    }
    return admit(request, path, served, (ObjectNode) candidate);
  }

  /** Admits the object as it would be stored, and stores it when it is allowed. */
  private MockResponse admit(
      RecordedRequest request, ResourcePath path, CrdCatalog.Served served, ObjectNode candidate) {
    CustomResourceAdmission admission = catalog.admission(served);
    CustomResourceAdmission.Verdict verdict = admission.admit(candidate);
    String name = candidate.at("/metadata/name").asText(path.name() == null ? "" : path.name());
    if ("Strict".equals(path.query().get("fieldValidation")) && !verdict.pruned().isEmpty()) {
      return Responses.failure(
          400,
          "BadRequest",
          admission.qualifiedKind()
              + " \""
              + name
              + "\" is invalid: strict decoding error: "
              + String.join(
                  ", ",
                  verdict.pruned().stream().map(f -> "unknown field \"" + f + "\"").toList()));
    }
    if (!verdict.allowed()) {
      return Responses.invalid(
          served.crd().getSpec().getGroup(),
          served.crd().getSpec().getNames().getKind(),
          name,
          admission.message(name, verdict.errors()),
          verdict.errors());
    }
    return store(request, path, verdict);
  }

  /** Hands the admitted object to the store (a patch as an update), unless it is a dry run. */
  private MockResponse store(
      RecordedRequest request, ResourcePath path, CustomResourceAdmission.Verdict verdict) {
    HttpMethod method = request.method() == HttpMethod.PATCH ? HttpMethod.PUT : request.method();
    String target = request.method() == HttpMethod.POST ? request.getPath() : objectPath(request);
    if (path.query().containsKey("dryRun")) {
      return Responses.json(request.method() == HttpMethod.POST ? 201 : 200, verdict.object());
    }
    MockResponse answer = store.dispatch(copy(request, method, target, verdict.object()));
    if ("Warn".equals(path.query().get("fieldValidation"))) {
      verdict
          .pruned()
          .forEach(f -> answer.addHeader("Warning", "299 - \"unknown field \\\"" + f + "\\\"\""));
    }
    return answer;
  }

  private static JsonNode patched(RecordedRequest request, JsonNode stored, JsonNode patch) {
    try {
      return Patches.apply(request.getHeader("Content-Type"), stored, patch);
    } catch (RuntimeException e) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
  }

  private static String objectPath(RecordedRequest request) {
    return ResourcePath.withoutQuery(request.getPath());
  }

  private static RecordedRequest copy(
      RecordedRequest request, HttpMethod method, String path, JsonNode body) {
    byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
    return new RecordedRequest(
        request.getHttpVersion(),
        method,
        path,
        request.getHeaders().newBuilder().set("Content-Type", "application/json").build(),
        new Buffer(bytes));
  }
}
