package io.lambdascaling.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front of the embedded API server: answers discovery, admits writes of custom resources,
 * filters lists by field selector and renders Tables, and hands everything else to the Fabric8 CRUD
 * store behind it. Whatever a request holds, it answers with a Status rather than failing.
 */
final class ApiDispatcher extends Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);

  private final Dispatcher store;
  private final CrdCatalog catalog;
  private final CustomResourceWrites writes;
  private final Supplier<String> serverAddress;
  private final Clock clock;
  private final Runnable onRequest;

  ApiDispatcher(Dispatcher store, Supplier<String> serverAddress, Clock clock, Runnable onRequest) {
    this.store = store;
    this.catalog = new CrdCatalog(store);
    this.writes = new CustomResourceWrites(store, catalog);
    this.serverAddress = serverAddress;
    this.clock = clock;
    this.onRequest = onRequest;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      onRequest.run();
      MockResponse response = route(request);
      if (response.header("Content-Type") == null) {
        response.setHeader("Content-Type", "application/json");
      }
      return response;
    } catch (RuntimeException | StackOverflowError e) {
      LOG.warn("{} failed", request.getRequestLine(), e);
      return Responses.failure(500, "InternalError", "Internal error occurred: " + e);
    }
  }

  @Override
  public void shutdown() {
    store.shutdown();
  }

  private MockResponse route(RecordedRequest request) {
    String path = request.getPath() == null ? "/" : request.getPath();
    String bare = ResourcePath.withoutQuery(path);
    HttpMethod method = request.method();
    if (method == HttpMethod.GET) {
      Optional<MockResponse> discovery = discovery(bare);
      if (discovery.isPresent()) {
        return discovery.get();
      }
    }
    Optional<ResourcePath> parsed = ResourcePath.parse(path);
    if (parsed.isEmpty()) {
      return Responses.failure(404, "NotFound", "the server could not find the requested resource");
    }
    ResourcePath resource = parsed.get();
    Optional<CrdCatalog.Served> custom =
        catalog.find(resource.group(), resource.version(), resource.plural());
    boolean admitted =
        (method == HttpMethod.POST && resource.isCollection() && resource.subresource() == null)
            || ((method == HttpMethod.PUT || method == HttpMethod.PATCH)
                && !resource.isCollection()
                && (resource.subresource() == null || "status".equals(resource.subresource())));
    if (custom.isPresent() && admitted) {
      return writes.write(request, resource, custom.get());
    }
    if (method == HttpMethod.GET && !resource.isWatch()) {
      return read(request, resource, custom);
    }
    return store.dispatch(request);
  }

  private Optional<MockResponse> discovery(String path) {
    String[] segments = path.replaceAll("^/+|/+$", "").split("/");
    if (path.equals("/version") || path.equals("/version/")) {
      return Optional.of(Responses.json(200, Discovery.version()));
    }
    if (segments.length >= 1 && segments[0].startsWith("openapi")) {
      return Optional.of(Responses.failure(404, "NotFound", "OpenAPI is not served here"));
    }
    if (segments.length == 1 && segments[0].equals("api")) {
      return Optional.of(Responses.json(200, Discovery.coreVersions(serverAddress.get())));
    }
    if (segments.length == 1 && segments[0].equals("apis")) {
      return Optional.of(Responses.json(200, catalog.discovery().groups()));
    }
    boolean core = segments.length == 2 && segments[0].equals("api");
    boolean grouped = segments.length == 3 && segments[0].equals("apis");
    if (core || grouped) {
      String group = core ? "" : segments[1];
      String version = core ? segments[1] : segments[2];
      return Optional.of(
          catalog
              .discovery()
              .resources(group, version)
              .map(list -> Responses.json(200, list))
              .orElseGet(
                  () ->
                      Responses.failure(
                          404, "NotFound", "the server could not find the requested resource")));
    }
    if (segments.length == 2 && segments[0].equals("apis")) {
      return Optional.of(
          Responses.failure(404, "NotFound", "group " + segments[1] + " not served"));
    }
    return Optional.empty();
  }

  /** A GET of objects: by field selector and as a Table when asked; the store does the rest. */
  private MockResponse read(
      RecordedRequest request, ResourcePath resource, Optional<CrdCatalog.Served> custom) {
    String fieldSelector = resource.query().get("fieldSelector");
    String accept = Optional.ofNullable(request.getHeader("Accept")).orElse("");
    boolean table = accept.contains("as=Table");
    if (fieldSelector == null && !table && !resource.isCollection()) {
      return store.dispatch(request);
    }
    MockResponse answer = store.dispatch(withoutFieldSelector(request, resource));
    if (answer.code() != 200) {
      return answer;
    }
    JsonNode body = Responses.parse(answer.getBody().getBytes());
    if (body == null) {
      return answer;
    }
    if (fieldSelector != null && body.path("items").isArray()) {
      FieldSelector selector = FieldSelector.parse(fieldSelector);
      if (selector == null) {
        return Responses.failure(
            400,
            "BadRequest",
            "unable to parse requirement: invalid field selector " + fieldSelector);
      }
      ((ObjectNode) body).set("items", selector.filter(body.get("items")));
    }
    if (!table) {
      return Responses.json(200, typedList(body, resource));
    }
    return Responses.json(
        200,
        Tables.table(
            body,
            columns(resource, custom),
            resource.query().get("includeObject"),
            clock.instant()));
  }

  /** The columns of a Table: a custom resource's printer columns, or the built-in kind's. */
  private static List<Tables.Column> columns(
      ResourcePath resource, Optional<CrdCatalog.Served> custom) {
    return custom
        .map(served -> Tables.forCustomResource(served.version().getAdditionalPrinterColumns()))
        .orElseGet(
            () ->
                resource.group().isEmpty() && resource.plural().equals("events")
                    ? Tables.forEvents()
                    : List.of(Tables.name(), Tables.age()));
  }

  /**
   * Names a list as kube-apiserver does ({@code EventList}, not the store's {@code List}): typed
   * clients such as kubectl's event search decode nothing from a plain {@code List}.
   */
  private JsonNode typedList(JsonNode body, ResourcePath resource) {
    if (body instanceof ObjectNode list && body.path("items").isArray()) {
      catalog
          .discovery()
          .find(resource.group(), resource.version(), resource.plural())
          .ifPresent(
              found ->
                  list.put("kind", found.kind() + "List")
                      .put(
                          "apiVersion",
                          found.group().isEmpty()
                              ? found.version()
                              : found.group() + "/" + found.version()));
    }
    return body;
  }

  private static RecordedRequest withoutFieldSelector(
      RecordedRequest request, ResourcePath resource) {
    Map<String, String> query = resource.query();
    String rest =
        query.entrySet().stream()
            .filter(e -> !e.getKey().equals("fieldSelector"))
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    String path = ResourcePath.withoutQuery(request.getPath()) + (rest.isEmpty() ? "" : "?" + rest);
    return new RecordedRequest(
        request.getHttpVersion(), request.method(), path, request.getHeaders(), request.getBody());
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }
}
