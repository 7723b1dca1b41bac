package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.AttemptPhase;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Tally;
import io.lambdascaling.operator.journal.AttemptCsv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's kept attempts as {@code samples.csv} rows, each with its phase as the runner's own
 * rule ({@link Tally}) gives it, and the tallies that rule makes of them.
 */
public final class AttemptRows {

  /**
   * @param rows in the order the attempts were made
   * @param tallies per configuration, in the order each first appears
   */
  public record Tallied(List<AttemptCsv.Row> rows, Map<Configuration, Tally.Snapshot> tallies) {}

  private AttemptRows() {}

  /**
   * @param attempts in the order they were made (the attempt log's order)
   * @param rules the experiment's sampling rules, as its run had them
   * @param platform what ran the functions, written into every row
   */
  public static Tallied of(List<Attempt> attempts, Tally.Rules rules, String platform) {
    Map<Configuration, Tally> tallies = new LinkedHashMap<>();
    List<AttemptCsv.Row> rows = new ArrayList<>(attempts.size());
    for (Attempt a : attempts) {
      AttemptPhase phase = tallies.computeIfAbsent(a.configuration(), c -> new Tally(rules)).add(a);
      rows.add(new AttemptCsv.Row(a, phase, platform, false));
    }
    Map<Configuration, Tally.Snapshot> snapshots = new LinkedHashMap<>();
    tallies.forEach((c, t) -> snapshots.put(c, t.snapshot()));
    return new Tallied(rows, snapshots);
  }
}
