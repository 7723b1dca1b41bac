package io.lambdascaling.operator.journal;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Report;
import io.lambdascaling.analysis.Sample;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Journal chunks as the operator wrote them before the one attempt schema: times in ms, the
 * configuration as its key. Read only, so that a running experiment survives an upgrade.
 */
final class FormerAttemptCsv {

  static final String HEADER =
      "configuration,startedAtMs,outcome,procTimeMs,cpuTimeMs,cores,cpuModel,coldStart,durationMs,"
          + "billedDurationMs,initDurationMs,maxMemoryUsedMb,costUsd,error";

  static final List<String> COLUMNS = List.of(HEADER.split(","));

  /** The keys that version wrote, e.g. {@code arm64-w2-m1024}; read here and nowhere else. */
  private static final Pattern KEY = Pattern.compile("(x86_64|arm64)-w(\\d+)-m(\\d+)");

  private FormerAttemptCsv() {}

  static Attempt attempt(List<String> f) {
    if (f.size() != COLUMNS.size()) {
      throw new IllegalArgumentException(COLUMNS.size() + " fields expected, found " + f.size());
    }
    Matcher m = KEY.matcher(f.get(0));
    if (!m.matches()) {
      throw new IllegalArgumentException("configuration '" + f.get(0) + "' is not a former key");
    }
    Configuration c =
        new Configuration(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    Outcome.Kind kind = Outcome.Kind.valueOf(f.get(2));
    Report report = report(f, c);
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
        c,
        Long.parseLong(f.get(1)),
        new Outcome(kind, sample, report, f.get(13).isEmpty() ? null : f.get(13)),
        Double.parseDouble(f.get(12)));
  }

  private static Report report(List<String> f, Configuration c) {
    return f.get(8).isEmpty()
        ? null
        : new Report(
            "",
            Double.parseDouble(f.get(8)),
            Long.parseLong(f.get(9)),
            c.memoryMb(),
            Integer.parseInt(f.get(11)),
            f.get(10).isEmpty() ? null : Double.parseDouble(f.get(10)));
  }
}
