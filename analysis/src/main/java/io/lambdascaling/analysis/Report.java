package io.lambdascaling.analysis;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's REPORT line: {@code REPORT RequestId: … Duration: 47.28 ms Billed Duration: 48 ms Memory
 * Size: 10240 MB Max Memory Used: 86 MB [Init Duration: 340.74 ms]}, tab-separated.
 *
 * @param initDurationMs present on a cold start only
 */
public record Report(
    String requestId,
    double durationMs,
    long billedDurationMs,
    int memorySizeMb,
    int maxMemoryUsedMb,
    Double initDurationMs) {

  private static final Pattern LINE =
      Pattern.compile(
          "REPORT RequestId: (\\S+)\\s+Duration: ([0-9.]+) ms\\s+Billed Duration: ([0-9]+) ms\\s+"
              + "Memory Size: ([0-9]+) MB\\s+Max Memory Used: ([0-9]+) MB"
              + "(?:\\s+Init Duration: ([0-9.]+) ms)?");

  /** The last REPORT line in a log tail, if there is one. */
  public static Optional<Report> find(String logTail) {
    Matcher m = LINE.matcher(logTail);
    Report last = null;
    while (m.find()) {
      last =
          new Report(
              m.group(1),
              Double.parseDouble(m.group(2)),
              Long.parseLong(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              m.group(6) == null ? null : Double.parseDouble(m.group(6)));
    }
    return Optional.ofNullable(last);
  }

  public boolean cold() {
    return initDurationMs != null;
  }
}
