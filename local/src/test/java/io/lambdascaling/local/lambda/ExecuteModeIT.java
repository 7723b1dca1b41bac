package io.lambdascaling.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdascaling.local.lambda.execute.ExecuteOptions;
import io.lambdascaling.local.lambda.execute.ExecutePlatform;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/** The real function zip, run by the real runtime interface client in child JVMs. */
class ExecuteModeIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalLambda lambda;
  private static ExecutePlatform platform;
  private static LambdaClient client;

  @BeforeAll
  static void start() throws IOException {
    platform = ExecutePlatform.create(ExecuteOptions.defaults());
    lambda = LocalLambda.start(LocalLambda.Options.defaults(), platform);
    client = Lambdas.client(lambda);
  }

  @AfterAll
  static void stop() {
    client.close();
    lambda.close();
  }

  private static InvokeResponse invoke(String name, String event) {
    return client.invoke(
        i -> i.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(event)));
  }

  private static JsonNode payload(InvokeResponse r) throws IOException {
    return JSON.readTree(r.payload().asByteArray());
  }

  private static void createActive(String name, int memoryMb, int timeoutSeconds)
      throws IOException {
    client.createFunction(Lambdas.create(name, memoryMb).timeout(timeoutSeconds).build());
    client.waiter().waitUntilFunctionActiveV2(g -> g.functionName(name));
  }

  @Test
  void runs_the_real_function_cold_then_warm() throws IOException {
    createActive("exec-basic", 1769, 60);

    InvokeResponse cold =
        invoke("exec-basic", "{\"passwords\": 4, \"iterations\": 2000, \"workers\": 2}");
    assertThat(cold.functionError()).as(new String(cold.payload().asByteArray())).isNull();
    JsonNode body = payload(cold);
    assertThat(body.has("simulated")).isFalse();
    assertThat(body.get("memoryLimitMb").asInt()).isEqualTo(1769);
    assertThat(body.get("workers").asInt()).isEqualTo(2);
    assertThat(body.get("coldStart").asBoolean()).isTrue();
    assertThat(body.get("requestId").asText()).isEqualTo(cold.responseMetadata().requestId());
    assertThat(body.get("javaVersion").asText()).isEqualTo(System.getProperty("java.version"));
    Matcher report = Lambdas.report(cold);
    assertThat(report.group(6)).as("Init Duration").isNotNull();
    assertThat(Double.parseDouble(report.group(6))).isGreaterThan(50);
    assertThat(Double.parseDouble(report.group(2)))
        .isGreaterThanOrEqualTo(body.get("procTimeMs").asDouble());
    assertThat(Integer.parseInt(report.group(5))).as("Max Memory Used").isPositive();
    assertThat(Lambdas.log(cold)).contains("local execute");

    InvokeResponse warm = invoke("exec-basic", "{\"passwords\": 1, \"iterations\": 1}");
    assertThat(payload(warm).get("coldStart").asBoolean()).isFalse();
    assertThat(Lambdas.report(warm).group(6)).isNull();
    assertThat(platform.liveInstances()).isEqualTo(1);

    client.deleteFunction(d -> d.functionName("exec-basic"));
  }

  @Test
  void a_bad_event_fails_in_the_function_with_its_message() throws IOException {
    createActive("exec-bad-event", 512, 60);

    InvokeResponse r = invoke("exec-bad-event", "{\"iterations\": 0}");

    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode error = payload(r);
    assertThat(error.get("errorType").asText())
        .isEqualTo("io.lambdascaling.function.InvalidEventException");
    assertThat(error.get("errorMessage").asText())
        .isEqualTo("iterations: must be an integer from 1 to 10000000, got 0");
    InvokeResponse after = invoke("exec-bad-event", "{\"passwords\": 1, \"iterations\": 1}");
    assertThat(after.functionError()).as("the instance survives a function error").isNull();
    assertThat(payload(after).get("coldStart").asBoolean()).isFalse();
  }

  @Test
  void an_invocation_past_its_timeout_is_killed_and_the_next_starts_fresh() throws IOException {
    // 2 s at 1 vCPU: the invocation after the timeout is a cold JVM's first handler call (about
    // 0.1 s here), so this leaves it room on a loaded host.
    createActive("exec-timeout", 1769, 2);
    int liveBefore = platform.liveInstances();

    InvokeResponse r = invoke("exec-timeout", "{\"passwords\": 10000, \"iterations\": 100000}");

    assertThat(platform.liveInstances())
        .as("the timed-out instance is stopped before the response, not kept for reuse")
        .isEqualTo(liveBefore);

    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(payload(r).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(payload(r).get("errorMessage").asText())
        .endsWith("Task timed out after 2.00 seconds");
    assertThat(Lambdas.log(r)).contains("Task timed out after 2.00 seconds");
    InvokeResponse next = invoke("exec-timeout", "{\"passwords\": 1, \"iterations\": 1}");
    assertThat(next.functionError())
        .as("the killed instance must not be reused: %s", Lambdas.log(next))
        .isNull();
    assertThat(payload(next).get("coldStart").asBoolean()).isTrue();
  }

  @Test
  void an_update_retires_the_old_instances() throws IOException {
    createActive("exec-update", 1024, 60);
    invoke("exec-update", "{\"passwords\": 1, \"iterations\": 1}");

    client.updateFunctionConfiguration(u -> u.functionName("exec-update").memorySize(2048));
    client.waiter().waitUntilFunctionUpdatedV2(g -> g.functionName("exec-update"));
    InvokeResponse r = invoke("exec-update", "{\"passwords\": 1, \"iterations\": 1}");

    assertThat(payload(r).get("memoryLimitMb").asInt()).isEqualTo(2048);
    assertThat(payload(r).get("coldStart").asBoolean()).isTrue();
  }

  @Test
  void closing_the_platform_stops_every_instance_and_removes_its_cgroups() throws Exception {
    ExecutePlatform own = ExecutePlatform.create(ExecuteOptions.defaults());
    java.util.List<Path> groups = own.cgroupDirectories();
    try (LocalLambda second = LocalLambda.start(LocalLambda.Options.defaults(), own);
        LambdaClient c = Lambdas.client(second)) {
      c.createFunction(Lambdas.create("exec-close", 512).build());
      c.waiter().waitUntilFunctionActiveV2(g -> g.functionName("exec-close"));
      c.invoke(
          i -> i.functionName("exec-close").payload(SdkBytes.fromUtf8String("{\"iterations\":1}")));
      assertThat(own.liveInstances()).isEqualTo(1);
    }
    assertThat(own.liveInstances()).isZero();
    assertThat(groups).allSatisfy(dir -> assertThat(dir).doesNotExist());
    if (own.description().contains("cgroup")) {
      assertThat(groups).as("cgroups were made, then removed").hasSize(2);
    }
  }

  @Test
  void without_cgroups_it_runs_unthrottled_and_says_so() throws Exception {
    ExecutePlatform unthrottled =
        ExecutePlatform.create(ExecuteOptions.defaults().withCgroups("none"));
    try (LocalLambda second = LocalLambda.start(LocalLambda.Options.defaults(), unthrottled);
        LambdaClient c = Lambdas.client(second)) {
      c.createFunction(Lambdas.create("exec-free", 128).build());
      c.waiter().waitUntilFunctionActiveV2(g -> g.functionName("exec-free"));
      InvokeResponse r =
          c.invoke(
              i ->
                  i.functionName("exec-free")
                      .logType(LogType.TAIL)
                      .payload(SdkBytes.fromUtf8String("{\"passwords\": 2, \"iterations\": 10}")));

      assertThat(r.functionError()).isNull();
      assertThat(Lambdas.log(r)).contains("NO CPU QUOTAS").contains("UNTHROTTLED");
      assertThat(r.sdkHttpResponse().firstMatchingHeader("X-Lse-Platform").orElseThrow())
          .contains("UNTHROTTLED");
      assertThat(Integer.parseInt(Lambdas.report(r).group(5))).as("VmHWM").isPositive();
    }
  }

  @Test
  void waiting_for_capacity_is_reported_apart_and_bounded() throws Exception {
    ExecutePlatform tight =
        ExecutePlatform.create(ExecuteOptions.defaults().withMaxQueueWait(Duration.ofSeconds(3)));
    try (LocalLambda second = LocalLambda.start(LocalLambda.Options.defaults(), tight);
        LambdaClient c = Lambdas.client(second)) {
      c.createFunction(Lambdas.create("exec-queue", 1769).build());
      c.waiter().waitUntilFunctionActiveV2(g -> g.functionName("exec-queue"));
      String quick = "{\"passwords\": 1, \"iterations\": 1}";
      // Sized by measurement, not by guess: the JIT makes a warm instance several times faster
      // than a cold one, and this host's speed drifts. Two runs warm it; the second gives the rate.
      String calibrate = "{\"passwords\": 20, \"iterations\": 20000}";
      c.invoke(i -> i.functionName("exec-queue").payload(SdkBytes.fromUtf8String(calibrate)));
      InvokeResponse warm =
          c.invoke(i -> i.functionName("exec-queue").payload(SdkBytes.fromUtf8String(calibrate)));
      double msPerPassword = payload(warm).get("procTimeMs").asDouble() / 20;

      // A second invocation waits for the only instance, busy for about a second...
      var medium = startInvoke(c, tight, hashingFor(1_000, msPerPassword));
      InvokeResponse waited =
          c.invoke(
              i ->
                  i.functionName("exec-queue")
                      .logType(LogType.TAIL)
                      .payload(SdkBytes.fromUtf8String(quick)));
      assertThat(medium.join().functionError()).isNull();
      double queued =
          Double.parseDouble(
              waited.sdkHttpResponse().firstMatchingHeader("X-Lse-Queued-Ms").orElseThrow());
      double duration = Double.parseDouble(Lambdas.report(waited).group(2));
      assertThat(queued).as("waited for the busy instance").isGreaterThan(200);
      assertThat(duration).as("the wait is not in Duration").isLessThan(queued);

      // ...and past the bound (the instance busy for about 12 s) it gets a 429 instead. The slow
      // invocation is not waited for: closing the platform stops its instance.
      startInvoke(c, tight, hashingFor(12_000, msPerPassword));
      assertThatThrownBy(
              () ->
                  c.invoke(
                      i -> i.functionName("exec-queue").payload(SdkBytes.fromUtf8String(quick))))
          .isInstanceOfSatisfying(
              software.amazon.awssdk.services.lambda.model.TooManyRequestsException.class,
              e -> assertThat(e.getMessage()).contains("waited longer than 3 s"));
    }
  }

  /** An event hashing for about {@code ms} at the measured rate. */
  private static String hashingFor(double ms, double msPerPassword) {
    long passwords = Math.max(1, Math.min(100_000, Math.round(ms / msPerPassword)));
    return "{\"passwords\": " + passwords + ", \"iterations\": 20000}";
  }

  /** Starts an invocation and returns once it holds the function's only slot. */
  private static java.util.concurrent.CompletableFuture<InvokeResponse> startInvoke(
      LambdaClient c, ExecutePlatform platform, String event) throws InterruptedException {
    int before = platform.invocationsInFlight();
    var future = startInvoke(c, event);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (platform.invocationsInFlight() == before && !future.isDone()) {
      assertThat(System.nanoTime()).as("the invocation arrives").isLessThan(deadline);
      Thread.sleep(5); // polling the platform's in-flight count
    }
    return future;
  }

  private static java.util.concurrent.CompletableFuture<InvokeResponse> startInvoke(
      LambdaClient c, String event) {
    return java.util.concurrent.CompletableFuture.supplyAsync(
        () -> c.invoke(i -> i.functionName("exec-queue").payload(SdkBytes.fromUtf8String(event))));
  }

  @Test
  void idle_instances_are_stopped() throws Exception {
    ExecuteOptions quickReap =
        new ExecuteOptions(1.0, "auto", Duration.ofMinutes(1), Duration.ofMillis(500), 1);
    ExecutePlatform reaping = ExecutePlatform.create(quickReap);
    try (LocalLambda second = LocalLambda.start(LocalLambda.Options.defaults(), reaping);
        LambdaClient c = Lambdas.client(second)) {
      c.createFunction(Lambdas.create("exec-idle", 512).build());
      c.waiter().waitUntilFunctionActiveV2(g -> g.functionName("exec-idle"));
      c.invoke(
          i -> i.functionName("exec-idle").payload(SdkBytes.fromUtf8String("{\"iterations\": 1}")));
      assertThat(reaping.liveInstances()).isEqualTo(1);

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (reaping.liveInstances() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100); // polling the reaper, which runs every 250 ms here
      }
      assertThat(reaping.liveInstances()).isZero();
    }
  }

  @Test
  void an_instance_busy_when_its_function_is_deleted_stops_when_it_finishes() throws Exception {
    ExecutePlatform own = ExecutePlatform.create(ExecuteOptions.defaults());
    try (LocalLambda second = LocalLambda.start(LocalLambda.Options.defaults(), own);
        LambdaClient c = Lambdas.client(second)) {
      c.createFunction(Lambdas.create("exec-deleted", 1769).build());
      c.waiter().waitUntilFunctionActiveV2(g -> g.functionName("exec-deleted"));
      var running =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () ->
                  c.invoke(
                      i ->
                          i.functionName("exec-deleted")
                              .payload(
                                  SdkBytes.fromUtf8String(
                                      "{\"passwords\": 10, \"iterations\": 20000}"))));
      while (own.liveInstances() == 0) {
        Thread.onSpinWait();
      }
      c.deleteFunction(d -> d.functionName("exec-deleted"));

      assertThat(running.join().functionError()).as("the running invocation completes").isNull();
      assertThat(own.liveInstances()).as("and its instance is not kept").isZero();
    }
  }
}
