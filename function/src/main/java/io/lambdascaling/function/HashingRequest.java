package io.lambdascaling.function;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One invocation's workload, read from the event with defaults and checked against the limits.
 * Public so that stand-ins which model the function (the local Lambda's simulate mode) accept and
 * reject exactly the events the function does.
 *
 * @param passwords how many random passwords to hash, each once
 * @param iterations PBKDF2 iteration count per password
 * @param algorithm the JCA name of the PBKDF2 variant
 * @param workers how many threads share the queue of passwords
 */
public record HashingRequest(int passwords, int iterations, String algorithm, int workers) {

  static final int DEFAULT_PASSWORDS = 200;
  static final int DEFAULT_ITERATIONS = 100_000;
  static final String DEFAULT_ALGORITHM = "PBKDF2WithHmacSHA256";
  static final int DEFAULT_WORKERS = 1;

  static final Range PASSWORDS = new Range("passwords", 1, 100_000);
  static final Range ITERATIONS = new Range("iterations", 1, 10_000_000);
  static final Range WORKERS = new Range("workers", 1, 64);

  /** The PBKDF2 variants every Java 17+ runtime provides (SunJCE). */
  static final List<String> ALGORITHMS =
      List.of(
          "PBKDF2WithHmacSHA1",
          "PBKDF2WithHmacSHA224",
          "PBKDF2WithHmacSHA256",
          "PBKDF2WithHmacSHA384",
          "PBKDF2WithHmacSHA512");

  private static final Set<String> FIELDS =
      Set.of("passwords", "iterations", "algorithm", "workers");

  /** An inclusive integer range that names the field it guards. */
  record Range(String field, int min, int max) {
    int check(Object value) {
      if (!(value instanceof BigDecimal number)) {
        throw invalid("got " + describe(value));
      }
      BigDecimal integral = number.stripTrailingZeros();
      if (integral.scale() > 0) {
        throw invalid("got " + number.toPlainString());
      }
      if (integral.compareTo(BigDecimal.valueOf(min)) < 0
          || integral.compareTo(BigDecimal.valueOf(max)) > 0) {
        throw invalid("got " + integral.toPlainString());
      }
      return integral.intValueExact();
    }

    InvalidEventException invalid(String got) {
      return new InvalidEventException(
          field + ": must be an integer from " + min + " to " + max + ", " + got);
    }
  }

  /**
   * Reads an event payload as the handler does: empty means all defaults.
   *
   * @throws InvalidEventException naming the field and what is allowed
   */
  public static HashingRequest parse(String payload, String workersEnv) {
    Object event;
    try {
      event = payload == null || payload.isBlank() ? null : JsonReader.parse(payload);
    } catch (JsonReader.SyntaxException e) {
      throw new InvalidEventException("event: " + e.getMessage());
    }
    return from(event, workersEnv);
  }

  /**
   * Reads the event. {@code workers} in the event wins over the {@code WORKERS} environment
   * variable, which wins over the default of one.
   *
   * @param event the parsed event, or {@code null} for an empty payload
   * @param workersEnv the {@code WORKERS} environment variable, or {@code null}
   */
  static HashingRequest from(Object event, String workersEnv) {
    Map<?, ?> fields = asObject(event);
    for (Object name : fields.keySet()) {
      if (!FIELDS.contains(name)) {
        throw new InvalidEventException(
            "unknown field \""
                + name
                + "\"; the event may set passwords, iterations, algorithm and workers");
      }
    }
    int passwords =
        fields.containsKey("passwords")
            ? PASSWORDS.check(fields.get("passwords"))
            : DEFAULT_PASSWORDS;
    int iterations =
        fields.containsKey("iterations")
            ? ITERATIONS.check(fields.get("iterations"))
            : DEFAULT_ITERATIONS;
    String algorithm =
        fields.containsKey("algorithm")
            ? checkAlgorithm(fields.get("algorithm"))
            : DEFAULT_ALGORITHM;
    int workers =
        fields.containsKey("workers")
            ? WORKERS.check(fields.get("workers"))
            : workersFrom(workersEnv);
    return new HashingRequest(passwords, iterations, algorithm, workers);
  }

  private static Map<?, ?> asObject(Object event) {
    if (event == null) {
      return Map.of();
    }
    if (event instanceof Map<?, ?> map) {
      return map;
    }
    throw new InvalidEventException(
        "event: must be a JSON object with optional fields passwords, iterations, algorithm and"
            + " workers, got "
            + describe(event));
  }

  static String checkAlgorithm(Object value) {
    if (value instanceof String name && ALGORITHMS.contains(name)) {
      return name;
    }
    throw new InvalidEventException(
        "algorithm: must be one of " + String.join(", ", ALGORITHMS) + ", got " + describe(value));
  }

  private static int workersFrom(String env) {
    if (env == null || env.isBlank()) {
      return DEFAULT_WORKERS;
    }
    Range range = new Range("WORKERS environment variable", WORKERS.min(), WORKERS.max());
    try {
      return range.check(new BigDecimal(env.trim()));
    } catch (NumberFormatException e) {
      throw range.invalid("got \"" + env + "\"");
    }
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    if (value instanceof Boolean) {
      return "boolean " + value;
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    return value.toString();
  }
}
