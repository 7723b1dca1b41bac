package io.lambdascaling.local.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TablesTest {

  @Test
  void ages_read_as_kubectl_prints_them() {
    assertThat(Tables.humanDuration(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Tables.humanDuration(Duration.ofSeconds(200))).isEqualTo("3m20s");
    assertThat(Tables.humanDuration(Duration.ofMinutes(15))).isEqualTo("15m");
    assertThat(Tables.humanDuration(Duration.ofMinutes(310))).isEqualTo("5h10m");
    assertThat(Tables.humanDuration(Duration.ofHours(76))).isEqualTo("3d4h");
    assertThat(Tables.humanDuration(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
  }

  @Test
  void simple_json_paths_select_fields_and_items() {
    var object =
        Serialization.jsonMapper()
            .valueToTree(
                Map.of(
                    "status",
                    Map.of("phase", "Running", "table", java.util.List.of(Map.of("a", 7)))));

    assertThat(Tables.select(object, ".status.phase").asText()).isEqualTo("Running");
    assertThat(Tables.select(object, ".status.table[0].a").asInt()).isEqualTo(7);
    assertThat(Tables.select(object, ".status.missing")).isNull();
  }
}
