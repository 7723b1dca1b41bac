package io.lambdascaling.operator.journal;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Report;
import io.lambdascaling.analysis.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Attempts as CSV, one line each under a header, so that a user can read the raw samples with any
 * tool ({@code gunzip | csvlook}, pandas, a spreadsheet). Empty fields are absent values. Errors
 * are kept to one line of at most {@value #MAX_ERROR} characters.
 */
public final class AttemptCsv {

  public static final String HEADER =
      "configuration,startedAtMs,outcome,procTimeMs,cpuTimeMs,cores,cpuModel,coldStart,durationMs,"
          + "billedDurationMs,initDurationMs,maxMemoryUsedMb,costUsd,error";

  static final int MAX_ERROR = 300;
  private static final int COLUMNS = 14;

  private AttemptCsv() {}

  /** One line, with its newline. */
  public static String line(Attempt a) {
    Outcome o = a.outcome();
    Sample s = o.sample();
    Report r = o.report();
    List<String> f = new ArrayList<>(COLUMNS);
    f.add(quote(a.configuration()));
    f.add(Long.toString(a.startedAtMs()));
    f.add(o.kind().name());
    f.add(s == null ? "" : number(s.procTimeMs()));
    f.add(s == null || Double.isNaN(s.cpuTimeMs()) ? "" : number(s.cpuTimeMs()));
    f.add(s == null ? "" : Integer.toString(s.cores()));
    f.add(s == null ? "" : quote(s.cpuModel()));
    f.add(s == null ? "" : Boolean.toString(s.coldStart()));
    f.add(r == null ? "" : number(r.durationMs()));
    f.add(r == null ? "" : Long.toString(r.billedDurationMs()));
    f.add(r == null || r.initDurationMs() == null ? "" : number(r.initDurationMs()));
    f.add(r == null ? "" : Integer.toString(r.maxMemoryUsedMb()));
    f.add(Double.toString(a.costUsd()));
    f.add(o.error() == null ? "" : quote(oneLine(o.error())));
    return String.join(",", f) + "\n";
  }

  /** Every attempt in a CSV text with the header; fails naming the line when one is malformed. */
  public static List<Attempt> parse(String text) {
    List<Attempt> out = new ArrayList<>();
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].equals(HEADER)) {
      throw new IllegalArgumentException("not an attempt log: the first line is not the header");
    }
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      try {
        out.add(attempt(split(lines[i])));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("attempt log line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static Attempt attempt(List<String> f) {
    if (f.size() != COLUMNS) {
      throw new IllegalArgumentException(COLUMNS + " fields expected, found " + f.size());
    }
    Outcome.Kind kind = Outcome.Kind.valueOf(f.get(2));
    Report report =
        f.get(8).isEmpty()
            ? null
            : new Report(
                "",
                Double.parseDouble(f.get(8)),
                Long.parseLong(f.get(9)),
                0,
                Integer.parseInt(f.get(11)),
                f.get(10).isEmpty() ? null : Double.parseDouble(f.get(10)));
    Sample sample =
        f.get(3).isEmpty()
            ? null
            : new Sample(
                "",
                Double.parseDouble(f.get(3)),
                f.get(4).isEmpty() ? Double.NaN : Double.parseDouble(f.get(4)),
                Integer.parseInt(f.get(5)),
                f.get(6),
                Boolean.parseBoolean(f.get(7)),
                report == null ? 0 : report.durationMs(),
                report == null ? 0 : report.billedDurationMs(),
                report == null ? null : report.initDurationMs(),
                report == null ? 0 : report.maxMemoryUsedMb());
    return new Attempt(
        f.get(0),
        Long.parseLong(f.get(1)),
        new Outcome(kind, sample, report, f.get(13).isEmpty() ? null : f.get(13)),
        Double.parseDouble(f.get(12)));
  }

  private static String number(double v) {
    // Microsecond resolution: finer than any clock behind these numbers.
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String oneLine(String s) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_ERROR ? flat : flat.substring(0, MAX_ERROR - 1) + "…";
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return "\"" + s.replace("\n", " ").replace("\"", "\"\"") + "\"";
  }

  /**
   * Splits one CSV line (RFC 4180 quoting, no embedded newlines).
   *
   * @throws IllegalArgumentException on an unterminated quote
   */
  public static List<String> split(String line) {
    List<String> out = new ArrayList<>(COLUMNS);
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote");
    }
    out.add(field.toString());
    return out;
  }
}
