package io.lambdascaling.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Every error and injected fault arrives in the AWS SDK as the exception a user would catch. */
class ApiErrorsIT {

  private LocalLambda lambda;
  private LambdaClient client;

  private void start(Faults.Options faults) throws IOException {
    lambda =
        LocalLambda.start(
            LocalLambda.Options.defaults().withFaults(faults),
            new SimulatePlatform(SimulationModel.defaults(7)));
    client = Lambdas.client(lambda);
  }

  @AfterEach
  void stop() {
    client.close();
    lambda.close();
  }

  private void createActive(String name) throws IOException {
    client.createFunction(Lambdas.create(name, 1024).build());
    client.waiter().waitUntilFunctionActiveV2(g -> g.functionName(name));
  }

  @Test
  void control_plane_errors_have_their_aws_types() throws IOException {
    start(Faults.Options.none());

    assertThatThrownBy(() -> client.getFunction(g -> g.functionName("nope")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404))
        .hasMessageContaining(
            "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
    assertThatThrownBy(() -> client.createFunction(Lambdas.create("small", 64).build()))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
        .hasMessageContaining("MemorySize must be an integer from 128 to 10240, got: 64");
    assertThatThrownBy(
            () -> client.createFunction(Lambdas.create("slow", 1024).timeout(901).build()))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Timeout");
    assertThatThrownBy(
            () -> client.createFunction(Lambdas.create("py", 1024).runtime("python3.12").build()))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("python3.12");
    assertThatThrownBy(
            () -> client.createFunction(Lambdas.create("role", 1024).role("admin").build()))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Role");

    client.createFunction(Lambdas.create("twice", 1024).build());
    assertThatThrownBy(() -> client.createFunction(Lambdas.create("twice", 1024).build()))
        .isInstanceOfSatisfying(
            ResourceConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409))
        .hasMessageContaining("Function already exist: twice");
    assertThat(client.listFunctions().functions()).hasSize(1);
  }

  @Test
  void a_package_without_the_handler_class_is_rejected() throws IOException {
    start(Faults.Options.none());
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("README.txt"));
      out.write("no classes here".getBytes(StandardCharsets.UTF_8));
    }

    assertThatThrownBy(
            () ->
                client.createFunction(
                    Lambdas.create("empty", 512)
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(zip.toByteArray())))
                        .build()))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining(
            "Handler class io.lambdascaling.function.HashingHandler"
                + " (io/lambdascaling/function/HashingHandler.class) is not in the deployment package");
    assertThatThrownBy(
            () ->
                client.createFunction(
                    Lambdas.create("notzip", 512)
                        .code(c -> c.zipFile(SdkBytes.fromUtf8String("this is not a zip")))
                        .build()))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Could not unzip uploaded file");
    createActive("code");
    assertThatThrownBy(
            () ->
                client.updateFunctionCode(
                    u -> u.functionName("code").zipFile(SdkBytes.fromByteArray(zip.toByteArray()))))
        .isInstanceOf(InvalidParameterValueException.class);
  }

  @Test
  void a_payload_that_is_not_json_is_rejected() throws IOException {
    start(Faults.Options.none());
    createActive("json");

    assertThatThrownBy(
            () ->
                client.invoke(
                    i -> i.functionName("json").payload(SdkBytes.fromUtf8String("{oops"))))
        .isInstanceOfSatisfying(
            InvalidRequestContentException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
        .hasMessageContaining("Could not parse request body into json");
  }

  @Test
  void injected_throttles_carry_reason_and_retry_after() throws IOException {
    start(new Faults.Options(1.0, 0, 0, 0, false, 15, 100, 1000, 3));
    createActive("throttled");

    assertThatThrownBy(() -> client.invoke(i -> i.functionName("throttled")))
        .isInstanceOfSatisfying(
            TooManyRequestsException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.reasonAsString()).isEqualTo("ConcurrentInvocationLimitExceeded");
              assertThat(e.retryAfterSeconds()).isEqualTo("1");
            });
  }

  @Test
  void injected_service_errors_are_service_exceptions() throws IOException {
    start(new Faults.Options(0, 1.0, 0, 0, false, 15, 100, 1000, 3));
    createActive("broken");

    assertThatThrownBy(() -> client.invoke(i -> i.functionName("broken")))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
  }

  @Test
  void injected_function_errors_are_unhandled_function_errors() throws IOException {
    start(new Faults.Options(0, 0, 1.0, 0, false, 15, 100, 1000, 3));
    createActive("faulty");

    InvokeResponse r = client.invoke(i -> i.functionName("faulty"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(r.payload().asUtf8String()).contains("LocalLambda.InjectedFunctionError");
  }

  @Test
  void the_control_plane_rate_limit_throttles_bursts() throws IOException {
    start(Faults.Options.none().withQuotas());
    int throttled = 0;
    int calls = 0;
    long began = System.nanoTime();
    // 40 calls, and on until the first throttle: a slow host may space them out past the refill.
    while (calls < 40 || (throttled == 0 && calls < 500)) {
      calls++;
      try {
        client.listFunctions();
      } catch (TooManyRequestsException e) {
        assertThat(e.reasonAsString()).isEqualTo("CallerRateLimitExceeded");
        throttled++;
      }
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    int served = calls - throttled;
    // a burst of 15, then 15 a second
    assertThat(served)
        .isGreaterThanOrEqualTo(15)
        .isLessThanOrEqualTo(15 + (int) Math.ceil(15 * seconds));
    assertThat(throttled).isPositive();
  }

  @Test
  void the_account_concurrency_limit_throttles_what_is_over_it() throws Exception {
    start(new Faults.Options(0, 0, 0, 300, true, 15, 100, 2, 3));
    createActive("busy");
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 8; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  client.invoke(r -> r.functionName("busy"));
                } catch (LambdaException e) {
                  errors.add(e);
                }
              });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(errors)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e).isInstanceOf(TooManyRequestsException.class));
  }

  /** Nothing a client sends crashes or wedges the server. */
  @Test
  void garbage_gets_4xx_and_the_server_keeps_serving() throws Exception {
    start(Faults.Options.none());
    createActive("alive");
    HttpClient http = HttpClient.newHttpClient();
    URI base = lambda.endpoint();
    List<HttpRequest> requests =
        List.of(
            HttpRequest.newBuilder(base.resolve("/2015-03-31/functions"))
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                .build(),
            HttpRequest.newBuilder(base.resolve("/2015-03-31/functions"))
                .POST(HttpRequest.BodyPublishers.ofString("[1,2]"))
                .build(),
            HttpRequest.newBuilder(base.resolve("/2015-03-31/functions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"FunctionName\":7}"))
                .build(),
            HttpRequest.newBuilder(base.resolve("/2015-03-31/functions/alive/configuration"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"MemorySize\":\"big\"}"))
                .build(),
            HttpRequest.newBuilder(base.resolve("/2015-03-31/functions/alive/invocations"))
                .header("X-Amz-Invocation-Type", "Sometimes")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpRequest.newBuilder(base.resolve("/2015-03-31/functions/?MaxItems=-3"))
                .GET()
                .build(),
            HttpRequest.newBuilder(base.resolve("/2017-03-31/tags/not-an-arn")).GET().build(),
            HttpRequest.newBuilder(base.resolve("/no/such/path")).DELETE().build());
    for (HttpRequest request : requests) {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode())
          .as(request.method() + " " + request.uri() + " -> " + r.body())
          .isBetween(400, 499);
      assertThat(r.headers().firstValue("x-amzn-ErrorType")).isPresent();
    }
    assertThat(rawStatusLine(base, "GET /2015-03-31/functions/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n"))
        .startsWith("HTTP/1.1 400");
    assertThat(
            rawStatusLine(
                base,
                "POST /2015-03-31/functions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n{\"a\":"))
        .startsWith("HTTP/1.1 400");
    Random random = new Random(11);
    for (int i = 0; i < 20; i++) {
      byte[] junk = new byte[random.nextInt(2000)];
      random.nextBytes(junk);
      try (Socket s = new Socket(base.getHost(), base.getPort())) {
        s.setSoTimeout(2000);
        OutputStream out = s.getOutputStream();
        out.write(junk);
        out.flush();
        s.shutdownOutput();
        InputStream in = s.getInputStream();
        try {
          in.readAllBytes();
        } catch (IOException closed) {
          // the server may just hang up on nonsense; what matters is that it stays up
        }
      }
    }
    InvokeResponse r =
        client.invoke(i -> i.functionName("alive").payload(SdkBytes.fromUtf8String("{}")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.functionError()).isNull();
  }

  private static String rawStatusLine(URI base, String request) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      byte[] head = new byte[12];
      int n = s.getInputStream().readNBytes(head, 0, head.length);
      return new String(head, 0, n, StandardCharsets.ISO_8859_1);
    }
  }
}
