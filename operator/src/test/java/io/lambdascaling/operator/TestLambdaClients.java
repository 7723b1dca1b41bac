package io.lambdascaling.operator;

import io.lambdascaling.local.lambda.LocalLambda;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * An AWS SDK Lambda client for a local Lambda, without the SDK's retries (tests see every answer).
 */
public final class TestLambdaClients {

  private TestLambdaClients() {}

  public static LambdaClient of(LocalLambda local) {
    return LambdaClient.builder()
        .endpointOverride(local.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
