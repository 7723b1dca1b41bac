package io.lambdascaling.local.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded API server's front, driven request by request without a network. */
class ApiDispatcherTest {

  private static final String EXPERIMENTS =
      "/apis/lambdascaling.io/v1alpha1/namespaces/default/lambdascalingexperiments";
  private static final String TABLE =
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

  private ApiDispatcher api;

  @BeforeEach
  void start() {
    api =
        new ApiDispatcher(
            new KubernetesMixedDispatcher(new HashMap<>()),
            () -> "127.0.0.1:6443",
            Clock.fixed(Instant.now().plus(Duration.ofSeconds(630)), ZoneOffset.UTC),
            () -> {});
    MockResponse crd =
        send(
            HttpMethod.POST,
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
            Serialization.asJson(Samples.crd()),
            "application/json");
    assertThat(crd.code()).isEqualTo(201);
  }

  private MockResponse send(HttpMethod method, String path, String body, String contentType) {
    Headers headers =
        new Headers.Builder().add("Content-Type", contentType).add("Accept", contentType).build();
    return api.dispatch(
        new RecordedRequest(
            "HTTP/1.1", method, path, headers, new Buffer(body.getBytes(StandardCharsets.UTF_8))));
  }

  private JsonNode get(String path, String accept) {
    MockResponse response = send(HttpMethod.GET, path, "", accept);
    assertThat(response.code()).as(path).isEqualTo(200);
    return Responses.parse(response.getBody().getBytes());
  }

  private static String json(String yaml) {
    return Serialization.asJson(Serialization.unmarshal(yaml, Map.class));
  }

  @Test
  void discovery_lists_the_crd_with_short_name_and_status_subresource_ignoring_the_query() {
    JsonNode groups = get("/apis?timeout=32s", "application/json");
    assertThat(groups.findValuesAsText("name"))
        .contains("lambdascaling.io", "apiextensions.k8s.io");

    JsonNode resources = get("/apis/lambdascaling.io/v1alpha1?timeout=32s", "application/json");
    assertThat(resources.path("resources").get(0).path("shortNames").get(0).asText())
        .isEqualTo("lse");
    assertThat(resources.path("resources").get(0).path("namespaced").asBoolean()).isTrue();
    assertThat(resources.path("resources").get(1).path("name").asText())
        .isEqualTo("lambdascalingexperiments/status");

    assertThat(get("/version?timeout=32s", "application/json").path("minor").asText())
        .isEqualTo("32");
    assertThat(get("/api", "application/json").path("versions").get(0).asText()).isEqualTo("v1");
    assertThat(get("/api/v1", "application/json").findValuesAsText("name")).contains("events");
    assertThat(send(HttpMethod.GET, "/openapi/v2", "", "application/json").code()).isEqualTo(404);
  }

  @Test
  void table_of_custom_resources_has_the_printer_columns_with_ages_and_blanks() {
    assertThat(send(HttpMethod.POST, EXPERIMENTS, json(Samples.VALID), "application/json").code())
        .isEqualTo(201);

    JsonNode table = get(EXPERIMENTS + "?limit=500", TABLE);

    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("columnDefinitions").findValuesAsText("name"))
        .containsExactly("Name", "Age", "Configurations", "Phase", "Progress", "Spend");
    JsonNode cells = table.path("rows").get(0).path("cells");
    assertThat(cells.get(0).asText()).isEqualTo("small");
    assertThat(cells.get(1).asText()).isEqualTo("10m");
    assertThat(cells.get(3).isNull()).isTrue();
    assertThat(table.path("rows").get(0).at("/object/kind").asText())
        .isEqualTo("PartialObjectMetadata");
  }

  @Test
  void merge_patch_of_the_spec_is_admitted_and_a_strategic_one_is_refused() {
    send(HttpMethod.POST, EXPERIMENTS, json(Samples.VALID), "application/json");

    MockResponse invalid =
        send(
            HttpMethod.PATCH,
            EXPERIMENTS + "/small",
            "{\"spec\":{\"workers\":[2,2]}}",
            "application/merge-patch+json");
    MockResponse valid =
        send(
            HttpMethod.PATCH,
            EXPERIMENTS + "/small",
            "{\"spec\":{\"workers\":[3]}}",
            "application/merge-patch+json");
    MockResponse strategic =
        send(
            HttpMethod.PATCH,
            EXPERIMENTS + "/small",
            "{\"spec\":{\"workers\":[4]}}",
            "application/strategic-merge-patch+json");

    assertThat(invalid.code()).isEqualTo(422);
    assertThat(invalid.getBody().readUtf8())
        .contains("\"reason\":\"Invalid\"", "\"field\":\"spec.workers\"");
    assertThat(valid.code()).isEqualTo(200);
    assertThat(strategic.code()).isEqualTo(415);
    JsonNode stored = get(EXPERIMENTS + "/small", "application/json");
    assertThat(stored.at("/spec/workers").toString()).isEqualTo("[3]");
    assertThat(stored.at("/metadata/generation").asInt()).isEqualTo(2);
  }

  @Test
  void events_are_selected_by_field_and_listed_as_an_event_list() {
    for (String name : new String[] {"small", "other"}) {
      String event =
          "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\""
              + name
              + ".1\"},\"involvedObject\":{\"kind\":\"LambdaScalingExperiment\",\"name\":\""
              + name
              + "\"},\"reason\":\"Planned\",\"type\":\"Normal\",\"message\":\"m\"}";
      send(HttpMethod.POST, "/api/v1/namespaces/default/events", event, "application/json");
    }

    JsonNode list =
        get(
            "/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dsmall%2C"
                + "involvedObject.kind%3DLambdaScalingExperiment&limit=500",
            "application/json");
    JsonNode table = get("/api/v1/namespaces/default/events", TABLE);

    assertThat(list.path("kind").asText()).isEqualTo("EventList");
    assertThat(list.path("items").findValuesAsText("name")).containsExactly("small.1", "small");
    assertThat(table.path("columnDefinitions").findValuesAsText("name"))
        .containsExactly("Last Seen", "Type", "Reason", "Object", "Message");
    assertThat(table.path("rows").get(0).path("cells").get(3).asText())
        .isEqualTo("lambdascalingexperiment/small");
  }

  @Test
  void malformed_requests_get_a_status_not_a_crash() {
    StringBuilder deep = new StringBuilder();
    deep.append("[".repeat(5000)).append("]".repeat(5000));
    String[][] requests = {
      {"POST", EXPERIMENTS, "not json"},
      {"POST", EXPERIMENTS, "[1,2]"},
      {"POST", EXPERIMENTS, deep.toString()},
      {"POST", EXPERIMENTS, "{\"metadata\":{\"name\":\"x\"},\"spec\":\"oops\"}"},
      {"PUT", EXPERIMENTS + "/missing", "{}"},
      {"PATCH", EXPERIMENTS + "/missing", "{}"},
      {"GET", EXPERIMENTS + "?fieldSelector=%zz&limit=", ""},
      {"GET", "/apis/unknown.io/v1/things", ""},
      {"GET", "/totally/unknown", ""},
      {"DELETE", EXPERIMENTS + "/missing", ""},
    };
    for (String[] request : requests) {
      MockResponse response =
          send(HttpMethod.valueOf(request[0]), request[1], request[2], "application/json");
      assertThat(response.code()).as(String.join(" ", request[0], request[1])).isBetween(200, 499);
    }
  }
}
