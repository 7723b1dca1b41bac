package io.lambdascaling.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Lambda entry point, {@code io.lambdascaling.function.HashingHandler::handleRequest}: hashes
 * random passwords with PBKDF2 on W threads and returns the timings as JSON.
 *
 * <p>A bad event fails the invocation with an {@link InvalidEventException} whose message names the
 * field and the allowed values; Lambda reports it as a function error.
 */
public final class HashingHandler implements RequestStreamHandler {

  /** Instance-wide, like a Lambda execution environment: only its first invocation is cold. */
  private static final AtomicBoolean FIRST_INVOCATION = new AtomicBoolean(true);

  private static final String CPU_MODEL = HostInfo.cpuModel(Path.of("/proc/cpuinfo"));

  private final String workersEnv;
  private final SplittableRandom random = new SplittableRandom();

  /** Used by the Lambda runtime. */
  public HashingHandler() {
    this(System.getenv("WORKERS"));
  }

  HashingHandler(String workersEnv) {
    this.workersEnv = workersEnv;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    boolean coldStart = FIRST_INVOCATION.getAndSet(false);
    HashingRequest request =
        HashingRequest.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8), workersEnv);

    char[][] passwords;
    synchronized (random) {
      passwords = HashingWorkload.randomPasswords(request.passwords(), random);
    }
    HashingWorkload.Measurement measured;
    try {
      measured = HashingWorkload.run(request, passwords);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while hashing", e);
    }

    output.write(
        JsonWriter.write(response(request, measured, context, coldStart))
            .getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> response(
      HashingRequest request,
      HashingWorkload.Measurement measured,
      Context context,
      boolean coldStart) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("procTimeMs", measured.procTimeNanos() / 1e6);
    out.put("cpuTimeMs", measured.cpuTimeNanos() < 0 ? null : measured.cpuTimeNanos() / 1e6);
    out.put("workers", request.workers());
    out.put("passwords", request.passwords());
    out.put("iterations", request.iterations());
    out.put("algorithm", request.algorithm());
    out.put("memoryLimitMb", context == null ? null : context.getMemoryLimitInMB());
    out.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    out.put("arch", System.getProperty("os.arch"));
    out.put("cpuModel", CPU_MODEL);
    out.put("javaVersion", System.getProperty("java.version"));
    out.put("coldStart", coldStart);
    out.put("requestId", context == null ? null : context.getAwsRequestId());
    return out;
  }
}
