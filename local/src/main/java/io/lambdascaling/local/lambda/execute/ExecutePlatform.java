package io.lambdascaling.local.lambda.execute;

import io.lambdascaling.local.lambda.ApiError;
import io.lambdascaling.local.lambda.FunctionSnapshot;
import io.lambdascaling.local.lambda.Invocation;
import io.lambdascaling.local.lambda.LocalLambda;
import io.lambdascaling.local.lambda.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Execute mode: each invocation runs the real deployment package in a child JVM under the AWS
 * runtime interface client, with a CPU quota of memory / 1,769 MB vCPU (× cpuScale) and the
 * function's memory as its limit. Warm instances are reused, idle ones stopped; at most {@code
 * functionConcurrency} instances per function; the quotas of running instances never add up to more
 * than the host's CPUs: further invocations wait, or get 429 past {@code maxQueueWait}.
 */
public final class ExecutePlatform implements Platform {

  private static final System.Logger LOG = System.getLogger(ExecutePlatform.class.getName());
  public static final double MB_PER_VCPU = 1769.0;

  private final ExecuteOptions options;
  private final CgroupDriver cgroups;
  private final CpuAdmission admission;
  private final Path workDir;
  private final Path nativeLibrary;
  private final String region;
  private final Map<String, Pool> pools = new ConcurrentHashMap<>();
  private final Map<String, Path> taskRoots = new ConcurrentHashMap<>();
  private final Set<FunctionInstance> live = ConcurrentHashMap.newKeySet();
  private final AtomicLong instanceIds = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ScheduledExecutorService reaper;
  private final String description;

  /** The instances of one function. */
  private final class Pool {
    final Semaphore slots = new Semaphore(options.functionConcurrency(), true);
    final Deque<FunctionInstance> idle = new ArrayDeque<>();

    /**
     * Moves on when the function changes or goes: instances of an older epoch never serve again.
     */
    long epoch;
  }

  ExecutePlatform(ExecuteOptions options, CgroupDriver cgroups, int hostCpus, String region)
      throws IOException {
    this.options = options;
    this.cgroups = cgroups;
    this.admission = new CpuAdmission(hostCpus);
    this.region = region;
    this.workDir = Files.createTempDirectory("lse-local-lambda-");
    this.nativeLibrary = RuntimeClasspath.extractNativeLibrary(workDir);
    this.description =
        String.format(
            Locale.ROOT,
            "local execute (%s; cpuScale %.4g; %d host CPUs; durations are real local durations)",
            cgroups.description(),
            options.cpuScale(),
            hostCpus);
    this.reaper = Executors.newSingleThreadScheduledExecutor(LocalLambda.daemon("instance-reaper"));
    long every = Math.max(1, Math.min(10_000, options.idleTimeout().toMillis() / 2));
    reaper.scheduleWithFixedDelay(this::reapIdle, every, every, TimeUnit.MILLISECONDS);
  }

  public static ExecutePlatform create(ExecuteOptions options) throws IOException {
    return new ExecutePlatform(
        options,
        Cgroups.detect(options.cgroups()),
        Runtime.getRuntime().availableProcessors(),
        "us-east-1");
  }

  @Override
  public String description() {
    return description;
  }

  /** CPUs a function of this memory gets here: memory / 1,769 MB × cpuScale. */
  public double cpusFor(int memoryMb) {
    return memoryMb / MB_PER_VCPU * options.cpuScale();
  }

  @Override
  public Invocation invoke(FunctionSnapshot fn, String requestId, byte[] payload)
      throws InterruptedException {
    long arrived = System.nanoTime();
    long deadline = arrived + options.maxQueueWait().toNanos();
    Pool pool = pools.computeIfAbsent(fn.name(), n -> new Pool());
    if (!pool.slots.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
      throw busy(fn, "an instance of the function");
    }
    inFlight.incrementAndGet();
    try {
      double cpus = cpusFor(fn.memoryMb());
      int demand = admission.demandMilli(cpus);
      if (!admission.acquire(demand, deadline - System.nanoTime())) {
        throw busy(fn, "CPU");
      }
      try {
        double queuedMs = (System.nanoTime() - arrived) / 1e6;
        return run(pool, fn, cpus, requestId, payload, queuedMs);
      } finally {
        admission.release(demand);
      }
    } finally {
      inFlight.decrementAndGet();
      pool.slots.release();
    }
  }

  private Invocation run(
      Pool pool,
      FunctionSnapshot fn,
      double cpus,
      String requestId,
      byte[] payload,
      double queuedMs)
      throws InterruptedException {
    long epoch;
    synchronized (pool) {
      epoch = pool.epoch; // read first: a retire from here on makes this instance stop after use
    }
    FunctionInstance instance = takeIdle(pool, fn);
    if (instance == null) {
      try {
        instance =
            FunctionInstance.start(
                fn,
                cpus,
                "i" + instanceIds.incrementAndGet(),
                taskRoot(fn),
                workDir,
                cgroups,
                nativeLibrary,
                region);
        live.add(instance);
      } catch (IOException e) {
        throw ApiError.service(
            "Could not start an instance of " + fn.name() + ": " + e.getMessage());
      }
    }
    boolean cold = instance.cold();
    FunctionInstance.Outcome outcome = instance.invoke(requestId, payload);
    Double initMs = cold ? instance.initDurationMs() : null;
    int maxMemory = instance.maxMemoryUsedMb();
    boolean keep;
    synchronized (pool) {
      keep = outcome.alive() && instance.alive() && pool.epoch == epoch;
      if (keep) {
        instance.idleSinceNanos = System.nanoTime();
        pool.idle.push(instance);
      }
    }
    if (!keep) {
      stop(instance);
    }
    return new Invocation(
        outcome.payload(),
        outcome.errorType(),
        outcome.logLines(),
        outcome.durationMs(),
        initMs,
        maxMemory,
        queuedMs);
  }

  /** A warm instance for this revision of the function; stale ones are stopped. */
  private FunctionInstance takeIdle(Pool pool, FunctionSnapshot fn) {
    List<FunctionInstance> stale = new ArrayList<>();
    FunctionInstance found = null;
    synchronized (pool) {
      while (found == null && !pool.idle.isEmpty()) {
        FunctionInstance candidate = pool.idle.pop();
        if (candidate.function.revision() == fn.revision() && candidate.alive()) {
          found = candidate;
        } else {
          stale.add(candidate);
        }
      }
    }
    stale.forEach(this::stop);
    return found;
  }

  private ApiError busy(FunctionSnapshot fn, String what) {
    return ApiError.tooManyRequests(
        "ConcurrentInvocationLimitExceeded",
        1,
        "Rate Exceeded. The local Lambda waited longer than "
            + options.maxQueueWait().toSeconds()
            + " s for "
            + what
            + " to run "
            + fn.name());
  }

  /** The deployment package unpacked, once per code hash. */
  private Path taskRoot(FunctionSnapshot fn) {
    String key = fn.codeSha256().replaceAll("[^A-Za-z0-9]", "_");
    return taskRoots.computeIfAbsent(
        key,
        k -> {
          Path dir = workDir.resolve("task-" + k);
          try {
            unzip(fn.zip(), dir);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return dir;
        });
  }

  static void unzip(byte[] zip, Path dir) throws IOException {
    Files.createDirectories(dir);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path target = dir.resolve(e.getName()).normalize();
        if (!target.startsWith(dir)) {
          throw new IOException("zip entry outside the package: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
  }

  @Override
  public void retire(String functionName) {
    Pool pool = pools.get(functionName);
    if (pool == null) {
      return;
    }
    List<FunctionInstance> idle;
    synchronized (pool) {
      pool.epoch++;
      idle = new ArrayList<>(pool.idle);
      pool.idle.clear();
    }
    // Busy instances see the new epoch when they finish, and stop then.
    reaper.execute(() -> idle.forEach(this::stop));
  }

  private void reapIdle() {
    long now = System.nanoTime();
    for (Pool pool : pools.values()) {
      List<FunctionInstance> expired = new ArrayList<>();
      synchronized (pool) {
        pool.idle.removeIf(
            i -> {
              boolean old = now - i.idleSinceNanos > options.idleTimeout().toNanos();
              if (old || !i.alive()) {
                expired.add(i);
              }
              return old || !i.alive();
            });
      }
      expired.forEach(this::stop);
    }
  }

  private void stop(FunctionInstance instance) {
    live.remove(instance);
    instance.close();
  }

  /** Where this platform's cgroups live (for diagnostics; empty without cgroups). */
  public List<Path> cgroupDirectories() {
    return cgroups.directories();
  }

  /** Invocations holding one of their function's slots now: running, or waiting for CPU. */
  public int invocationsInFlight() {
    return inFlight.get();
  }

  /** Instances running now, idle or busy. */
  public int liveInstances() {
    return live.size();
  }

  @Override
  public void close() {
    reaper.shutdownNow();
    for (Pool pool : pools.values()) {
      synchronized (pool) {
        pool.idle.clear();
      }
    }
    List.copyOf(live).forEach(this::stop);
    cgroups.close();
    try (Stream<Path> files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not clean {0}: {1}", workDir, e.getMessage());
    }
  }
}
