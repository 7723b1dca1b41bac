package io.lambdascaling.local.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The log of one invocation as Lambda writes it (START, the function's lines, END, REPORT), and its
 * last 4 KB as {@code X-Amz-Log-Result} carries it.
 */
final class LogTail {

  static final int TAIL_BYTES = 4096;

  private LogTail() {}

  /**
   * Lambda's REPORT line: tab-separated, ending with a tab; {@code Init Duration} only on a cold
   * start. Billed duration is rounded up to the millisecond and, as AWS has done since August 2025
   * for managed runtimes, includes the init phase.
   */
  static String report(
      String requestId, double durationMs, Double initMs, int memoryMb, int maxMemoryUsedMb) {
    StringBuilder r =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\t"
                    + "Memory Size: %d MB\tMax Memory Used: %d MB\t",
                requestId,
                durationMs,
                billedMs(durationMs, initMs),
                memoryMb,
                maxMemoryUsedMb));
    if (initMs != null) {
      r.append(String.format(Locale.ROOT, "Init Duration: %.2f ms\t", initMs));
    }
    return r.toString();
  }

  static long billedMs(double durationMs, Double initMs) {
    return (long) Math.ceil(durationMs + (initMs == null ? 0 : initMs));
  }

  static String log(String requestId, Invocation invocation, String platform, int memoryMb) {
    StringBuilder log = new StringBuilder();
    log.append("START RequestId: ").append(requestId).append(" Version: $LATEST\n");
    for (String line : invocation.logLines()) {
      log.append(line).append('\n');
    }
    log.append(
        String.format(
            Locale.ROOT,
            "LSE-LOCAL platform: %s; queued %.2f ms (not in Duration)%n",
            platform,
            invocation.queuedMs()));
    log.append("END RequestId: ").append(requestId).append('\n');
    log.append(
            report(
                requestId,
                invocation.durationMs(),
                invocation.initDurationMs(),
                memoryMb,
                invocation.maxMemoryUsedMb()))
        .append('\n');
    return log.toString();
  }

  /** The last 4 KB, base64, cut at a character boundary. */
  static String tail(String log) {
    byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
    int from = Math.max(0, bytes.length - TAIL_BYTES);
    while (from < bytes.length && from > 0 && (bytes[from] & 0xC0) == 0x80) {
      from++;
    }
    return Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, from, bytes.length));
  }
}
