package io.lambdascaling.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** {@code java -jar local/target/lse-local.jar} as a user starts it: a separate process. */
class StandaloneIT {

  private static final Path JAR = Path.of("target", "lse-local.jar");
  private static final Pattern ENDPOINT = Pattern.compile("local Lambda: (http://\\S+)");

  private static Process launch(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void help_lists_the_options() throws Exception {
    Process p = launch("--help");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(out)
        .contains("--mode", "--port", "--cpu-scale", "--throttle-rate", "--enforce-quotas");
  }

  @Test
  void a_bad_option_is_an_error_naming_it() throws Exception {
    Process p = launch("--mode", "fast");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(out).contains("--mode").contains("fast").contains("execute, simulate");
  }

  @Test
  void serves_the_sdk_until_it_is_stopped() throws Exception {
    Process p = launch("--mode", "simulate", "--port", "0", "--seed", "5");
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String endpoint = null;
      for (String line; endpoint == null && (line = out.readLine()) != null; ) {
        Matcher m = ENDPOINT.matcher(line);
        if (m.find()) {
          endpoint = m.group(1);
          assertThat(line).contains("SIMULATED");
        }
      }
      assertThat(endpoint).isNotNull();
      String url = endpoint;
      try (LambdaClient client =
          LambdaClient.builder()
              .endpointOverride(URI.create(url))
              .region(Region.EU_WEST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        client.createFunction(Lambdas.create("standalone", 2048).build());
        client.waiter().waitUntilFunctionActiveV2(g -> g.functionName("standalone"));
        String payload =
            client
                .invoke(i -> i.functionName("standalone").payload(SdkBytes.fromUtf8String("{}")))
                .payload()
                .asUtf8String();
        assertThat(payload).contains("\"simulated\":true").contains("\"memoryLimitMb\":2048");
      }
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }
  }
}
