package io.lambdascaling.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an experiment's attempts say: every configuration's figures and the threads-to-memory table,
 * computed once for the status and for the result files.
 *
 * @param configurations in the order given
 * @param table per architecture
 */
public record Findings(
    List<ConfigurationFigures> configurations, List<ThreadsToMemory.ArchitectureTable> table) {

  /** One architecture and worker count across its memory sizes, smallest first. */
  public record Series(String architecture, int workers, List<ConfigurationFigures> sizes) {}

  /**
   * @param tallies every configuration's tally, in plan order; a null tally is a configuration
   *     nothing has run for yet
   */
  public static Findings of(
      Map<Configuration, Tally.Snapshot> tallies,
      double tolerancePercent,
      double confidenceLevel,
      Prices prices) {
    List<ConfigurationFigures> figures = new ArrayList<>();
    List<Measured> measured = new ArrayList<>();
    tallies.forEach(
        (c, t) -> {
          double[] steady =
              t == null
                  ? new double[0]
                  : t.steadyProcTimesMs().stream().mapToDouble(Double::doubleValue).toArray();
          Summary summary = steady.length == 0 ? null : Summary.of(steady, confidenceLevel);
          figures.add(
              t == null ? ConfigurationFigures.pending(c) : ConfigurationFigures.of(c, t, summary));
          measured.add(
              new Measured(
                  c.architecture(),
                  c.workers(),
                  c.memoryMb(),
                  summary,
                  t == null || t.steadyBilledMs().count() == 0 ? 0 : t.steadyBilledMs().mean()));
        });
    return new Findings(
        List.copyOf(figures),
        ThreadsToMemory.table(measured, tolerancePercent, confidenceLevel, prices));
  }

  /** The configurations by architecture and worker count, in the order they first appear. */
  public List<Series> series() {
    Map<String, List<ConfigurationFigures>> groups = new LinkedHashMap<>();
    for (ConfigurationFigures f : configurations) {
      Configuration c = f.configuration();
      groups.computeIfAbsent(c.architecture() + "/" + c.workers(), k -> new ArrayList<>()).add(f);
    }
    List<Series> out = new ArrayList<>();
    for (List<ConfigurationFigures> sizes : groups.values()) {
      Configuration c = sizes.get(0).configuration();
      List<ConfigurationFigures> sorted =
          sizes.stream()
              .sorted(Comparator.comparingInt(f -> f.configuration().memoryMb()))
              .toList();
      out.add(new Series(c.architecture(), c.workers(), sorted));
    }
    return out;
  }
}
