package io.lambdascaling.analysis;

import java.util.Locale;

/**
 * What an attempt is to its configuration's figures: a cold start (an invocation with an init
 * phase), a warm-up invocation (kept out of the statistics after a cold start), a steady one (joins
 * the statistics), or a failure, throttle or service error by its outcome.
 */
public enum AttemptPhase {
  COLD,
  WARMUP,
  STEADY,
  FAILED,
  THROTTLED,
  SERVICE_ERROR;

  /** The word written in result files: {@code cold}, {@code warmup}, {@code service_error}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The phase a {@link #label()} names. */
  public static AttemptPhase ofLabel(String label) {
    for (AttemptPhase p : values()) {
      if (p.label().equals(label)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "phase must be cold, warmup, steady, failed, throttled or service_error, got " + label);
  }

  /** Whether the invocation returned a sample (of any phase). */
  public boolean succeeded() {
    return this == COLD || this == WARMUP || this == STEADY;
  }
}
