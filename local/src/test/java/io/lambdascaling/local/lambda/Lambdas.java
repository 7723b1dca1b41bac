package io.lambdascaling.local.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Test helpers: a real AWS SDK v2 client for a local Lambda, and the function's zip. */
final class Lambdas {

  static final Path FUNCTION_ZIP = Path.of("..", "function", "target", "lse-function.zip");
  static final String HANDLER = "io.lambdascaling.function.HashingHandler::handleRequest";
  static final String ROLE = "arn:aws:iam::123456789012:role/lse-execution";

  /** Lambda's REPORT line, as users' log parsers read it. */
  static final Pattern REPORT =
      Pattern.compile(
          "REPORT RequestId: (\\S+)\\tDuration: ([0-9.]+) ms\\tBilled Duration: ([0-9]+) ms\\t"
              + "Memory Size: ([0-9]+) MB\\tMax Memory Used: ([0-9]+) MB\\t"
              + "(?:Init Duration: ([0-9.]+) ms\\t)?\\n?$");

  private Lambdas() {}

  /** No retries: each test sees exactly what the server answered. */
  static LambdaClient client(LocalLambda lambda) {
    return LambdaClient.builder()
        .endpointOverride(lambda.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static byte[] functionZip() throws IOException {
    return Files.readAllBytes(FUNCTION_ZIP);
  }

  static CreateFunctionRequest.Builder create(String name, int memoryMb) throws IOException {
    return CreateFunctionRequest.builder()
        .functionName(name)
        .runtime(Runtime.JAVA21)
        .role(ROLE)
        .handler(HANDLER)
        .memorySize(memoryMb)
        .timeout(120)
        .architectures(Architecture.X86_64)
        .code(c -> c.zipFile(SdkBytes.fromByteArray(Lambdas.functionZipUnchecked())))
        .tags(Map.of("lambdascaling.io/experiment", "default.test"));
  }

  private static byte[] functionZipUnchecked() {
    try {
      return functionZip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The log tail an Invoke with LogType Tail returned. */
  static String log(InvokeResponse response) {
    return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
  }

  static Matcher report(InvokeResponse response) {
    String log = log(response);
    String last = log.substring(log.lastIndexOf("REPORT"));
    Matcher m = REPORT.matcher(last);
    if (!m.matches()) {
      throw new AssertionError("no REPORT line in: " + log);
    }
    return m;
  }
}
