package io.lambdascaling.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI (whichever `aws` is on PATH; .ci/run installs Debian's awscli) by endpoint-url. */
class AwsCliIT {

  @TempDir Path tmp;

  private record Run(int exit, String out) {}

  private static Run aws(LocalLambda lambda, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("aws", "--endpoint-url", lambda.endpoint().toString()));
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.environment()
        .putAll(
            Map.of(
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_PAGER", ""));
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void the_cli_creates_lists_invokes_and_gets_errors() throws Exception {
    assumeTrue(onPath("aws"), "the AWS CLI is not installed");
    try (LocalLambda lambda =
        LocalLambda.start(
            LocalLambda.Options.defaults(), new SimulatePlatform(SimulationModel.defaults(3)))) {
      Run created =
          aws(
              lambda,
              "lambda",
              "create-function",
              "--function-name",
              "cli-fn",
              "--runtime",
              "java21",
              "--role",
              Lambdas.ROLE,
              "--handler",
              Lambdas.HANDLER,
              "--memory-size",
              "3538",
              "--timeout",
              "60",
              "--zip-file",
              "fileb://" + Lambdas.FUNCTION_ZIP.toAbsolutePath(),
              "--query",
              "State",
              "--output",
              "text");
      assertThat(created.out().trim()).as(created.out()).isEqualTo("Pending");
      assertThat(
              aws(lambda, "lambda", "wait", "function-active-v2", "--function-name", "cli-fn")
                  .exit())
          .isZero();
      assertThat(
              aws(
                      lambda,
                      "lambda",
                      "list-functions",
                      "--query",
                      "Functions[].FunctionName",
                      "--output",
                      "text")
                  .out()
                  .trim())
          .isEqualTo("cli-fn");

      Path response = tmp.resolve("out.json");
      Path event = Files.writeString(tmp.resolve("event.json"), "{\"workers\": 2}");
      Run invoked =
          aws(
              lambda,
              "lambda",
              "invoke",
              "--function-name",
              "cli-fn",
              "--log-type",
              "Tail",
              "--payload", // fileb:// passes raw bytes in CLI v1 and v2 alike
              "fileb://" + event,
              "--query",
              "LogResult",
              "--output",
              "text",
              response.toString());
      assertThat(invoked.exit()).as(invoked.out()).isZero();
      String log =
          new String(Base64.getDecoder().decode(invoked.out().trim()), StandardCharsets.UTF_8);
      assertThat(log).contains("REPORT RequestId:").contains("Memory Size: 3538 MB");
      assertThat(Files.readString(response))
          .contains("\"simulated\":true")
          .contains("\"workers\":2");

      Run missing = aws(lambda, "lambda", "get-function", "--function-name", "nope");
      assertThat(missing.exit()).isNotZero();
      assertThat(missing.out()).contains("ResourceNotFoundException");
    }
  }
}
