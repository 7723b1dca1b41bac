package io.lambdascaling.cli;

import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Shows an experiment's progress from its status: on a terminal one line redrawn in place (a bar,
 * functions ready, invocations done of target, rate, ETA, spend); elsewhere (CI logs, pipes) a
 * plain line when the phase changes and every few seconds.
 */
final class Progress {

  private static final int BAR = 24;
  private static final long PLAIN_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

  private final PrintWriter out;
  private final boolean terminal;
  private long firstInvocationNanos;
  private long firstCount;
  private long lastPlainNanos;
  private String lastPhase;
  private int lastWidth;

  Progress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Shows the status as of now. */
  void show(ExperimentStatus s) {
    long now = System.nanoTime();
    String phase = s.getPhase() == null ? "Pending" : s.getPhase().name();
    long done = s.getInvocations() == null ? 0 : s.getInvocations().getSucceeded();
    long target = s.getInvocations() == null ? 0 : s.getInvocations().getTarget();
    if (done > 0 && firstInvocationNanos == 0) {
      firstInvocationNanos = now;
      firstCount = done;
    }
    double seconds = (now - firstInvocationNanos) / 1e9;
    double rate =
        firstInvocationNanos == 0 || seconds < 1 ? Double.NaN : (done - firstCount) / seconds;
    String line = describe(s, phase, done, target, rate);
    if (terminal) {
      double share = target == 0 ? 0 : Math.min(1, (double) done / target);
      int filled = (int) Math.round(share * BAR);
      String text = "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] " + line;
      // Pad over what the previous, possibly longer, line left on screen.
      out.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
      lastWidth = text.length();
      out.flush();
    } else if (!phase.equals(lastPhase) || now - lastPlainNanos >= PLAIN_EVERY_NANOS) {
      out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
      lastPlainNanos = now;
    }
    lastPhase = phase;
  }

  /** Ends the live line, if any, so that what follows starts on its own line. */
  void finish() {
    if (terminal && lastWidth > 0) {
      out.println();
      lastWidth = 0;
    }
  }

  static String describe(ExperimentStatus s, String phase, long done, long target, double rate) {
    StringBuilder b = new StringBuilder(phase);
    if (s.getConfigurations() != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "  functions %d/%d",
              s.getConfigurations().getReady(),
              s.getConfigurations().getTotal()));
    }
    if (target > 0) {
      b.append(
          String.format(
              Locale.ROOT,
              "  invocations %d/%d (%.0f%%)",
              done,
              target,
              100.0 * Math.min(done, target) / target));
    }
    if (!Double.isNaN(rate) && rate > 0) {
      b.append(String.format(Locale.ROOT, "  %.1f/s", rate));
      long left = Math.max(0, target - done);
      b.append("  ETA ").append(duration(Math.round(left / rate)));
    }
    if (s.getSpendUsd() != null) {
      b.append(String.format(Locale.ROOT, "  spend $%.4f", s.getSpendUsd()));
    }
    if (s.getPlatform() != null && s.getPlatform().contains("SIMULATED")) {
      b.append("  (SIMULATED)");
    }
    return b.toString();
  }

  static String duration(long seconds) {
    return seconds >= 3600
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
