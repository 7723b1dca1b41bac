package io.lambdascaling.operator.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdascaling.analysis.Prices;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BudgetTest {

  @Test
  void spend_never_passes_the_limit_whatever_invocations_cost() {
    SplittableRandom random = new SplittableRandom(9);
    for (int trial = 0; trial < 500; trial++) {
      double max = 0.001 + random.nextDouble() * 5;
      Budget budget = new Budget(max, 0);
      List<double[]> inFlight = new ArrayList<>();
      for (int step = 0; step < 200; step++) {
        double worst = random.nextDouble() * max / 10;
        if (random.nextBoolean() && budget.tryReserve(worst)) {
          inFlight.add(new double[] {worst, worst * random.nextDouble()}); // actual ≤ worst
        } else if (!inFlight.isEmpty()) {
          double[] done = inFlight.remove(random.nextInt(inFlight.size()));
          budget.settle(done[0], done[1]);
        }
        assertThat(budget.spentUsd() + budget.reservedUsd()).isLessThanOrEqualTo(max + 1e-12);
      }
      inFlight.forEach(d -> budget.settle(d[0], d[1]));
      assertThat(budget.spentUsd()).isLessThanOrEqualTo(max + 1e-12);
    }
  }

  @Test
  void an_invocation_whose_worst_case_does_not_fit_is_refused() {
    Budget budget = new Budget(1.0, 0.7);

    assertThat(budget.tryReserve(0.2)).isTrue();
    assertThat(budget.tryReserve(0.2)).isFalse();
    budget.settle(0.2, 0.05);
    assertThat(budget.spentUsd()).isEqualTo(0.75);
    assertThat(budget.tryReserve(0.2)).isTrue();
  }

  @Test
  void the_worst_case_is_the_timeout_and_a_full_init_at_the_functions_memory() {
    double worst = Budget.worstCaseUsd(Prices.usEast1(), "x86_64", 10240, 900);

    // 10 GB × 910 s × $0.0000166667 + one request
    assertThat(worst)
        .isCloseTo(
            10 * 910 * 0.0000166667 + 0.0000002, org.assertj.core.api.Assertions.within(1e-9));
  }
}
