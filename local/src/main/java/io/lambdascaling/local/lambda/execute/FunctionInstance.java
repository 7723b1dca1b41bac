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
      List<String> command = new ArrayList<>(joinGroup(group.procsFiles()));
      command.addAll(javaCommand(function, tmp, nativeLibrary));
      // The client loads the function from its working directory, as /var/task on Lambda.
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
      builder.environment().clear();
      builder.environment().putAll(environment(function, api.address(), taskRoot, region));
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

  /** {@code sh -c 'echo $$ > f1 && echo $$ > f2 && shift 2 && exec "$@"' sh f1 f2 java …}. */
  private static List<String> joinGroup(List<Path> procsFiles) {
    if (procsFiles.isEmpty()) {
      return List.of();
    }
    StringBuilder script = new StringBuilder();
    for (int i = 1; i <= procsFiles.size(); i++) {
      script.append("echo $$ > \"$").append(i).append("\" && ");
    }
    script.append("shift ").append(procsFiles.size()).append(" && exec \"$@\"");
    List<String> out = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "sh"));
    procsFiles.forEach(p -> out.add(p.toString()));
    return out;
  }

  /** The flags AWS's Java runtimes use, and a heap sized from the memory. */
  private static List<String> javaCommand(FunctionSnapshot f, Path tmp, Path nativeLibrary) {
    int heapMb = Math.max(32, (int) (f.memoryMb() * 0.85) - 48);
    return List.of(
        RuntimeClasspath.javaExecutable(),
        "-XX:+TieredCompilation",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Xmx" + heapMb + "m",
        "-XX:-UsePerfData",
        "-Djava.io.tmpdir=" + tmp,
        "-D" + RuntimeClasspath.JNI_PROPERTY + "=" + nativeLibrary,
        "-cp",
        RuntimeClasspath.classpath(),
        RuntimeClasspath.MAIN,
        f.handler());
  }

  private static Map<String, String> environment(
      FunctionSnapshot f, String runtimeApi, Path taskRoot, String region) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("AWS_REGION", region);
    env.put("AWS_DEFAULT_REGION", region);
    env.put("AWS_LAMBDA_FUNCTION_NAME", f.name());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(f.memoryMb()));
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + f.name());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + f.codeSha256());
    env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + f.runtime());
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
    env.put("_HANDLER", f.handler());
    env.putAll(f.environment());
    return env;
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
    CompletableFuture<Object> dispatchedOrDied =
        CompletableFuture.anyOf(work.dispatched, process.onExit(), api.initError());
    try {
      dispatchedOrDied.get(INIT_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      kill();
      return failure("Runtime.InitTimeout", requestId, "init took longer than 600 s", 0);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    if (!work.dispatched.isDone()) {
      return diedBeforeDispatch(requestId);
    }
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
