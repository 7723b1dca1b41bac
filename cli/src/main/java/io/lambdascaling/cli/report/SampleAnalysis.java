package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.ConfigurationFigures;
import io.lambdascaling.analysis.Findings;
import io.lambdascaling.analysis.Knee;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.Tally;
import io.lambdascaling.analysis.ThreadsToMemory;
import io.lambdascaling.operator.journal.AttemptCsv;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sample rows read from files to findings, through the analysis's own tally and knee rule — never a
 * second copy. Each row's phase is the one its file recorded. Configurations known only by an
 * aggregated mean are marked, and no knee resting on them is called confident.
 */
public final class SampleAnalysis {

  static final String AGGREGATE_MESSAGE =
      "aggregated input: one mean of an unknown number of runs, not samples";
  static final String AGGREGATE_REASON =
      "based on aggregates: one mean per configuration and no spread; the means place the knee"
          + " but cannot confirm it";

  private SampleAnalysis() {}

  public static Findings of(
      List<AttemptCsv.Row> rows, double tolerancePercent, double confidenceLevel, Prices prices) {
    TreeMap<Configuration, Tally> tallies =
        new TreeMap<>(
            Comparator.comparing((Configuration c) -> c.architecture())
                .thenComparingInt(Configuration::workers)
                .thenComparingInt(Configuration::memoryMb));
    Set<Configuration> aggregated = new HashSet<>();
    for (AttemptCsv.Row r : rows) {
      Tally t =
          tallies.computeIfAbsent(
              r.attempt().configuration(), c -> new Tally(Tally.Rules.finished()));
      if (r.phase() == null) {
        t.add(r.attempt());
      } else {
        t.add(r.attempt(), r.phase());
      }
      if (r.aggregate()) {
        aggregated.add(r.attempt().configuration());
      }
    }
    Map<Configuration, Tally.Snapshot> snapshots = new TreeMap<>(tallies.comparator());
    tallies.forEach((c, t) -> snapshots.put(c, t.snapshot()));
    Findings findings = Findings.of(snapshots, tolerancePercent, confidenceLevel, prices);
    return aggregated.isEmpty() ? findings : markAggregates(findings, aggregated);
  }

  /**
   * The rows without the aggregated means of configurations that also have invocations: a mean
   * beside its own samples would count them twice.
   */
  public static List<AttemptCsv.Row> preferInvocations(List<AttemptCsv.Row> rows) {
    Set<Configuration> measured = new HashSet<>();
    rows.stream()
        .filter(r -> !r.aggregate())
        .forEach(r -> measured.add(r.attempt().configuration()));
    return rows.stream()
        .filter(r -> !r.aggregate() || !measured.contains(r.attempt().configuration()))
        .toList();
  }

  private static Findings markAggregates(Findings findings, Set<Configuration> aggregated) {
    Set<String> series = new HashSet<>();
    List<ConfigurationFigures> figures =
        findings.configurations().stream()
            .map(
                f -> {
                  if (!aggregated.contains(f.configuration())) {
                    return f;
                  }
                  series.add(f.configuration().architecture() + "/" + f.configuration().workers());
                  return f.withMessage(AGGREGATE_MESSAGE);
                })
            .toList();
    List<ThreadsToMemory.ArchitectureTable> table =
        findings.table().stream()
            .map(
                t ->
                    new ThreadsToMemory.ArchitectureTable(
                        t.architecture(),
                        t.rows().stream()
                            .map(
                                k ->
                                    series.contains(t.architecture() + "/" + k.workers())
                                        ? unconfirmed(k)
                                        : k)
                            .toList()))
            .toList();
    return new Findings(figures, table);
  }

  private static Knee unconfirmed(Knee k) {
    return new Knee(
        k.workers(),
        k.memoryMb(),
        k.meanMs(),
        k.speedup(),
        false,
        AGGREGATE_REASON,
        k.costOptimalMemoryMb());
  }
}
