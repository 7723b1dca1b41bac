package io.lambdascaling.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdascaling.analysis.Prices;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaults_are_us_east_1_and_aws() {
    OperatorConfig c = OperatorConfig.fromEnvironment(Map.of());

    assertThat(c.region()).isEqualTo("us-east-1");
    assertThat(c.lambdaEndpoint()).isEmpty();
    assertThat(c.namespaces()).isEmpty();
    assertThat(c.globalConcurrency()).isEqualTo(100);
    assertThat(c.controlPlaneRate()).isEqualTo(10);
    assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.prices()).isEqualTo(Prices.usEast1());
    assertThat(c.metricsPort()).isEqualTo(8080);
    assertThat(c.shutdownDrain()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void every_setting_and_each_price_can_be_overridden() {
    OperatorConfig c =
        OperatorConfig.fromEnvironment(
            Map.of(
                "LSE_REGION", "eu-central-1",
                "LSE_LAMBDA_ENDPOINT", "http://127.0.0.1:9001",
                "LSE_NAMESPACES", "a,b",
                "LSE_GLOBAL_CONCURRENCY", "20",
                "LSE_FLUSH_INTERVAL", "PT2S",
                "LSE_PRICE_ARM64_GB_SECOND", "0.0000134",
                "LSE_PRICE_PER_REQUEST", "0.0000002",
                "LSE_METRICS_PORT", "0",
                "LSE_SHUTDOWN_DRAIN", "PT5S"));

    assertThat(c.region()).isEqualTo("eu-central-1");
    assertThat(c.lambdaEndpoint()).contains(URI.create("http://127.0.0.1:9001"));
    assertThat(c.namespaces()).containsExactlyInAnyOrder("a", "b");
    assertThat(c.globalConcurrency()).isEqualTo(20);
    assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.prices().armPerGbSecond()).isEqualTo(0.0000134);
    assertThat(c.prices().x86PerGbSecond()).isEqualTo(Prices.usEast1().x86PerGbSecond());
    assertThat(c.metricsPort()).as("0: any free port").isZero();
    assertThat(c.shutdownDrain()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void a_bad_value_names_its_variable_and_what_it_accepts() {
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("LSE_GLOBAL_CONCURRENCY", "many")))
        .hasMessage("LSE_GLOBAL_CONCURRENCY: must be a number above 0, got many");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("LSE_PRICE_X86_64_GB_SECOND", "-1")))
        .hasMessage("LSE_PRICE_X86_64_GB_SECOND: must be a number above 0, got -1");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("LSE_FLUSH_INTERVAL", "10s")))
        .hasMessageStartingWith("LSE_FLUSH_INTERVAL: must be an ISO-8601 duration");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("LSE_METRICS_PORT", "65536")))
        .hasMessage(
            "LSE_METRICS_PORT: must be a port number from 0 to 65535 (0 picks a free one), got"
                + " 65536");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("LSE_METRICS_PORT", "http")))
        .hasMessage(
            "LSE_METRICS_PORT: must be a port number from 0 to 65535 (0 picks a free one), got"
                + " http");
  }
}
