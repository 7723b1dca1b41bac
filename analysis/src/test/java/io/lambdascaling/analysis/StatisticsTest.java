package io.lambdascaling.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatisticsTest {

  @Test
  void moments_merged_in_any_split_equal_one_pass() {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 200; trial++) {
      double[] x = random.doubles(1 + random.nextInt(60), 100, 5000).toArray();
      int cut = random.nextInt(x.length + 1);

      RunningMoments merged =
          RunningMoments.of(Arrays.copyOfRange(x, 0, cut))
              .merge(RunningMoments.of(Arrays.copyOfRange(x, cut, x.length)));
      RunningMoments whole = RunningMoments.of(x);

      assertThat(merged.count()).isEqualTo(x.length);
      assertThat(merged.mean()).isCloseTo(whole.mean(), within(1e-9));
      assertThat(merged.m2()).isCloseTo(whole.m2(), within(1e-6 * Math.max(1, whole.m2())));
      assertThat(merged.min()).isEqualTo(Arrays.stream(x).min().orElseThrow());
      assertThat(merged.max()).isEqualTo(Arrays.stream(x).max().orElseThrow());
    }
  }

  @Test
  void summary_of_one_to_ten() {
    Summary s = Summary.of(new double[] {7, 1, 2, 3, 4, 5, 6, 8, 9, 10}, 0.95);

    assertThat(s.count()).isEqualTo(10);
    assertThat(s.mean()).isEqualTo(5.5);
    assertThat(s.stddev()).isCloseTo(3.0276504, within(1e-6));
    assertThat(s.p50()).isEqualTo(5.5);
    assertThat(s.p95()).isCloseTo(9.55, within(1e-9));
    // t(0.975, 9) = 2.2621572; standard error 3.0276504 / sqrt(10)
    assertThat(s.ciLow()).isCloseTo(5.5 - 2.2621572 * 0.9574271, within(1e-5));
    assertThat(s.ciHigh()).isCloseTo(5.5 + 2.2621572 * 0.9574271, within(1e-5));
    assertThat(s.trimmedMean()).isEqualTo(5.5);
  }

  @Test
  void the_trimmed_mean_shrugs_off_an_outlier_the_mean_does_not() {
    double[] x = new double[20];
    Arrays.fill(x, 1000);
    x[3] = 1010;
    x[7] = 990;
    x[11] = 10_000;

    Summary s = Summary.of(x, 0.95);

    assertThat(s.mean()).isGreaterThan(1400);
    assertThat(s.trimmedMean()).isEqualTo(1000);
    assertThat(s.trimmedCiHigh()).isLessThan(1010);
  }

  @Test
  void one_sample_has_no_interval() {
    Summary s = Summary.of(new double[] {42}, 0.95);

    assertThat(s.mean()).isEqualTo(42);
    assertThat(s.ciLow()).isNaN();
    assertThat(s.trimmedCiLow()).isNaN();
  }

  @Test
  void isotonic_fit_pools_rises_and_keeps_falls() {
    assertThat(Isotonic.nonIncreasing(new double[] {5, 4, 6, 3}, new double[] {1, 1, 1, 1}))
        .containsExactly(5, 5, 5, 3);
    assertThat(Isotonic.nonIncreasing(new double[] {9, 7, 4, 4, 1}, new double[] {1, 1, 1, 1, 1}))
        .containsExactly(9, 7, 4, 4, 1);
    assertThat(Isotonic.nonIncreasing(new double[] {10, 12}, new double[] {3, 1}))
        .containsExactly(10.5, 10.5);
  }

  @Test
  void isotonic_fit_never_rises_and_keeps_the_weighted_mean() {
    SplittableRandom random = new SplittableRandom(8);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(40);
      double[] v = random.doubles(n, 0, 100).toArray();
      double[] w = random.doubles(n, 0.5, 5).toArray();

      double[] fit = Isotonic.nonIncreasing(v, w);

      for (int i = 1; i < n; i++) {
        assertThat(fit[i]).isLessThanOrEqualTo(fit[i - 1] + 1e-9);
      }
      double before = 0;
      double after = 0;
      for (int i = 0; i < n; i++) {
        before += v[i] * w[i];
        after += fit[i] * w[i];
      }
      assertThat(after).isCloseTo(before, within(1e-6));
    }
  }

  @Test
  void prices_bill_gb_seconds_and_requests() {
    Prices p = Prices.usEast1();

    // 1 GB for 1 s on x86_64, plus one request
    assertThat(p.invocationUsd("x86_64", 1024, 1000))
        .isCloseTo(0.0000166667 + 0.0000002, within(1e-12));
    assertThat(p.invocationUsd("arm64", 10240, 500))
        .isCloseTo(10 * 0.5 * 0.0000133334 + 0.0000002, within(1e-12));
    assertThat(p.invocationUsd("arm64", 128, 0.3))
        .as("1 ms steps")
        .isEqualTo(p.invocationUsd("arm64", 128, 1));
  }
}
