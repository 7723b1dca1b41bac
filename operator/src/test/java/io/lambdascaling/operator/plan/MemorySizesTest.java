package io.lambdascaling.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdascaling.api.v1alpha1.MemorySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemorySizesTest {

  private static MemorySpec range(int from, int to, int step) {
    MemorySpec m = new MemorySpec();
    m.setFromMb(from);
    m.setToMb(to);
    m.setStepMb(step);
    return m;
  }

  @Test
  void a_range_includes_its_end_when_the_end_falls_on_a_step() {
    assertThat(MemorySizes.of(range(1024, 3072, 1024))).containsExactly(1024, 2048, 3072);
    assertThat(MemorySizes.of(range(128, 1000, 256))).containsExactly(128, 384, 640, 896);
    assertThat(MemorySizes.count(range(128, 1000, 256))).isEqualTo(4);
  }

  @Test
  void a_list_is_kept_in_its_order() {
    MemorySpec m = new MemorySpec();
    m.setSizesMb(List.of(2048, 128, 1024));

    assertThat(MemorySizes.of(m)).containsExactly(2048, 128, 1024);
    assertThat(MemorySizes.count(m)).isEqualTo(3);
  }

  @Test
  void the_reference_sizes_are_128_then_256_to_10240_in_256_steps() {
    List<Integer> sizes = MemorySizes.of(MemorySpec.reference());

    assertThat(sizes).hasSize(41).startsWith(128, 256, 512).endsWith(10240);
    assertThat(sizes.subList(1, 41)).isEqualTo(MemorySizes.of(range(256, 10240, 256)));
  }

  @Test
  void incomplete_or_inverted_ranges_hold_nothing() {
    MemorySpec partial = new MemorySpec();
    partial.setFromMb(128);

    assertThat(MemorySizes.of(partial)).isEmpty();
    assertThat(MemorySizes.of(range(2048, 1024, 128))).isEmpty();
    assertThat(MemorySizes.count(range(2048, 1024, 128))).isZero();
    assertThat(MemorySizes.count(range(128, 10240, 1))).isEqualTo(10113);
  }
}
