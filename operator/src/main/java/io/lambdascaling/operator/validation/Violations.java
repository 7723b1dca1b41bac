package io.lambdascaling.operator.validation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Collects violations, with the checks that recur across fields. */
final class Violations {

  private static final int MAX_QUOTED = 60;

  private final List<Violation> list = new ArrayList<>();

  void add(String field, String message) {
    list.add(new Violation(field, message));
  }

  List<Violation> list() {
    return List.copyOf(list);
  }

  boolean required(String field, Object value) {
    if (value == null) {
      add(field, "required");
      return false;
    }
    return true;
  }

  /** True when the value is present and within [min, max]. */
  boolean range(String field, Integer value, int min, int max) {
    if (value == null || value < min || value > max) {
      add(field, "must be an integer from " + min + " to " + max + ", got " + value);
      return false;
    }
    return true;
  }

  boolean range(String field, Double value, double min, double max) {
    if (value == null || value.isNaN() || value < min || value > max) {
      add(field, "must be a number from " + min + " to " + max + ", got " + value);
      return false;
    }
    return true;
  }

  /** Checks a duration that may be zero only when {@code allowZero}, and is at most max. */
  void duration(String field, String text, boolean allowZero, Duration max) {
    String allowed =
        "a duration " + (allowZero ? "from 0s to " : "above 0s, at most ") + max.toHours() + "h";
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      add(field, "must be " + allowed + ", such as 90s, 2m or 1h30m, got " + quote(text));
      return;
    }
    if ((d.isZero() && !allowZero) || d.compareTo(max) > 0) {
      add(field, "must be " + allowed + ", got " + quote(text));
    }
  }

  /** The value in quotes, cut short: a huge string must not make a huge message. */
  static String quote(String value) {
    if (value == null) {
      return "null";
    }
    String shown =
        value.length() > MAX_QUOTED
            ? value.substring(0, MAX_QUOTED) + "... (" + value.length() + " characters)"
            : value;
    return "\"" + shown + "\"";
  }
}
