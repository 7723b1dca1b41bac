package io.lambdascaling.local.lambda.execute;

import io.lambdascaling.local.lambda.ApiError;
import io.lambdascaling.local.lambda.FunctionSnapshot;
import io.lambdascaling.local.lambda.Invocation;
import io.lambdascaling.local.lambda.LocalLambda;
import io.lambdascaling.local.lambda.Platform;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

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
  private final TaskRoots taskRoots;
  private final Map<String, InstancePool> pools = new ConcurrentHashMap<>();
  private final Set<FunctionInstance> live = ConcurrentHashMap.newKeySet();
  private final AtomicLong instanceIds = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ScheduledExecutorService reaper;
  private final String description;

  ExecutePlatform(ExecuteOptions options, CgroupDriver cgroups, int hostCpus, String region)
      throws IOException {
    this.options = options;
    this.cgroups = cgroups;
    this.admission = new CpuAdmission(hostCpus);
    this.region = region;
    this.workDir = Files.createTempDirectory("lse-local-lambda-");
    this.taskRoots = new TaskRoots(workDir);
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
    InstancePool pool =
        pools.computeIfAbsent(fn.name(), n -> new InstancePool(options.functionConcurrency()));
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
      InstancePool pool,
      FunctionSnapshot fn,
      double cpus,
      String requestId,
      byte[] payload,
      double queuedMs)
      throws InterruptedException {
    long epoch = pool.epoch();
    FunctionInstance instance = warmOrStarted(pool, fn, cpus);
    boolean cold = instance.cold();
    FunctionInstance.Outcome outcome = instance.invoke(requestId, payload);
    Double initMs = cold ? instance.initDurationMs() : null;
    int maxMemory = instance.maxMemoryUsedMb();
    if (!pool.keep(instance, outcome.alive(), epoch)) {
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

  /** A warm instance for this revision of the function, else a new one; stale ones are stopped. */
  private FunctionInstance warmOrStarted(InstancePool pool, FunctionSnapshot fn, double cpus) {
    List<FunctionInstance> stale = new ArrayList<>();
    FunctionInstance warm = pool.takeIdle(fn.revision(), stale);
    stale.forEach(this::stop);
    if (warm != null) {
      return warm;
    }
    try {
      FunctionInstance started =
          FunctionInstance.start(
              fn,
              cpus,
              "i" + instanceIds.incrementAndGet(),
              taskRoots.of(fn),
              workDir,
              cgroups,
              nativeLibrary,
              region);
      live.add(started);
      return started;
    } catch (IOException e) {
      throw ApiError.service("Could not start an instance of " + fn.name() + ": " + e.getMessage());
    }
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

  @Override
  public void retire(String functionName) {
    InstancePool pool = pools.get(functionName);
    if (pool == null) {
      return;
    }
    List<FunctionInstance> idle = pool.retire();
    // Busy instances see the new epoch when they finish, and stop then.
    reaper.execute(() -> idle.forEach(this::stop));
  }

  private void reapIdle() {
    long now = System.nanoTime();
    for (InstancePool pool : pools.values()) {
      pool.expired(now, options.idleTimeout().toNanos()).forEach(this::stop);
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
    pools.values().forEach(InstancePool::clear);
    List.copyOf(live).forEach(this::stop);
    cgroups.close();
    try (Stream<Path> files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not clean {0}: {1}", workDir, e.getMessage());
    }
  }
}
