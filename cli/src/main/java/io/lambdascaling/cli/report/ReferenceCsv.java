package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.api.v1alpha1.Architecture;
import io.lambdascaling.cli.Lse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
   * @throws Lse.BadInput naming the file, the line and the columns expected
   */
  public static List<SampleRow> read(List<Path> paths) {
    List<SampleRow> rows = new ArrayList<>();
    for (Path p : expand(paths)) {
      rows.addAll(read(p));
    }
    return rows;
  }

  /** One file's rows, whichever of the three formats it is in. */
  public static List<SampleRow> read(Path file) {
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
    throw new Lse.BadInput(file + " line 1: not a result file: expected " + FORMATS);
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
            throw new Lse.BadInput("no *.csv files in directory " + p);
          }
          files.addAll(csvs);
        } catch (IOException e) {
          throw new Lse.BadInput("cannot list " + p + ": " + e.getMessage(), e);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new Lse.BadInput("no such file: " + p);
      }
    }
    return files;
  }

  /**
   * Each configuration's chronologically first run is its cold start, as the reference analysis
   * took it (its function was created just before).
   */
  private static List<SampleRow> perConfiguration(CsvTable csv) {
    List<SampleRow> rows = new ArrayList<>();
    for (CsvTable.Line line : csv.lines) {
      double seconds = csv.number(line, "proc_time");
      if (seconds <= 0) {
        throw csv.bad(line, "column proc_time is " + seconds + ", not a positive time");
      }
      rows.add(
          SampleRow.reference(
              configuration(csv, line),
              startedAt(csv, line, true),
              csv.optionalInteger(line, "cores"),
              seconds * 1000));
    }
    Map<Configuration, Integer> first = new LinkedHashMap<>();
    Comparator<Integer> earlier = Comparator.comparing(i -> rows.get(i).startedAt());
    for (int i = 0; i < rows.size(); i++) {
      first.merge(rows.get(i).configuration(), i, (a, b) -> earlier.compare(b, a) < 0 ? b : a);
    }
    first.values().forEach(i -> rows.set(i, rows.get(i).asCold()));
    return rows;
  }

  private static List<SampleRow> aggregated(CsvTable csv) {
    List<SampleRow> rows = new ArrayList<>();
    for (CsvTable.Line line : csv.lines) {
      double seconds = csv.number(line, "avg_proc_time");
      if (seconds <= 0) {
        throw csv.bad(line, "column avg_proc_time is " + seconds + ", not a positive time");
      }
      rows.add(
          new SampleRow(
              configuration(csv, line),
              null,
              csv.optionalInteger(line, "cores"),
              seconds * 1000,
              false,
              true,
              null));
    }
    return rows;
  }

  static Configuration configuration(CsvTable csv, CsvTable.Line line) {
    String arch = csv.required(line, "Architecture");
    Architecture architecture;
    try {
      architecture = Architecture.fromValue(arch);
    } catch (IllegalArgumentException e) {
      throw csv.bad(line, "column Architecture is '" + arch + "', not x86_64 or arm64");
    }
    int memory = csv.integer(line, "Memory");
    if (memory < 128 || memory > 10_240) {
      throw csv.bad(line, "column Memory is " + memory + ", not a Lambda size (128-10240 MB)");
    }
    int workers = csv.integer(line, "Workers");
    if (workers < 1) {
      throw csv.bad(line, "column Workers is " + workers + ", not 1 or more");
    }
    return new Configuration(architecture.value(), workers, memory);
  }

  /** The start from the sk column ({@code YYYYMMDD_HHMMSS}, UTC); null when empty and optional. */
  static Instant startedAt(CsvTable csv, CsvTable.Line line, boolean required) {
    String sk = required ? csv.required(line, "sk") : csv.text(line, "sk");
    if (sk.isEmpty()) {
      return null;
    }
    try {
      return Instant.from(SampleRow.SK.parse(sk));
    } catch (DateTimeParseException e) {
      throw csv.bad(line, "column sk is '" + sk + "', not YYYYMMDD_HHMMSS");
    }
  }
}
