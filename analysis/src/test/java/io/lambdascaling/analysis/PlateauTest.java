package io.lambdascaling.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plateau level: the largest sizes pooled downwards while they cannot be told apart. */
class PlateauTest {

  /** Ten samples around a centre: ±1 %, ±2 %, ±3 %, ±4 %, ±5 % (mean = trimmed mean = centre). */
  private static Summary around(double centre) {
    double[] x = new double[10];
    for (int i = 0; i < 5; i++) {
      x[2 * i] = centre * (1 + (i + 1) / 100.0);
      x[2 * i + 1] = centre * (1 - (i + 1) / 100.0);
    }
    return Summary.of(x, 0.95);
  }

  @Test
  void a_flat_tail_is_pooled_down_to_the_first_clearly_slower_size() {
    List<Summary> curve =
        List.of(around(130), around(110), around(100.5), around(99.5), around(100.4), around(99.6));

    Plateau p = Plateau.of(curve, 0.05);

    assertThat(p.from()).isEqualTo(2);
    assertThat(p.level().value()).isCloseTo(100, within(1e-9));
    assertThat(p.level().standardError())
        .as("four sizes pooled: half the error of one")
        .isCloseTo(curve.get(5).trimmedStandardError() / 2, within(0.02));
  }

  @Test
  void the_pool_is_not_the_lowest_tail_mean() {
    // the old rule's best time was the minimum of the tail means: 99.0 here, not the plateau's 100
    List<Summary> curve = List.of(around(100.6), around(100.4), around(99.0), around(100.0));

    Plateau p = Plateau.of(curve, 0.05);

    assertThat(p.from()).isZero();
    assertThat(p.level().value()).isCloseTo(100, within(1e-9));
  }

  @Test
  void one_slow_size_inside_a_plateau_is_pooled_two_in_a_row_end_it() {
    List<Summary> curve = List.of(around(130), around(100), around(104), around(100), around(100));

    Plateau p = Plateau.of(curve, 0.05);

    assertThat(around(104).trimmedMean()).isCloseTo(104, within(1e-9));
    assertThat(Estimate.of(around(104)).above(Estimate.of(around(100)).times(1), 0.05)).isTrue();
    assertThat(p.from()).isEqualTo(1);
    assertThat(p.level().value()).isCloseTo(101, within(1e-9));
  }

  @Test
  void single_values_compare_as_numbers() {
    List<Summary> curve =
        List.of(
            Summary.of(new double[] {103}, 0.95),
            Summary.of(new double[] {101}, 0.95),
            Summary.of(new double[] {99}, 0.95),
            Summary.of(new double[] {100}, 0.95));

    Plateau p = Plateau.of(curve, 0.05);

    assertThat(p.from()).isEqualTo(2);
    assertThat(p.level().value()).isCloseTo(99.5, within(1e-9));
  }

  @Test
  void welch_tells_a_slower_estimate_only_beyond_its_noise() {
    Estimate plateau = new Estimate(100, 1, 9);

    assertThat(new Estimate(104, 1, 9).above(plateau, 0.05)).isTrue();
    assertThat(new Estimate(102, 1, 9).above(plateau, 0.05)).isFalse();
    assertThat(new Estimate(104, Double.NaN, 0).above(plateau, 0.05)).isFalse();
    assertThat(new Estimate(100.1, 0, 0).above(new Estimate(100, 0, 0), 0.05)).isTrue();
  }
}
