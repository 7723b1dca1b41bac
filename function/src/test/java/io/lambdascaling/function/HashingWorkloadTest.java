package io.lambdascaling.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashingWorkloadTest {

  private final SplittableRandom random = new SplittableRandom(7);

  @Test
  void passwords_are_24_alphanumeric_characters_and_differ() {
    char[][] passwords = HashingWorkload.randomPasswords(50, random);

    Set<String> distinct = new HashSet<>();
    for (char[] p : passwords) {
      assertThat(new String(p)).matches("[A-Za-z0-9]{24}");
      distinct.add(new String(p));
    }
    assertThat(distinct).hasSize(50);
  }

  @Test
  void every_password_is_hashed_once_whatever_the_worker_count() throws InterruptedException {
    for (int workers : new int[] {1, 3, 8}) {
      HashingRequest request = new HashingRequest(7, 10, "PBKDF2WithHmacSHA256", workers);

      HashingWorkload.Measurement m =
          HashingWorkload.run(request, HashingWorkload.randomPasswords(7, random));

      assertThat(m.hashed()).as("workers=%d", workers).isEqualTo(7);
    }
  }

  /**
   * With W threads on at least W idle cores, the threads' CPU time adds up to about W times the
   * wall-clock time; with one thread it is about equal. Best of eight runs of ~150 ms (the highest
   * ratio), because the JIT's compiler threads, other processes or the hypervisor can take a core
   * for a while, which only ever lowers it; runs of ~30 ms read as low as 1.0 for two workers here
   * while the JIT was still busy.
   */
  @Test
  void workers_run_in_parallel() throws InterruptedException {
    assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two cores");
    // The JIT's compiler threads take a core of their own until the hashing loop is compiled.
    HashingRequest warmUp = new HashingRequest(40, 20_000, "PBKDF2WithHmacSHA256", 1);
    HashingWorkload.run(warmUp, HashingWorkload.randomPasswords(40, random));

    double one = bestParallelism(1);
    double two = bestParallelism(2);

    assertThat(one).isBetween(0.8, 1.05);
    assertThat(two).isGreaterThan(1.6);
  }

  private double bestParallelism(int workers) throws InterruptedException {
    double[] ratios = new double[8];
    for (int i = 0; i < ratios.length; i++) {
      HashingRequest request = new HashingRequest(16, 50_000, "PBKDF2WithHmacSHA256", workers);
      HashingWorkload.Measurement m =
          HashingWorkload.run(request, HashingWorkload.randomPasswords(16, random));
      ratios[i] = (double) m.cpuTimeNanos() / m.procTimeNanos();
    }
    return Arrays.stream(ratios).max().orElseThrow();
  }
}
