package io.lambdascaling.operator.journal;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.AttemptPhase;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Report;
import io.lambdascaling.analysis.Sample;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** One {@link AttemptCsv} line's fields, written and read by column name. */
final class AttemptFields {

  static final int MAX_ERROR = 300;

  /** The reference experiment's sort key: the start in UTC, {@code YYYYMMDD_HHMMSS}. */
  static final DateTimeFormatter SK =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

  private final Function<String, String> field;

  private AttemptFields(Function<String, String> field) {
    this.field = field;
  }

  /** The fields of a row, in {@link AttemptCsv#COLUMNS} order. */
  static List<String> of(AttemptCsv.Row row) {
    Attempt a = row.attempt();
    Configuration c = a.configuration();
    Outcome o = a.outcome();
    Sample s = o.sample();
    Report r = o.report();
    boolean succeeded = s != null && (o.kind() == Outcome.Kind.SUCCESS || row.aggregate());
    List<String> f = new ArrayList<>(AttemptCsv.COLUMNS.size());
    f.add(c.architecture());
    f.add(Integer.toString(c.memoryMb()));
    f.add(Integer.toString(c.workers()));
    f.add(row.aggregate() ? "" : SK.format(Instant.ofEpochMilli(a.startedAtMs())));
    f.add(s == null || s.cores() <= 0 ? "" : Integer.toString(s.cores()));
    f.add(succeeded ? seconds(s.procTimeMs()) : "");
    f.add(Boolean.toString(a.coldStart()));
    f.add(row.aggregate() ? AttemptCsv.AGGREGATE_MEAN : o.kind().name());
    f.add(row.phase() == null ? "" : row.phase().label());
    f.add(row.aggregate() ? "" : Long.toString(a.startedAtMs()));
    f.add(s == null || Double.isNaN(s.cpuTimeMs()) ? "" : ms(s.cpuTimeMs()));
    f.add(s == null || s.cpuModel() == null ? "" : oneLine(s.cpuModel()));
    f.add(r == null ? "" : ms(r.durationMs()));
    f.add(r == null ? "" : Long.toString(r.billedDurationMs()));
    f.add(r == null || r.initDurationMs() == null ? "" : ms(r.initDurationMs()));
    f.add(r == null ? "" : Integer.toString(r.maxMemoryUsedMb()));
    f.add(Double.isNaN(a.costUsd()) ? "" : Double.toString(a.costUsd()));
    f.add(o.error() == null ? "" : oneLine(o.error()));
    f.add(row.platform() == null ? "" : oneLine(row.platform()));
    return f;
  }

  /** The row of a line whose fields are given by column name. */
  static AttemptCsv.Row row(Function<String, String> field) {
    return new AttemptFields(field).row();
  }

  private AttemptCsv.Row row() {
    Configuration c = configuration(field);
    String outcome = required("outcome");
    boolean aggregate = AttemptCsv.AGGREGATE_MEAN.equals(outcome);
    Outcome.Kind kind = aggregate ? Outcome.Kind.SUCCESS : kind(outcome);
    String cold = required("cold");
    if (!cold.equals("true") && !cold.equals("false")) {
      throw new IllegalArgumentException("column cold is '" + cold + "', not true or false");
    }
    Report report = report(c);
    AttemptPhase phase = phase(kind, aggregate, Boolean.parseBoolean(cold), report);
    boolean coldStart =
        field.apply("phase") == null ? phase == AttemptPhase.COLD : cold.equals("true");
    Sample sample = kind == Outcome.Kind.SUCCESS ? sample(report, coldStart) : null;
    String started = text("started_at_ms");
    long startedAtMs =
        !started.isEmpty()
            ? (long) number("started_at_ms")
            : aggregate ? 0 : startedAt(field).toEpochMilli();
    double cost = text("cost_usd").isEmpty() ? Double.NaN : number("cost_usd");
    Outcome o = new Outcome(kind, sample, report, emptyToNull(text("error")));
    return new AttemptCsv.Row(
        new Attempt(c, startedAtMs, o, cost), phase, emptyToNull(text("platform")), aggregate);
  }

  /**
   * The recorded phase; for files written before the phase column, the one their {@code cold}
   * column meant: a cold start when it had an init phase, a warm-up invocation when not.
   */
  private AttemptPhase phase(Outcome.Kind kind, boolean aggregate, boolean cold, Report report) {
    String recorded = field.apply("phase");
    if (recorded != null) {
      AttemptPhase p = recorded.isBlank() ? null : AttemptPhase.ofLabel(recorded.strip());
      if (p != null && p.succeeded() != (kind == Outcome.Kind.SUCCESS)) {
        // A steady sample with no sample behind it would fail the tally, not name the line.
        throw new IllegalArgumentException(
            "column phase is '" + p.label() + "', not a phase of outcome " + kind.name());
      }
      return p;
    }
    return switch (kind) {
      case SUCCESS ->
          !cold || aggregate
              ? AttemptPhase.STEADY
              : report != null && report.cold() ? AttemptPhase.COLD : AttemptPhase.WARMUP;
      case FUNCTION_ERROR, TIMEOUT -> AttemptPhase.FAILED;
      case THROTTLED -> AttemptPhase.THROTTLED;
      case SERVICE_ERROR -> AttemptPhase.SERVICE_ERROR;
    };
  }

  private Report report(Configuration c) {
    if (text("duration_ms").isEmpty()) {
      return null;
    }
    String init = text("init_duration_ms");
    return new Report(
        "",
        number("duration_ms"),
        (long) number("billed_duration_ms"),
        c.memoryMb(),
        text("max_memory_used_mb").isEmpty() ? 0 : integer("max_memory_used_mb"),
        init.isEmpty() ? null : number("init_duration_ms"));
  }

  private Sample sample(Report r, boolean coldStart) {
    number("proc_time");
    double procMs = new BigDecimal(required("proc_time")).movePointRight(3).doubleValue();
    return new Sample(
        "",
        procMs,
        text("cpu_time_ms").isEmpty() ? Double.NaN : number("cpu_time_ms"),
        text("cores").isEmpty() ? 0 : integer("cores"),
        emptyToNull(text("cpu_model")),
        coldStart,
        r == null ? 0 : r.durationMs(),
        r == null ? 0 : r.billedDurationMs(),
        r == null ? null : r.initDurationMs(),
        r == null ? 0 : r.maxMemoryUsedMb());
  }

  /** The configuration of a line: its Architecture, Memory and Workers columns. */
  static Configuration configuration(Function<String, String> field) {
    AttemptFields f = new AttemptFields(field);
    String arch = f.required("Architecture");
    if (!Configuration.ARCHITECTURES.contains(arch)) {
      throw new IllegalArgumentException(
          "column Architecture is '" + arch + "', not x86_64 or arm64");
    }
    int memory = f.integer("Memory");
    if (memory < 128 || memory > 10_240) {
      throw new IllegalArgumentException(
          "column Memory is " + memory + ", not a Lambda size (128-10240 MB)");
    }
    int workers = f.integer("Workers");
    if (workers < 1) {
      throw new IllegalArgumentException("column Workers is " + workers + ", not 1 or more");
    }
    return new Configuration(arch, workers, memory);
  }

  /** The start from the sk column ({@code YYYYMMDD_HHMMSS}, UTC). */
  static Instant startedAt(Function<String, String> field) {
    String sk = new AttemptFields(field).required("sk");
    try {
      return Instant.from(SK.parse(sk));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("column sk is '" + sk + "', not YYYYMMDD_HHMMSS");
    }
  }

  private static Outcome.Kind kind(String outcome) {
    try {
      return Outcome.Kind.valueOf(outcome);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "column outcome is '"
              + outcome
              + "', not SUCCESS, FUNCTION_ERROR, TIMEOUT, THROTTLED,"
              + " SERVICE_ERROR or "
              + AttemptCsv.AGGREGATE_MEAN);
    }
  }

  private String text(String column) {
    String v = field.apply(column);
    return v == null ? "" : v.strip();
  }

  private String required(String column) {
    String v = text(column);
    if (v.isEmpty()) {
      throw new IllegalArgumentException("column " + column + " is empty");
    }
    return v;
  }

  double number(String column) {
    String v = required(column);
    try {
      return checkNumber(column, Double.parseDouble(v));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("column " + column + " is '" + v + "', not a number");
    }
  }

  private static double checkNumber(String column, double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("column " + column + " is " + d + ", not a number");
    }
    return d;
  }

  int integer(String column) {
    String v = required(column);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "column " + column + " is '" + v + "', not a whole number");
    }
  }

  private static String seconds(double ms) {
    return BigDecimal.valueOf(ms)
        .movePointLeft(3)
        .setScale(9, java.math.RoundingMode.HALF_UP)
        .toPlainString();
  }

  private static String ms(double v) {
    // Microsecond resolution: finer than any clock behind these numbers.
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String oneLine(String s) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_ERROR ? flat : flat.substring(0, MAX_ERROR - 1) + "…";
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
