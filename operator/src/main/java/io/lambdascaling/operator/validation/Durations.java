package io.lambdascaling.operator.validation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes-style durations as Go's {@code time.ParseDuration} reads them, without a sign: a
 * sequence of decimal numbers, each with a unit (ns, us, µs, ms, s, m, h), such as {@code 2m},
 * {@code 1h30m} or {@code 1.5s}; a bare {@code 0} is zero.
 */
public final class Durations {

  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
  private static final Pattern WHOLE =
      Pattern.compile(io.lambdascaling.api.v1alpha1.Patterns.DURATION);

  /** Longer than anything an experiment needs, and far from overflow. */
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Duration.ofDays(3650).toNanos());

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException when the text is not a duration; the message says what is
   */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "must be a duration such as 90s, 2m or 1h30m (units ns, us, ms, s, m, h)");
    }
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(unitNanos(part.group(2))));
      if (nanos.compareTo(MAX_NANOS) > 0) {
        throw new IllegalArgumentException("must be at most 87600h");
      }
    }
    return Duration.ofNanos(nanos.longValue());
  }

  private static BigDecimal unitNanos(String unit) {
    return BigDecimal.valueOf(
        switch (unit) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          case "h" -> 3_600_000_000_000L;
          default -> throw new IllegalStateException("unit " + unit);
        });
  }
}
