package io.lambdascaling.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lambdascaling.local.lambda.execute.ExecutePlatform;
import io.lambdascaling.local.lambda.execute.QuotaBenchmark;
import org.junit.jupiter.api.Test;

/**
 * CPU follows memory in execute mode: the acceptance ratios, each the median of five pairs run side
 * by side on warm instances (see {@link QuotaBenchmark}). Needs writable cgroups (root on Linux);
 * skipped elsewhere.
 */
class CpuQuotaIT {

  @Test
  void halving_memory_halves_the_cpu_and_two_workers_share_one_vcpu() throws Exception {
    ExecutePlatform platform = ExecutePlatform.create(QuotaBenchmark.options());
    assumeTrue(platform.description().contains("cgroup"), "needs writable cgroups");
    assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two cores");
    try (LocalLambda lambda = LocalLambda.start(LocalLambda.Options.defaults(), platform)) {
      QuotaBenchmark.Result r = new QuotaBenchmark(lambda, Lambdas.functionZip()).measure(5, 10);

      System.out.printf(
          "%s: 885/1769 MB %.2fx %s, 2 workers/1 worker at 1769 MB %.2fx %s, warm overhead %.2f ms%n",
          r.platform(),
          r.memoryRatio(),
          r.memoryRatios(),
          r.workersRatio(),
          r.workersRatios(),
          r.warmOverheadMs());
      // Quotas predict 2.0. Without them both ratios fall to 1.0-1.5 on two or more cores, so the
      // band still tells enforced quotas from none. Its width is measured, not wished: each
      // invocation's fixed CPU (JIT, GC, runtime client) costs the smaller quota proportionally
      // more
      // time, which biases the memory ratio up (2.34 seen in CI on a busy host, 1.92-2.16 usually).
      assertThat(r.memoryRatio()).isBetween(1.7, 2.6);
      assertThat(r.workersRatio()).isBetween(1.7, 2.6);
    }
  }
}
