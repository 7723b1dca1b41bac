package io.lambdascaling.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Derives the threads-to-memory table: per architecture and worker count, the knee — the smallest
 * memory from which a non-increasing (isotonic) fit of the trimmed means stays within the tolerance
 * of the plateau level (the {@link Plateau}: the largest sizes pooled down to where three sizes in
 * a row are slower than the pool beyond noise) — and whether the data are good enough to call it.
 */
public final class ThreadsToMemory {

  /** Lambda's largest memory size: a knee there is not "more memory might help". */
  public static final int LAMBDA_MAX_MB = 10_240;

  /** Fewer steady-state samples than this at the knee or beside it: not confident. */
  public static final int MIN_SAMPLES = 3;

  /** The table for one architecture. */
  public record ArchitectureTable(String architecture, List<Knee> rows) {}

  private ThreadsToMemory() {}

  /**
   * @param configurations every configuration of the experiment, with its summary
   * @param tolerancePercent how close to the best time counts as the plateau
   * @param confidenceLevel the level of the summaries' intervals, and of the test for rises
   */
  public static List<ArchitectureTable> table(
      List<Measured> configurations,
      double tolerancePercent,
      double confidenceLevel,
      Prices prices) {
    Map<String, Map<Integer, List<Measured>>> byArch =
        configurations.stream()
            .collect(
                Collectors.groupingBy(
                    Measured::architecture,
                    TreeMap::new,
                    Collectors.groupingBy(Measured::workers, TreeMap::new, Collectors.toList())));
    List<ArchitectureTable> tables = new ArrayList<>();
    byArch.forEach(
        (arch, byWorkers) -> {
          Map<Integer, Double> oneWorker = fitted(byWorkers.getOrDefault(1, List.of()));
          List<Knee> rows = new ArrayList<>();
          byWorkers.forEach(
              (workers, list) ->
                  rows.add(
                      knee(workers, list, tolerancePercent, confidenceLevel, prices, oneWorker)));
          tables.add(new ArchitectureTable(arch, rows));
        });
    return tables;
  }

  /** Memory → monotone-fit time, for the configurations that have samples. */
  private static Map<Integer, Double> fitted(List<Measured> list) {
    List<Measured> curve = curve(list);
    double[] fit = fit(curve);
    Map<Integer, Double> out = new TreeMap<>();
    for (int i = 0; i < curve.size(); i++) {
      out.put(curve.get(i).memoryMb(), fit[i]);
    }
    return out;
  }

  private static List<Measured> curve(List<Measured> list) {
    return list.stream()
        .filter(m -> m.summary() != null && m.summary().count() > 0)
        .sorted(Comparator.comparingInt(Measured::memoryMb))
        .toList();
  }

  private static double[] fit(List<Measured> curve) {
    double[] centres = curve.stream().mapToDouble(m -> m.summary().trimmedMean()).toArray();
    double[] weights = curve.stream().mapToDouble(m -> m.summary().count()).toArray();
    return Isotonic.nonIncreasing(centres, weights);
  }

  static Knee knee(
      int workers,
      List<Measured> list,
      double tolerancePercent,
      double confidenceLevel,
      Prices prices,
      Map<Integer, Double> oneWorker) {
    List<Measured> curve = curve(list);
    if (curve.isEmpty()) {
      return new Knee(workers, null, null, null, false, "no successful samples", null);
    }
    double[] fit = fit(curve);
    double alpha = (1 - confidenceLevel) / 2;
    Plateau plateau = Plateau.of(curve.stream().map(Measured::summary).toList(), alpha);
    Estimate threshold = plateau.level().times(1 + tolerancePercent / 100);
    int k = 0;
    while (fit[k] > threshold.value()) {
      k++;
    }
    Measured at = curve.get(k);
    Double oneWorkerThere = oneWorker.get(at.memoryMb());
    Double speedup = oneWorkerThere == null ? null : oneWorkerThere / fit[k];
    String reason = doubt(curve, k, threshold, tolerancePercent, confidenceLevel);
    return new Knee(
        workers,
        at.memoryMb(),
        fit[k],
        speedup,
        reason == null,
        reason,
        costOptimal(curve, prices));
  }

  /** Why the knee cannot be trusted, or null when it can. */
  private static String doubt(
      List<Measured> curve,
      int k,
      Estimate threshold,
      double tolerancePercent,
      double confidenceLevel) {
    String few = tooFewSamples(curve, k);
    if (few != null) {
      return few;
    }
    String rise = significantRise(curve, tolerancePercent, confidenceLevel);
    if (rise != null) {
      return rise;
    }
    String apart = notApart(curve, k, threshold, (1 - confidenceLevel) / 2);
    if (apart != null) {
      return apart;
    }
    Measured last = curve.get(curve.size() - 1);
    if (k == curve.size() - 1 && last.memoryMb() < LAMBDA_MAX_MB) {
      return String.format(
          Locale.ROOT,
          "the time still falls at the largest size measured (%d MB): more memory may help",
          last.memoryMb());
    }
    return null;
  }

  /** Why the knee or its neighbours have too few samples to judge; null when they have enough. */
  private static String tooFewSamples(List<Measured> curve, int k) {
    for (int i = Math.max(0, k - 1); i < curve.size() && i <= k + 1; i++) {
      Summary s = curve.get(i).summary();
      if (s.count() < MIN_SAMPLES) {
        return String.format(
            Locale.ROOT,
            "too few samples: %d at %d MB (need %d)",
            s.count(),
            curve.get(i).memoryMb(),
            MIN_SAMPLES);
      }
    }
    return null;
  }

  /**
   * Why the data do not separate the knee from the size below it; null when they do: the knee is
   * clearly within the tolerance of the plateau level, and the size below clearly outside it even
   * allowing for the level's own uncertainty (Welch's t, one-sided at {@code alpha}) — a level
   * pooled from few sizes cannot confirm a neighbour it barely separates.
   */
  private static String notApart(List<Measured> curve, int k, Estimate threshold, double alpha) {
    Measured knee = curve.get(k);
    Estimate point = new Estimate(threshold.value(), 0, 0);
    if (!point.above(Estimate.of(knee.summary()), alpha)) {
      return String.format(
          Locale.ROOT,
          "at the knee, %d MB, the time (%.1f ms, interval %.1f-%.1f) is not clearly within the"
              + " tolerance of the plateau (at most %.1f ms)",
          knee.memoryMb(),
          knee.summary().trimmedMean(),
          knee.summary().trimmedCiLow(),
          knee.summary().trimmedCiHigh(),
          threshold.value());
    }
    if (k == 0) {
      return "the knee is the smallest size measured: the plateau may begin below it";
    }
    Measured before = curve.get(k - 1);
    if (!Estimate.of(before.summary()).above(threshold, alpha)) {
      return String.format(
          Locale.ROOT,
          "at %d MB the time (%.1f ms, interval %.1f-%.1f) cannot be told from the plateau"
              + " (at most %.1f ms): intervals overlap",
          before.memoryMb(),
          before.summary().trimmedMean(),
          before.summary().trimmedCiLow(),
          before.summary().trimmedCiHigh(),
          threshold.value());
    }
    return null;
  }

  /**
   * Time cannot rise with memory; when a larger size is slower than a smaller one beyond noise, and
   * by more than half the tolerance (a rise that could move the knee), the data carry something
   * else (another host, drift) and no knee is trustworthy. Every pair is compared (Welch's t on the
   * trimmed means), so the level is Bonferroni-corrected for their number: pure noise over 41 sizes
   * must not cry wolf.
   */
  private static String significantRise(
      List<Measured> curve, double tolerancePercent, double confidenceLevel) {
    double margin = 1 + tolerancePercent / 200;
    int n = curve.size();
    double alpha = (1 - confidenceLevel) / Math.max(1, n * (n - 1) / 2);
    for (int j = 1; j < n; j++) {
      Summary later = curve.get(j).summary();
      for (int i = 0; i < j; i++) {
        Summary earlier = curve.get(i).summary();
        double se = Math.hypot(later.trimmedStandardError(), earlier.trimmedStandardError());
        int df = Math.min(later.trimmedDegreesOfFreedom(), earlier.trimmedDegreesOfFreedom());
        if (df < 1 || !(se > 0)) {
          continue;
        }
        double t = (later.trimmedMean() - earlier.trimmedMean() * margin) / se;
        if (t > new TDistribution(null, df).inverseCumulativeProbability(1 - alpha)) {
          return String.format(
              Locale.ROOT,
              "non-monotone curve: %d MB (%.1f ms) is slower than %d MB (%.1f ms) beyond noise"
                  + " and half the tolerance",
              curve.get(j).memoryMb(),
              later.trimmedMean(),
              curve.get(i).memoryMb(),
              earlier.trimmedMean());
        }
      }
    }
    return null;
  }

  private static Integer costOptimal(List<Measured> curve, Prices prices) {
    Measured best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (Measured m : curve) {
      double billed = m.meanBilledMs() > 0 ? m.meanBilledMs() : m.summary().mean();
      double cost = prices.invocationUsd(m.architecture(), m.memoryMb(), billed);
      if (cost < bestCost) {
        bestCost = cost;
        best = m;
      }
    }
    return best == null ? null : best.memoryMb();
  }
}
