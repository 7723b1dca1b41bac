package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.AttemptPhase;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.analysis.Sample;
import io.lambdascaling.operator.journal.AttemptCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads result CSVs in any of three formats, told apart by their header: our {@code samples.csv};
 * the reference experiment's per-configuration files ({@code Lambda_<MB>_<W>_<arch>.csv}, one
 * invocation a line, proc_time in seconds); and its {@code AggregatedResults.csv} (one mean a
 * configuration, which can place a knee but never support one with confidence).
 */
public final class ReferenceCsv {

  /** The columns of {@code Lambda_<MB>_<W>_<arch>.csv}. */
  public static final List<String> PER_CONFIGURATION = SamplesCsv.REFERENCE_COLUMNS;

  /** The columns of {@code AggregatedResults.csv}. */
  public static final List<String> AGGREGATED =
      List.of("Architecture", "Memory", "Workers", "cores", "avg_proc_time");

  private static final String FORMATS =
      "a header of "
          + String.join(",", PER_CONFIGURATION)
          + " (per configuration), "
          + String.join(",", AGGREGATED)
          + " (aggregated) or "
          + SamplesCsv.header()
          + " (samples.csv)";

  private ReferenceCsv() {}

  /**
   * Every row of the files, in order; a directory stands for the {@code *.csv} files in it.
   *
   * @throws BadResultFile naming the file, the line and the columns expected
   */
  public static List<AttemptCsv.Row> read(List<Path> paths) {
    List<AttemptCsv.Row> rows = new ArrayList<>();
    for (Path p : expand(paths)) {
      rows.addAll(read(p));
    }
    return rows;
  }

  /** One file's rows, whichever of the three formats it is in. */
  public static List<AttemptCsv.Row> read(Path file) {
    CsvTable csv = CsvTable.read(file, FORMATS);
    if (SamplesCsv.isOurs(csv)) {
      return SamplesCsv.read(csv);
    }
    if (csv.has("proc_time") || csv.has("sk")) {
      return perConfiguration(csv.require("per-configuration file", PER_CONFIGURATION));
    }
    if (csv.has("avg_proc_time")) {
      return aggregated(csv.require("aggregated file", AGGREGATED));
    }
    throw new BadResultFile(file + " line 1: not a result file: expected " + FORMATS);
  }

  static List<Path> expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          List<Path> csvs =
              s.filter(f -> f.getFileName().toString().endsWith(".csv") && Files.isRegularFile(f))
                  .sorted()
                  .toList();
          if (csvs.isEmpty()) {
            throw new BadResultFile("no *.csv files in directory " + p);
          }
          files.addAll(csvs);
        } catch (IOException e) {
          throw new BadResultFile("cannot list " + p + ": " + e.getMessage(), e);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new BadResultFile("no such file: " + p);
      }
    }
    return files;
  }

  /**
   * Each configuration's chronologically first run is its cold start, as the reference analysis
   * took it (its function was created just before); the others are steady.
   */
  private static List<AttemptCsv.Row> perConfiguration(CsvTable csv) {
    List<Attempt> attempts = new ArrayList<>();
    for (CsvTable.Line line : csv.lines) {
      double seconds = csv.number(line, "proc_time");
      if (seconds <= 0) {
        throw csv.bad(line, "column proc_time is " + seconds + ", not a positive time");
      }
      attempts.add(
          measured(
              configuration(csv, line),
              startedAtMs(csv, line),
              csv.optionalInteger(line, "cores"),
              seconds * 1000));
    }
    Map<Configuration, Integer> first = new LinkedHashMap<>();
    Comparator<Integer> earlier = Comparator.comparing(i -> attempts.get(i).startedAtMs());
    for (int i = 0; i < attempts.size(); i++) {
      first.merge(attempts.get(i).configuration(), i, (a, b) -> earlier.compare(b, a) < 0 ? b : a);
    }
    List<AttemptCsv.Row> rows = new ArrayList<>();
    for (int i = 0; i < attempts.size(); i++) {
      boolean cold = first.containsValue(i);
      Attempt a = cold ? asCold(attempts.get(i)) : attempts.get(i);
      rows.add(new AttemptCsv.Row(a, cold ? AttemptPhase.COLD : AttemptPhase.STEADY, null, false));
    }
    return rows;
  }

  private static List<AttemptCsv.Row> aggregated(CsvTable csv) {
    List<AttemptCsv.Row> rows = new ArrayList<>();
    for (CsvTable.Line line : csv.lines) {
      double seconds = csv.number(line, "avg_proc_time");
      if (seconds <= 0) {
        throw csv.bad(line, "column avg_proc_time is " + seconds + ", not a positive time");
      }
      Attempt mean =
          measured(configuration(csv, line), 0, csv.optionalInteger(line, "cores"), seconds * 1000);
      rows.add(new AttemptCsv.Row(mean, AttemptPhase.STEADY, null, true));
    }
    return rows;
  }

  /** A time the reference experiment measured: no REPORT line, no cost known. */
  private static Attempt measured(
      Configuration c, long startedAtMs, Integer cores, double procTimeMs) {
    Sample s =
        new Sample(
            "", procTimeMs, Double.NaN, cores == null ? 0 : cores, null, false, 0, 0, null, 0);
    return new Attempt(
        c, startedAtMs, new Outcome(Outcome.Kind.SUCCESS, s, null, null), Double.NaN);
  }

  private static Attempt asCold(Attempt a) {
    Sample s = a.outcome().sample();
    Sample cold =
        new Sample(
            s.requestId(),
            s.procTimeMs(),
            s.cpuTimeMs(),
            s.cores(),
            s.cpuModel(),
            true,
            s.durationMs(),
            s.billedDurationMs(),
            s.initDurationMs(),
            s.maxMemoryUsedMb());
    return new Attempt(
        a.configuration(),
        a.startedAtMs(),
        new Outcome(Outcome.Kind.SUCCESS, cold, null, null),
        a.costUsd());
  }

  private static long startedAtMs(CsvTable csv, CsvTable.Line line) {
    try {
      return AttemptCsv.startedAt(csv.fields(line)).toEpochMilli();
    } catch (IllegalArgumentException e) {
      throw csv.bad(line, e.getMessage());
    }
  }

  static Configuration configuration(CsvTable csv, CsvTable.Line line) {
    try {
      return AttemptCsv.configuration(csv.fields(line));
    } catch (IllegalArgumentException e) {
      throw csv.bad(line, e.getMessage());
    }
  }
}
