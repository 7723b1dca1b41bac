package io.lambdascaling.local.lambda.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdascaling.local.lambda.FunctionSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment: a child JVM that runs the deployment package under the AWS Lambda Java
 * runtime interface client, in a cgroup whose CPU quota and memory limit follow the function's
 * memory, talking to its own {@link RuntimeApiServer}.
 */
final class FunctionInstance implements AutoCloseable {

  /** Java's init may take long under a small quota; past this the instance is given up. */
  private static final long INIT_LIMIT_SECONDS = 600;

  private static final int MAX_LOG_LINES = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How one invocation on this instance ended, before it becomes the API's Invocation. */
  record Outcome(
      byte[] payload, String errorType, List<String> logLines, double durationMs, boolean alive) {}

  final FunctionSnapshot function;
  final double cpus;
  private final RuntimeApiServer api;
  private final CgroupDriver.Group group;
  private final Process process;
  private final long startedNanos;
  private final List<String> log = new ArrayList<>();
  private boolean served;
  volatile long idleSinceNanos = System.nanoTime();

  /**
   * Set when this instance kills its process. SIGKILL is asynchronous (a JVM throttled by its CPU
   * quota can take a while to exit), so {@code process.isAlive()} alone would let a timed-out
   * instance go back to the idle pool and fail the next invocation with Runtime.ExitError.
   */
  private volatile boolean killed;

  private FunctionInstance(
      FunctionSnapshot function,
      double cpus,
      RuntimeApiServer api,
      CgroupDriver.Group group,
      Process process,
      long startedNanos) {
    this.function = function;
    this.cpus = cpus;
    this.api = api;
    this.group = group;
    this.process = process;
    this.startedNanos = startedNanos;
  }

  /** Starts the child; it initialises while the first invocation waits for it. */
  static FunctionInstance start(
      FunctionSnapshot function,
      double cpus,
      String id,
      Path taskRoot,
      Path workDir,
      CgroupDriver cgroups,
      Path nativeLibrary,
      String region)
      throws IOException {
    RuntimeApiServer api = new RuntimeApiServer();
    CgroupDriver.Group group = null;
    try {
      group = cgroups.create(id, cpus, function.memoryMb() * 1024L * 1024L);
      Path tmp = Files.createDirectories(workDir.resolve(id + "-tmp"));
      List<String> command = ChildJvm.command(function, group.procsFiles(), tmp, nativeLibrary);
      // The client loads the function from its working directory, as /var/task on Lambda.
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
      builder.environment().clear();
      builder.environment().putAll(ChildJvm.environment(function, api.address(), taskRoot, region));
      long started = System.nanoTime();
      Process process = builder.start();
      FunctionInstance instance =
          new FunctionInstance(function, cpus, api, group, process, started);
      instance.pumpOutput();
      return instance;
    } catch (IOException | RuntimeException e) {
      api.close();
      if (group != null) {
        group.close();
      }
      throw e;
    }
  }

  private void pumpOutput() {
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  synchronized (log) {
                    if (log.size() < MAX_LOG_LINES) {
                      log.add(line);
                    }
                  }
                }
              } catch (IOException ignored) {
                // the child is gone
              }
            },
            "instance-log-" + function.name());
    pump.setDaemon(true);
    pump.start();
  }

  /** True until this instance has served its first invocation. */
  boolean cold() {
    return !served;
  }

  boolean alive() {
    return !killed && process.isAlive();
  }

  private void kill() {
    killed = true;
    process.destroyForcibly();
  }

  /** Init Duration: from starting the process until it first asked for work; null when warm. */
  Double initDurationMs() {
    CompletableFuture<Long> first = api.firstNext();
    return first.isDone() && !first.isCompletedExceptionally()
        ? (first.join() - startedNanos) / 1e6
        : null;
  }

  Outcome invoke(String requestId, byte[] payload) throws InterruptedException {
    served = true;
    synchronized (log) {
      log.clear();
    }
    long timeoutMs = function.timeoutSeconds() * 1000L;
    RuntimeApiServer.Work work =
        new RuntimeApiServer.Work(
            requestId, payload, System.currentTimeMillis() + timeoutMs, function.arn());
    api.submit(work);
    Optional<Outcome> notDispatched = awaitDispatch(work, requestId);
    return notDispatched.isPresent()
        ? notDispatched.get()
        : awaitResult(work, requestId, timeoutMs);
  }

  /**
   * Waits until the runtime takes the event: Java's init may take long under a small quota. An
   * outcome when the instance failed, hung or died before it took the event.
   */
  private Optional<Outcome> awaitDispatch(RuntimeApiServer.Work work, String requestId)
      throws InterruptedException {
    CompletableFuture<Object> dispatchedOrDied =
        CompletableFuture.anyOf(work.dispatched, process.onExit(), api.initError());
    try {
      dispatchedOrDied.get(INIT_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      kill();
      return Optional.of(
          failure("Runtime.InitTimeout", requestId, "init took longer than 600 s", 0));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    return work.dispatched.isDone() ? Optional.empty() : Optional.of(diedBeforeDispatch(requestId));
  }

  /** Waits for the function's answer, its timeout, or the process's end. */
  private Outcome awaitResult(RuntimeApiServer.Work work, String requestId, long timeoutMs)
      throws InterruptedException {
    long dispatched = work.dispatched.join();
    try {
      Object done =
          CompletableFuture.anyOf(work.result, process.onExit())
              .get(timeoutMs, TimeUnit.MILLISECONDS);
      if (done instanceof RuntimeApiServer.Result r) {
        double durationMs = (r.nanoTime() - dispatched) / 1e6;
        return new Outcome(r.body(), r.errorType(), logLines(), durationMs, true);
      }
      return exited(requestId, (System.nanoTime() - dispatched) / 1e6);
    } catch (TimeoutException e) {
      kill();
      String message =
          String.format(
              Locale.ROOT,
              "RequestId: %s Error: Task timed out after %.2f seconds",
              requestId,
              (double) function.timeoutSeconds());
      return failure("Sandbox.Timedout", requestId, message, timeoutMs);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private Outcome diedBeforeDispatch(String requestId) {
    if (api.initError().isDone()) {
      RuntimeApiServer.Result r = api.initError().join();
      kill();
      return new Outcome(r.body(), r.errorType(), logLines(), 0, false);
    }
    return exited(requestId, 0);
  }

  private Outcome exited(String requestId, double durationMs) {
    int code = process.exitValue();
    String status = code > 128 ? "signal: " + signal(code - 128) : "exit status " + code;
    return failure(
        "Runtime.ExitError",
        requestId,
        "RequestId: " + requestId + " Error: Runtime exited with error: " + status,
        durationMs);
  }

  private static String signal(int n) {
    return switch (n) {
      case 9 -> "killed";
      case 6 -> "aborted";
      case 11 -> "segmentation fault";
      default -> "signal " + n;
    };
  }

  private Outcome failure(String type, String requestId, String message, double durationMs) {
    List<String> lines = logLines();
    lines.add(message);
    Map<String, String> body = new LinkedHashMap<>();
    body.put("errorType", type);
    body.put("errorMessage", message);
    try {
      return new Outcome(JSON.writeValueAsBytes(body), type, lines, durationMs, alive());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> logLines() {
    synchronized (log) {
      return new ArrayList<>(log);
    }
  }

  /** Peak memory of the instance: the memory cgroup's, else the process's high-water mark. */
  int maxMemoryUsedMb() {
    long bytes = group.peakMemoryBytes();
    if (bytes > 0) {
      return (int) Math.ceil(bytes / (1024.0 * 1024.0));
    }
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return (int) Math.ceil(kb / 1024.0);
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // gone or not Linux
    }
    return 0;
  }

  @Override
  public void close() {
    kill();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    api.close();
    group.close();
  }
}
