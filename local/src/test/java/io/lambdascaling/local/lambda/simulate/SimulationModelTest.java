package io.lambdascaling.local.lambda.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulationModelTest {

  private final SimulationModel model = SimulationModel.defaults(1);

  @Test
  void vcpu_follows_memory_up_to_six() {
    assertThat(SimulationModel.vcpu(1769)).isEqualTo(1.0);
    assertThat(SimulationModel.vcpu(885)).isEqualTo(885 / 1769.0);
    assertThat(SimulationModel.vcpu(10240)).isEqualTo(10240 / 1769.0);
    assertThat(SimulationModel.vcpu(20000)).isEqualTo(6.0);
  }

  @Test
  void time_divides_by_the_smaller_of_workers_and_vcpus() {
    double one = model.expectedProcMs("x86_64", 1769, 1, 200, 100_000);
    assertThat(one).isEqualTo(200.0 * 100_000 * 330 / 1e6);
    assertThat(model.expectedProcMs("x86_64", 3538, 2, 200, 100_000)).isEqualTo(one / 2);
    assertThat(model.expectedProcMs("x86_64", 3538, 4, 200, 100_000)).isEqualTo(one / 2);
    assertThat(model.expectedProcMs("x86_64", 10240, 6, 200, 100_000))
        .isEqualTo(one / (10240 / 1769.0));
    assertThat(model.expectedProcMs("arm64", 1769, 1, 200, 100_000)).isLessThan(one);
  }

  @Test
  void noise_has_mean_one_and_the_configured_spread() {
    SimulationModel quiet = new SimulationModel(330, 280, 0.05, 0.0, 2.0, 1.5, 300, 150, 9);
    SplittableRandom random = new SplittableRandom(3);
    int n = 200_000;
    double sum = 0;
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      double x = quiet.noise(random);
      sum += x;
      sumSquares += x * x;
    }
    double mean = sum / n;
    double sd = Math.sqrt(sumSquares / n - mean * mean);
    assertThat(mean).isBetween(0.998, 1.002);
    assertThat(sd).isBetween(0.048, 0.052);
  }

  @Test
  void cold_starts_cost_more_below_one_vcpu() {
    assertThat(model.expectedInitMs(1769)).isEqualTo(450.0);
    assertThat(model.expectedInitMs(885)).isGreaterThan(model.expectedInitMs(1769));
    assertThat(model.expectedInitMs(10240)).isEqualTo(450.0);
  }

  @Test
  void the_models_knees_over_the_reference_sizes_at_2_percent() {
    List<Integer> sizes = new ArrayList<>(List.of(128));
    for (int mb = 256; mb <= 10240; mb += 256) {
      sizes.add(mb);
    }

    assertThat(List.of(1, 2, 3, 4, 5, 6))
        .map(w -> SimulationModel.kneeMb(w, sizes, 2))
        .containsExactly(1792, 3584, 5376, 7168, 8704, 10240);
    assertThat(SimulationModel.kneeMb(1, List.of(4096, 1024, 2048), 2))
        .as("order of the sizes does not matter")
        .isEqualTo(2048);
  }
}
