package io.lambdascaling.function;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The measured work: W threads take passwords from one shared queue and hash each once. Only the
 * hashing is timed; generating passwords and starting threads happen before the clock starts.
 */
final class HashingWorkload {

  private static final char[] ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  static final int PASSWORD_LENGTH = 24;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * What one run measured.
   *
   * @param procTimeNanos wall-clock time from releasing the workers until the last one finished
   * @param cpuTimeNanos the workers' CPU time added up, or -1 where the JVM cannot measure it
   * @param hashed how many passwords were hashed (equals the request's count on success)
   */
  record Measurement(long procTimeNanos, long cpuTimeNanos, int hashed) {}

  private HashingWorkload() {}

  static char[][] randomPasswords(int count, SplittableRandom random) {
    char[][] passwords = new char[count][PASSWORD_LENGTH];
    for (char[] password : passwords) {
      for (int i = 0; i < PASSWORD_LENGTH; i++) {
        password[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
      }
    }
    return passwords;
  }

  static Measurement run(HashingRequest request, char[][] passwords) throws InterruptedException {
    Workers workers = new Workers(request, passwords);
    Thread[] threads = new Thread[request.workers()];
    for (int w = 0; w < threads.length; w++) {
      threads[w] = new Thread(workers::hashUntilDone, "hash-worker-" + w);
      threads[w].setDaemon(true);
      threads[w].start();
    }

    workers.ready.await();
    long start = System.nanoTime();
    workers.go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;

    Throwable t = workers.failure.get();
    if (t != null) {
      throw new IllegalStateException("a hashing worker failed: " + t, t);
    }
    return new Measurement(
        elapsed, workers.cpuTimed ? workers.cpuNanos.sum() : -1, workers.hashed.intValue());
  }

  /**
   * What the W threads of one run share: the queue of passwords they take turns at, the signals
   * that start them together, what they hashed and their CPU time, and the first failure.
   */
  private static final class Workers {
    final HashingRequest request;
    final char[][] passwords;
    final boolean cpuTimed =
        THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    final AtomicInteger nextPassword = new AtomicInteger();
    final LongAdder hashed = new LongAdder();
    final LongAdder cpuNanos = new LongAdder();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final CountDownLatch ready;
    final CountDownLatch go = new CountDownLatch(1);

    Workers(HashingRequest request, char[][] passwords) {
      this.request = request;
      this.passwords = passwords;
      this.ready = new CountDownLatch(request.workers());
    }

    /** One worker: ready, then on the signal hashes passwords until none is left. */
    void hashUntilDone() {
      try {
        Pbkdf2 pbkdf2 = new Pbkdf2(request.algorithm());
        ready.countDown();
        go.await();
        long cpuStart = cpuTimed ? THREADS.getCurrentThreadCpuTime() : 0;
        int index;
        while ((index = nextPassword.getAndIncrement()) < passwords.length
            && failure.get() == null) {
          pbkdf2.hash(passwords[index], Pbkdf2.SALT, request.iterations());
          hashed.increment();
        }
        if (cpuTimed) {
          cpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpuStart);
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
        ready.countDown();
      }
    }
  }
}
