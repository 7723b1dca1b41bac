package io.lambdascaling.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdascaling.local.lambda.execute.ExecuteOptions;
import io.lambdascaling.local.lambda.execute.ExecutePlatform;
import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The acceptance cycle, the same on both platforms: create → wait Active → invoke → payload and
 * REPORT → update memory → invoke → list by tag → delete.
 */
class LifecycleIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Platform platform(String mode) throws IOException {
    return mode.equals("execute")
        ? ExecutePlatform.create(ExecuteOptions.defaults())
        : new SimulatePlatform(SimulationModel.defaults(11));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"execute", "simulate"})
  void the_whole_cycle(String mode) throws IOException {
    try (LocalLambda lambda =
            LocalLambda.start(
                LocalLambda.Options.defaults().withTransitionDelay(Duration.ofMillis(300)),
                platform(mode));
        LambdaClient client = Lambdas.client(lambda)) {
      String uid = "uid-" + mode;
      for (String name : List.of("cycle-a", "cycle-b")) {
        client.createFunction(
            Lambdas.create(name, 1024)
                .tags(Map.of("lambdascaling.io/uid", name.equals("cycle-a") ? uid : "other"))
                .build());
      }
      client.waiter().waitUntilFunctionActiveV2(g -> g.functionName("cycle-a"));

      InvokeResponse first = invoke(client, "cycle-a");
      JsonNode body = JSON.readTree(first.payload().asByteArray());
      assertThat(first.functionError()).as(body.toString()).isNull();
      assertThat(body.get("passwords").asInt()).isEqualTo(3);
      assertThat(body.get("memoryLimitMb").asInt()).isEqualTo(1024);
      assertThat(body.get("procTimeMs").asDouble()).isPositive();
      assertThat(body.has("simulated")).isEqualTo(mode.equals("simulate"));
      Matcher report = Lambdas.report(first);
      assertThat(report.group(4)).isEqualTo("1024");
      assertThat(Long.parseLong(report.group(3)))
          .as("billed = ceil(duration + init)")
          .isEqualTo(
              (long)
                  Math.ceil(
                      Double.parseDouble(report.group(2)) + Double.parseDouble(report.group(6))));
      assertThat(first.sdkHttpResponse().firstMatchingHeader("X-Lse-Platform").orElseThrow())
          .contains("local " + mode);

      client.updateFunctionConfiguration(u -> u.functionName("cycle-a").memorySize(2048));
      client.waiter().waitUntilFunctionUpdatedV2(g -> g.functionName("cycle-a"));
      InvokeResponse second = invoke(client, "cycle-a");
      assertThat(JSON.readTree(second.payload().asByteArray()).get("memoryLimitMb").asInt())
          .isEqualTo(2048);
      assertThat(Lambdas.report(second).group(4)).isEqualTo("2048");

      List<String> tagged =
          client.listFunctionsPaginator(l -> l.maxItems(1)).functions().stream()
              .map(FunctionConfiguration::functionArn)
              .filter(
                  arn ->
                      uid.equals(
                          client.listTags(t -> t.resource(arn)).tags().get("lambdascaling.io/uid")))
              .toList();
      assertThat(tagged).containsExactly("arn:aws:lambda:us-east-1:000000000000:function:cycle-a");

      InvokeResponse async =
          client.invoke(i -> i.functionName("cycle-a").invocationType(InvocationType.EVENT));
      assertThat(async.statusCode()).isEqualTo(202);
      InvokeResponse dry =
          client.invoke(i -> i.functionName("cycle-a").invocationType(InvocationType.DRY_RUN));
      assertThat(dry.statusCode()).isEqualTo(204);

      for (String name : List.of("cycle-a", "cycle-b")) {
        client.deleteFunction(d -> d.functionName(name));
        assertThatThrownBy(() -> client.getFunction(g -> g.functionName(name)))
            .isInstanceOf(ResourceNotFoundException.class);
      }
      assertThat(client.listFunctions().functions()).isEmpty();
    }
  }

  private static InvokeResponse invoke(LambdaClient client, String name) {
    return client.invoke(
        i ->
            i.functionName(name)
                .logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"passwords\": 3, \"iterations\": 1000}")));
  }
}
