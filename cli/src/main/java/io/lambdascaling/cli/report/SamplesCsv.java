package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.Report;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code samples.csv}: one line per invocation. Its first columns are the reference experiment's,
 * in its units (proc_time in seconds, sk in UTC), so that its analysis scripts read ours; our own
 * columns follow.
 */
public final class SamplesCsv {

  /** The reference experiment's columns, first and in this order. */
  public static final List<String> REFERENCE_COLUMNS =
      List.of("Architecture", "Memory", "Workers", "sk", "cores", "proc_time");

  /** Ours, after them. */
  public static final List<String> EXTRA_COLUMNS =
      List.of(
          "cold",
          "outcome",
          "started_at_ms",
          "cpu_time_ms",
          "cpu_model",
          "duration_ms",
          "billed_duration_ms",
          "init_duration_ms",
          "max_memory_used_mb",
          "cost_usd",
          "error",
          "platform");

  /** The outcome written for a configuration's mean from an aggregated file. */
  public static final String AGGREGATE_MEAN = "AGGREGATE_MEAN";

  static final String FORMAT = "samples.csv";

  private SamplesCsv() {}

  public static String header() {
    List<String> all = new ArrayList<>(REFERENCE_COLUMNS);
    all.addAll(EXTRA_COLUMNS);
    return String.join(",", all);
  }

  /** The file's text: the header and one line per row, in the rows' order. */
  public static String text(List<SampleRow> rows) {
    StringBuilder out = new StringBuilder(header()).append('\n');
    for (SampleRow r : rows) {
      out.append(line(r)).append('\n');
    }
    return out.toString();
  }

  static String line(SampleRow r) {
    SampleRow.Detail d = r.detail();
    Report report = d == null ? null : d.report();
    List<String> f = new ArrayList<>();
    f.add(r.configuration().architecture());
    f.add(Integer.toString(r.configuration().memoryMb()));
    f.add(Integer.toString(r.configuration().workers()));
    f.add(r.sk());
    f.add(r.cores() == null ? "" : r.cores().toString());
    f.add(r.succeeded() ? String.format(Locale.ROOT, "%.9f", r.procTimeMs() / 1000) : "");
    f.add(Boolean.toString(r.cold()));
    f.add(r.aggregate() ? AGGREGATE_MEAN : d == null ? "SUCCESS" : d.outcome());
    f.add(r.startedAt() == null ? "" : Long.toString(r.startedAt().toEpochMilli()));
    f.add(d == null || Double.isNaN(d.cpuTimeMs()) ? "" : ms(d.cpuTimeMs()));
    f.add(d == null ? "" : CsvTable.quote(d.cpuModel()));
    f.add(report == null ? "" : ms(report.durationMs()));
    f.add(report == null ? "" : Long.toString(report.billedDurationMs()));
    f.add(report == null || report.initDurationMs() == null ? "" : ms(report.initDurationMs()));
    f.add(report == null ? "" : Integer.toString(report.maxMemoryUsedMb()));
    f.add(d == null ? "" : Double.toString(d.costUsd()));
    f.add(d == null ? "" : CsvTable.quote(d.error()));
    f.add(d == null ? "" : CsvTable.quote(d.platform()));
    return String.join(",", f);
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static boolean isOurs(CsvTable csv) {
    return csv.has("outcome") && csv.has("proc_time");
  }

  static List<SampleRow> read(CsvTable csv) {
    List<String> required = new ArrayList<>(REFERENCE_COLUMNS);
    required.addAll(List.of("cold", "outcome"));
    csv.require(FORMAT, required);
    List<SampleRow> rows = new ArrayList<>();
    for (CsvTable.Line line : csv.lines) {
      rows.add(row(csv, line));
    }
    return rows;
  }

  private static SampleRow row(CsvTable csv, CsvTable.Line line) {
    String outcome = csv.required(line, "outcome");
    boolean aggregate = AGGREGATE_MEAN.equals(outcome);
    String startedMs = csv.text(line, "started_at_ms");
    Instant startedAt =
        !startedMs.isEmpty()
            ? Instant.ofEpochMilli((long) csv.number(line, "started_at_ms"))
            : ReferenceCsv.startedAt(csv, line, false);
    double seconds = csv.optionalNumber(line, "proc_time");
    if ("SUCCESS".equals(outcome) || aggregate) {
      seconds = csv.number(line, "proc_time");
    }
    String cold = csv.text(line, "cold");
    if (!cold.equals("true") && !cold.equals("false")) {
      throw csv.bad(line, "column cold is '" + cold + "', not true or false");
    }
    Report report = null;
    if (!csv.text(line, "duration_ms").isEmpty()) {
      double init = csv.optionalNumber(line, "init_duration_ms");
      Integer maxMemory = csv.optionalInteger(line, "max_memory_used_mb");
      report =
          new Report(
              "",
              csv.number(line, "duration_ms"),
              (long) csv.number(line, "billed_duration_ms"),
              ReferenceCsv.configuration(csv, line).memoryMb(),
              maxMemory == null ? 0 : maxMemory,
              Double.isNaN(init) ? null : init);
    }
    double cost = csv.optionalNumber(line, "cost_usd");
    SampleRow.Detail detail =
        aggregate
            ? null
            : new SampleRow.Detail(
                outcome,
                csv.optionalNumber(line, "cpu_time_ms"),
                emptyToNull(csv.text(line, "cpu_model")),
                report,
                Double.isNaN(cost) ? 0 : cost,
                emptyToNull(csv.text(line, "error")),
                emptyToNull(csv.text(line, "platform")));
    return new SampleRow(
        ReferenceCsv.configuration(csv, line),
        startedAt,
        csv.optionalInteger(line, "cores"),
        seconds * 1000,
        Boolean.parseBoolean(cold),
        aggregate,
        detail);
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
