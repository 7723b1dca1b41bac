package io.lambdascaling.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HashingHandlerTest {

  private static Map<?, ?> invoke(HashingHandler handler, String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        out,
        new FakeContext("req-1", 1024));
    return (Map<?, ?>) JsonReader.parse(out.toString(StandardCharsets.UTF_8));
  }

  private static double number(Map<?, ?> response, String field) {
    return ((BigDecimal) response.get(field)).doubleValue();
  }

  @Test
  void returns_timings_and_describes_the_run() throws IOException {
    Map<?, ?> r =
        invoke(new HashingHandler("1"), "{\"passwords\": 6, \"iterations\": 2000, \"workers\": 2}");

    assertThat(new java.util.ArrayList<Object>(r.keySet()))
        .containsExactly(
            "procTimeMs",
            "cpuTimeMs",
            "workers",
            "passwords",
            "iterations",
            "algorithm",
            "memoryLimitMb",
            "availableProcessors",
            "arch",
            "cpuModel",
            "javaVersion",
            "coldStart",
            "requestId");
    assertThat(number(r, "procTimeMs")).isPositive();
    assertThat(number(r, "cpuTimeMs")).isPositive();
    assertThat(number(r, "workers")).isEqualTo(2);
    assertThat(number(r, "passwords")).isEqualTo(6);
    assertThat(number(r, "iterations")).isEqualTo(2000);
    assertThat(r.get("algorithm")).isEqualTo("PBKDF2WithHmacSHA256");
    assertThat(number(r, "memoryLimitMb")).isEqualTo(1024);
    assertThat(number(r, "availableProcessors"))
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(r.get("arch")).isEqualTo(System.getProperty("os.arch"));
    assertThat(r.get("javaVersion")).isEqualTo(System.getProperty("java.version"));
    assertThat(r.get("requestId")).isEqualTo("req-1");
  }

  @Test
  void empty_payload_uses_defaults_and_workers_from_environment() {
    HashingRequest request = HashingRequest.from(null, "3");

    assertThat(request).isEqualTo(new HashingRequest(200, 100_000, "PBKDF2WithHmacSHA256", 3));
    assertThat(HashingRequest.from(JsonReader.parse("{}"), null).workers()).isEqualTo(1);
  }

  @Test
  void workers_in_the_event_override_the_environment() {
    assertThat(HashingRequest.from(JsonReader.parse("{\"workers\": 5}"), "3").workers())
        .isEqualTo(5);
  }

  @Test
  void integral_decimals_are_accepted() {
    assertThat(HashingRequest.from(JsonReader.parse("{\"workers\": 4.0}"), null).workers())
        .isEqualTo(4);
  }

  @Test
  void only_the_first_invocation_of_an_instance_is_cold() throws IOException {
    HashingHandler handler = new HashingHandler(null);
    String event = "{\"passwords\": 1, \"iterations\": 1}";

    invoke(handler, event); // may or may not be the class's first, depending on test order
    Map<?, ?> second = invoke(handler, event);

    assertThat(second.get("coldStart")).isEqualTo(Boolean.FALSE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"workers": 0}                      | workers: must be an integer from 1 to 64, got 0
          {"workers": 65}                     | workers: must be an integer from 1 to 64, got 65
          {"workers": 2.5}                    | workers: must be an integer from 1 to 64, got 2.5
          {"workers": "four"}                 | workers: must be an integer from 1 to 64, got string "four"
          {"workers": null}                   | workers: must be an integer from 1 to 64, got null
          {"passwords": 0}                    | passwords: must be an integer from 1 to 100000, got 0
          {"passwords": 100001}               | passwords: must be an integer from 1 to 100000, got 100001
          {"passwords": 1e400}                | passwords: must be an integer from 1 to 100000, got 1
          {"passwords": true}                 | passwords: must be an integer from 1 to 100000, got boolean true
          {"iterations": 0}                   | iterations: must be an integer from 1 to 10000000, got 0
          {"iterations": 10000001}            | iterations: must be an integer from 1 to 10000000, got 10000001
          {"iterations": [1]}                 | iterations: must be an integer from 1 to 10000000, got an array
          {"algorithm": "MD5"}                | algorithm: must be one of PBKDF2WithHmacSHA1, PBKDF2WithHmacSHA224, PBKDF2WithHmacSHA256, PBKDF2WithHmacSHA384, PBKDF2WithHmacSHA512, got string "MD5"
          {"algorithm": 256}                  | algorithm: must be one of
          {"worker": 2}                       | unknown field "worker"
          [1, 2]                              | event: must be a JSON object
          "hello"                             | event: must be a JSON object
          {"workers": 2                       | event: invalid JSON at character
          {"workers": 2, "workers": 3}        | event: invalid JSON at character 26: duplicate field "workers"
          """)
  void bad_events_fail_naming_the_field_and_the_allowed_values(String event, String message) {
    assertThatThrownBy(() -> invoke(new HashingHandler(null), event))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void bad_workers_environment_variable_is_named() {
    assertThatThrownBy(() -> HashingRequest.from(null, "lots"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("WORKERS environment variable: must be an integer from 1 to 64, got \"lots\"");
    assertThatThrownBy(() -> HashingRequest.from(null, "0"))
        .hasMessage("WORKERS environment variable: must be an integer from 1 to 64, got 0");
  }
}
