package io.lambdascaling.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;

/** The whole control-plane and invoke cycle through the AWS SDK, on the simulate platform. */
class SimulateModeIT {

  private final ObjectMapper json = new ObjectMapper();
  private LocalLambda lambda;
  private LambdaClient client;

  @BeforeEach
  void start() throws IOException {
    lambda =
        LocalLambda.start(
            LocalLambda.Options.defaults().withTransitionDelay(java.time.Duration.ofSeconds(1)),
            new SimulatePlatform(SimulationModel.defaults(42)));
    client = Lambdas.client(lambda);
  }

  @AfterEach
  void stop() {
    client.close();
    lambda.close();
  }

  private JsonNode payload(InvokeResponse r) throws IOException {
    return json.readTree(r.payload().asByteArray());
  }

  @Test
  void create_wait_invoke_update_list_delete() throws IOException {
    CreateFunctionResponse created =
        client.createFunction(
            Lambdas.create("lse-sim-w2-m1769", 1769)
                .environment(e -> e.variables(Map.of("WORKERS", "2")))
                .build());
    assertThat(created.state()).isEqualTo(State.PENDING);
    assertThat(created.functionArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:lse-sim-w2-m1769");
    assertThatThrownBy(() -> client.invoke(i -> i.functionName("lse-sim-w2-m1769")))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageContaining("Pending");

    FunctionConfiguration active =
        client
            .waiter()
            .waitUntilFunctionActiveV2(g -> g.functionName("lse-sim-w2-m1769"))
            .matched()
            .response()
            .orElseThrow()
            .configuration();
    assertThat(active.state()).isEqualTo(State.ACTIVE);

    InvokeResponse cold =
        invoke("lse-sim-w2-m1769", "{\"passwords\": 200, \"iterations\": 100000}");
    assertThat(cold.statusCode()).isEqualTo(200);
    assertThat(cold.functionError()).isNull();
    assertThat(cold.executedVersion()).isEqualTo("$LATEST");
    JsonNode body = payload(cold);
    assertThat(body.get("simulated").asBoolean()).isTrue();
    assertThat(body.get("workers").asInt()).isEqualTo(2);
    assertThat(body.get("coldStart").asBoolean()).isTrue();
    // 200 × 100,000 × 330 ns on 1 vCPU (2 workers, 1 vCPU): 6.6 s, noise CV 3 %
    assertThat(body.get("procTimeMs").asDouble()).isBetween(5000.0, 9000.0);
    Matcher report = Lambdas.report(cold);
    assertThat(report.group(1)).isEqualTo(cold.responseMetadata().requestId());
    assertThat(Double.parseDouble(report.group(2)))
        .isGreaterThan(body.get("procTimeMs").asDouble());
    assertThat(report.group(4)).isEqualTo("1769");
    assertThat(report.group(6)).as("Init Duration on a cold start").isNotNull();
    assertThat(Lambdas.log(cold)).contains("SIMULATED");

    InvokeResponse warm = invoke("lse-sim-w2-m1769", "{}");
    assertThat(payload(warm).get("coldStart").asBoolean()).isFalse();
    assertThat(Lambdas.report(warm).group(6)).as("no Init Duration when warm").isNull();

    var updated =
        client.updateFunctionConfiguration(
            u -> u.functionName("lse-sim-w2-m1769").memorySize(3538));
    assertThat(updated.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
    assertThatThrownBy(() -> invoke("lse-sim-w2-m1769", "{}"))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageContaining("update is in progress");
    assertThatThrownBy(
            () ->
                client.updateFunctionConfiguration(
                    u -> u.functionName("lse-sim-w2-m1769").timeout(5)))
        .isInstanceOf(ResourceConflictException.class);
    client.waiter().waitUntilFunctionUpdatedV2(g -> g.functionName("lse-sim-w2-m1769"));
    InvokeResponse bigger =
        invoke("lse-sim-w2-m1769", "{\"passwords\": 200, \"iterations\": 100000}");
    assertThat(payload(bigger).get("memoryLimitMb").asInt()).isEqualTo(3538);
    assertThat(payload(bigger).get("coldStart").asBoolean())
        .as("new configuration, new instance")
        .isTrue();
    assertThat(payload(bigger).get("procTimeMs").asDouble())
        .isLessThan(body.get("procTimeMs").asDouble() * 0.75);

    client.deleteFunction(d -> d.functionName("lse-sim-w2-m1769"));
    assertThatThrownBy(() -> client.getFunction(g -> g.functionName("lse-sim-w2-m1769")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void functions_are_listed_in_pages_and_found_by_tag() throws IOException {
    for (String name : List.of("lse-a", "lse-b", "lse-c")) {
      client.createFunction(Lambdas.create(name, 512).tags(Map.of("team", name)).build());
    }
    String arnB = client.getFunction(g -> g.functionName("lse-b")).configuration().functionArn();
    client.tagResource(t -> t.resource(arnB).tags(Map.of("lambdascaling.io/uid", "u-1")));
    client.untagResource(t -> t.resource(arnB).tagKeys("team"));

    List<String> pages =
        client.listFunctionsPaginator(l -> l.maxItems(1)).stream()
            .map(p -> p.functions().size() + ":" + p.nextMarker())
            .toList();
    assertThat(pages).containsExactly("1:lse-a", "1:lse-b", "1:null");

    List<String> tagged =
        client.listFunctionsPaginator(l -> l.maxItems(2)).functions().stream()
            .filter(
                f ->
                    "u-1"
                        .equals(
                            client
                                .listTags(t -> t.resource(f.functionArn()))
                                .tags()
                                .get("lambdascaling.io/uid")))
            .map(FunctionConfiguration::functionName)
            .toList();
    assertThat(tagged).containsExactly("lse-b");
    assertThat(client.listTags(t -> t.resource(arnB)).tags())
        .containsOnlyKeys("lambdascaling.io/uid");
    assertThat(client.getFunction(g -> g.functionName("lse-b")).tags())
        .containsKey("lambdascaling.io/uid");
  }

  @Test
  void a_bad_event_is_a_function_error_naming_the_field() throws IOException {
    client.createFunction(Lambdas.create("lse-bad-event", 1024).build());
    client.waiter().waitUntilFunctionActiveV2(g -> g.functionName("lse-bad-event"));

    InvokeResponse r = invoke("lse-bad-event", "{\"workers\": 0}");

    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(payload(r).get("errorType").asText())
        .isEqualTo("io.lambdascaling.function.InvalidEventException");
    assertThat(payload(r).get("errorMessage").asText())
        .isEqualTo("workers: must be an integer from 1 to 64, got 0");
  }

  @Test
  void an_invocation_longer_than_the_timeout_times_out() throws IOException {
    client.createFunction(Lambdas.create("lse-slow", 128).timeout(3).build());
    client.waiter().waitUntilFunctionActiveV2(g -> g.functionName("lse-slow"));

    InvokeResponse r = invoke("lse-slow", "{\"passwords\": 200, \"iterations\": 100000}");

    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(payload(r).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(payload(r).get("errorMessage").asText())
        .contains("Task timed out after 3.00 seconds");
    assertThat(Lambdas.report(r).group(2)).isEqualTo("3000.00");
  }

  @Test
  void the_same_seed_gives_the_same_timings() throws IOException {
    List<Double> first = timings();
    stop();
    start();

    assertThat(timings()).isEqualTo(first);
  }

  private List<Double> timings() throws IOException {
    client.createFunction(Lambdas.create("lse-seeded", 2048).build());
    client.waiter().waitUntilFunctionActiveV2(g -> g.functionName("lse-seeded"));
    List<Double> out = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      out.add(payload(invoke("lse-seeded", "{\"workers\": 3}")).get("procTimeMs").asDouble());
    }
    return out;
  }

  private InvokeResponse invoke(String name, String event) {
    return client.invoke(
        i -> i.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(event)));
  }
}
