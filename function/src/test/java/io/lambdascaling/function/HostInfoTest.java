package io.lambdascaling.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostInfoTest {

  @Test
  void x86_model_name_is_taken_as_is() {
    List<String> cpuinfo =
        List.of(
            "processor\t: 0",
            "vendor_id\t: GenuineIntel",
            "model name\t: Intel(R) Xeon(R) Processor @ 2.50GHz",
            "processor\t: 1",
            "model name\t: Intel(R) Xeon(R) Processor @ 2.50GHz");

    assertThat(HostInfo.cpuModel(cpuinfo)).isEqualTo("Intel(R) Xeon(R) Processor @ 2.50GHz");
  }

  @Test
  void graviton_cores_are_named_from_their_part_number() {
    List<String> cpuinfo =
        List.of("processor\t: 0", "CPU implementer\t: 0x41", "CPU part\t: 0xd0c");

    assertThat(HostInfo.cpuModel(cpuinfo)).isEqualTo("ARM Neoverse-N1");
  }

  @Test
  void unknown_arm_parts_keep_their_numbers() {
    List<String> cpuinfo = List.of("CPU implementer\t: 0x61", "CPU part\t: 0x022");

    assertThat(HostInfo.cpuModel(cpuinfo)).isEqualTo("CPU implementer 0x61 part 0x022");
  }

  @Test
  void unreadable_cpuinfo_is_unknown() {
    assertThat(HostInfo.cpuModel(Path.of("/nonexistent/cpuinfo"))).isEqualTo("unknown");
    assertThat(HostInfo.cpuModel(List.of("flags: fpu"))).isEqualTo("unknown");
  }
}
