package io.lambdascaling.local.lambda.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lambdascaling.function.HashingRequest;
import io.lambdascaling.function.InvalidEventException;
import io.lambdascaling.local.lambda.FunctionSnapshot;
import io.lambdascaling.local.lambda.Invocation;
import io.lambdascaling.local.lambda.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Computes each invocation's timings from {@link SimulationModel} and answers at once, without
 * running anything: for experiments at the scale of hundreds of configurations. Deterministic for a
 * seed; every response says it is simulated.
 */
public final class SimulatePlatform implements Platform {

  private final SimulationModel model;
  private final ObjectMapper json = new ObjectMapper();

  /** Per function: the revision its warm instances were started for, and how many are idle. */
  private final Map<String, Instances> instances = new ConcurrentHashMap<>();

  private static final class Instances {
    final long revision;
    int idle;
    final AtomicLong invocations = new AtomicLong();

    Instances(long revision) {
      this.revision = revision;
    }
  }

  public SimulatePlatform(SimulationModel model) {
    this.model = model;
  }

  public SimulationModel model() {
    return model;
  }

  @Override
  public String description() {
    return "local simulate (SIMULATED timings from a model, seed " + model.seed() + ")";
  }

  @Override
  public Invocation invoke(FunctionSnapshot fn, String requestId, byte[] payload) {
    Instances pool =
        instances.compute(
            fn.name(),
            (name, current) ->
                current == null || current.revision != fn.revision()
                    ? new Instances(fn.revision())
                    : current);
    boolean cold;
    long sequence;
    synchronized (pool) {
      cold = pool.idle == 0;
      if (!cold) {
        pool.idle--;
      }
      sequence = pool.invocations.getAndIncrement();
    }
    try {
      return run(fn, requestId, payload, cold, random(fn, sequence));
    } finally {
      synchronized (pool) {
        pool.idle++;
      }
    }
  }

  private SplittableRandom random(FunctionSnapshot fn, long sequence) {
    long h = model.seed();
    h = h * 31 + fn.name().hashCode();
    h = h * 31 + fn.revision();
    h = h * 1_000_003 + sequence;
    return new SplittableRandom(h);
  }

  private Invocation run(
      FunctionSnapshot fn,
      String requestId,
      byte[] payload,
      boolean cold,
      SplittableRandom random) {
    Double initMs = cold ? model.expectedInitMs(fn.memoryMb()) * model.noise(random) : null;
    HashingRequest request;
    try {
      request =
          HashingRequest.parse(
              new String(payload, StandardCharsets.UTF_8), fn.environment().get("WORKERS"));
    } catch (InvalidEventException e) {
      return error(
          InvalidEventException.class.getName(), e.getMessage(), model.overheadMs(), initMs, fn);
    }
    double procMs =
        model.expectedProcMs(
                fn.architecture(),
                fn.memoryMb(),
                request.workers(),
                request.passwords(),
                request.iterations())
            * model.noise(random);
    double durationMs = procMs + model.overheadMs();
    int maxMemory = maxMemoryUsed(fn, request.workers());
    if (durationMs > fn.timeoutSeconds() * 1000.0) {
      instances.remove(fn.name()); // Lambda discards a timed-out instance
      return timedOut(fn, requestId, initMs);
    }
    return new Invocation(
        response(fn, request, procMs, cold, requestId),
        null,
        List.of(),
        durationMs,
        initMs,
        maxMemory,
        0);
  }

  private Invocation timedOut(FunctionSnapshot fn, String requestId, Double initMs) {
    String message =
        String.format(
            java.util.Locale.ROOT,
            "RequestId: %s Error: Task timed out after %.2f seconds",
            requestId,
            (double) fn.timeoutSeconds());
    return error("Sandbox.Timedout", message, fn.timeoutSeconds() * 1000.0, initMs, fn);
  }

  /** What the function answers, with the figures it would measure, and marked simulated. */
  private byte[] response(
      FunctionSnapshot fn, HashingRequest request, double procMs, boolean cold, String requestId) {
    double vcpu = SimulationModel.vcpu(fn.memoryMb());
    ObjectNode out = json.createObjectNode();
    out.put("procTimeMs", procMs);
    out.put("cpuTimeMs", procMs * Math.min(request.workers(), vcpu));
    out.put("workers", request.workers());
    out.put("passwords", request.passwords());
    out.put("iterations", request.iterations());
    out.put("algorithm", request.algorithm());
    out.put("memoryLimitMb", fn.memoryMb());
    out.put("availableProcessors", Math.max(2, (int) Math.ceil(vcpu)));
    out.put("arch", "arm64".equals(fn.architecture()) ? "aarch64" : "amd64");
    out.put("cpuModel", "simulated");
    out.put("javaVersion", "simulated");
    out.put("coldStart", cold);
    out.put("requestId", requestId);
    out.put("simulated", true);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static int maxMemoryUsed(FunctionSnapshot fn, int workers) {
    return Math.min(fn.memoryMb(), 70 + 3 * workers);
  }

  private Invocation error(
      String type, String message, double durationMs, Double initMs, FunctionSnapshot fn) {
    ObjectNode out = json.createObjectNode();
    out.put("errorType", type);
    out.put("errorMessage", message);
    return new Invocation(
        out.toString().getBytes(StandardCharsets.UTF_8),
        type,
        List.of(message),
        durationMs,
        initMs,
        maxMemoryUsed(fn, 1),
        0);
  }

  @Override
  public void retire(String functionName) {
    instances.remove(functionName);
  }

  @Override
  public void close() {
    instances.clear();
  }
}
