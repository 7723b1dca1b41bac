package io.lambdascaling.local.lambda.execute;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the CPU quotas of the instances running at one moment within the host's CPUs, so that each
 * invocation gets the share its memory buys, as on Lambda. Counted in thousandths of a CPU; fair,
 * so a large request is not starved by small ones.
 */
final class CpuAdmission {

  private final int capacity;
  private final Semaphore permits;

  CpuAdmission(int hostCpus) {
    this.capacity = hostCpus * 1000;
    this.permits = new Semaphore(capacity, true);
  }

  int capacityMilli() {
    return capacity;
  }

  /** What one instance with this quota holds: at most the whole host. */
  int demandMilli(double cpus) {
    return (int) Math.min(capacity, Math.max(1, Math.ceil(cpus * 1000)));
  }

  boolean acquire(int milli, long timeoutNanos) throws InterruptedException {
    return permits.tryAcquire(milli, timeoutNanos, TimeUnit.NANOSECONDS);
  }

  void release(int milli) {
    permits.release(milli);
  }
}
