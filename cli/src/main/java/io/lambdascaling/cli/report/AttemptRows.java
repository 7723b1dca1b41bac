package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's attempt log as sample rows. Which successes are cold follows the runner exactly:
 * those the function flags as cold starts, and the first {@code warmupInvocations} successes of a
 * configuration counted from a cold start (the cold start included) or from its first success.
 */
public final class AttemptRows {

  private static final Pattern KEY = Pattern.compile("(x86_64|arm64)-w(\\d+)-m(\\d+)");

  private AttemptRows() {}

  /**
   * @param attempts in the order they were made (the attempt log's order)
   * @param warmupInvocations the experiment's {@code sampling.warmupInvocations}
   * @param platform what ran the functions, written into every row
   */
  public static List<SampleRow> of(List<Attempt> attempts, int warmupInvocations, String platform) {
    Map<String, Integer> sinceColdStart = new HashMap<>();
    List<SampleRow> rows = new ArrayList<>(attempts.size());
    for (Attempt a : attempts) {
      Outcome o = a.outcome();
      Sample s = o.sample();
      boolean cold = false;
      if (o.kind() == Outcome.Kind.SUCCESS && s != null) {
        int since = s.coldStart() ? 0 : sinceColdStart.getOrDefault(a.configuration(), 0);
        cold = s.coldStart() || since < warmupInvocations;
        sinceColdStart.put(a.configuration(), since + 1);
      }
      rows.add(
          new SampleRow(
              configuration(a.configuration()),
              Instant.ofEpochMilli(a.startedAtMs()),
              s == null ? null : s.cores(),
              s == null || o.kind() != Outcome.Kind.SUCCESS ? Double.NaN : s.procTimeMs(),
              cold,
              false,
              new SampleRow.Detail(
                  o.kind().name(),
                  s == null ? Double.NaN : s.cpuTimeMs(),
                  s == null ? null : s.cpuModel(),
                  o.report(),
                  a.costUsd(),
                  o.error(),
                  platform)));
    }
    return rows;
  }

  /** The configuration of a key such as {@code arm64-w2-m1024}. */
  public static Configuration configuration(String key) {
    Matcher m = KEY.matcher(key);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "configuration key must look like arm64-w2-m1024, got " + key);
    }
    return new Configuration(
        m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }
}
