package io.lambdascaling.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({
    "0, 0",
    "0s, 0",
    "2m, 120000",
    "90s, 90000",
    "1h30m, 5400000",
    "1.5h, 5400000",
    "500ms, 500",
    "1500000us, 1500",
    "1500000µs, 1500",
    "2000000ns, 2",
    "24h, 86400000",
    "1m0.5s, 60500"
  })
  void reads_go_durations(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "2 m", "-1m", "+1m", "1d", "m", "1.m", "1hh", "PT2M", "2M"})
  void rejects_what_go_would_reject_or_we_do_not_allow(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("such as 90s, 2m or 1h30m");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999h", "87601h"})
  void rejects_durations_long_enough_to_overflow(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).hasMessage("must be at most 87600h");
  }
}
