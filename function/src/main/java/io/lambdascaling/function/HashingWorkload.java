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
    int workers = request.workers();
    boolean cpuTimed =
        THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    AtomicInteger nextPassword = new AtomicInteger();
    LongAdder hashed = new LongAdder();
    LongAdder cpuNanos = new LongAdder();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(workers);
    CountDownLatch go = new CountDownLatch(1);

    Thread[] threads = new Thread[workers];
    for (int w = 0; w < workers; w++) {
      threads[w] =
          new Thread(
              () -> {
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
              },
              "hash-worker-" + w);
      threads[w].setDaemon(true);
      threads[w].start();
    }

    ready.await();
    long start = System.nanoTime();
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;

    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException("a hashing worker failed: " + t, t);
    }
    return new Measurement(elapsed, cpuTimed ? cpuNanos.sum() : -1, hashed.intValue());
  }
}
