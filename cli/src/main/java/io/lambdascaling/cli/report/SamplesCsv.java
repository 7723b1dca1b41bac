package io.lambdascaling.cli.report;

import io.lambdascaling.operator.journal.AttemptCsv;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code samples.csv}: one line per invocation, in the one attempt schema ({@link AttemptCsv}). Its
 * first columns are the reference experiment's, in its units (proc_time in seconds, sk in UTC), so
 * that its analysis scripts read ours; our own columns follow, among them each invocation's phase.
 */
public final class SamplesCsv {

  /** The reference experiment's columns, first and in this order. */
  public static final List<String> REFERENCE_COLUMNS = AttemptCsv.REFERENCE_COLUMNS;

  /** The outcome written for a configuration's mean from an aggregated file. */
  public static final String AGGREGATE_MEAN = AttemptCsv.AGGREGATE_MEAN;

  static final String FORMAT = "samples.csv";

  private SamplesCsv() {}

  public static String header() {
    return AttemptCsv.HEADER;
  }

  /** The file's text: the header and one line per row, in the rows' order. */
  public static String text(List<AttemptCsv.Row> rows) {
    return AttemptCsv.text(rows);
  }

  static boolean isOurs(CsvTable csv) {
    return csv.has("outcome") && csv.has("proc_time");
  }

  static List<AttemptCsv.Row> read(CsvTable csv) {
    List<String> required = new ArrayList<>(REFERENCE_COLUMNS);
    required.addAll(List.of("cold", "outcome"));
    csv.require(FORMAT, required);
    List<AttemptCsv.Row> rows = new ArrayList<>();
    for (CsvTable.Line line : csv.lines) {
      try {
        rows.add(AttemptCsv.row(csv.fields(line)));
      } catch (IllegalArgumentException e) {
        throw csv.bad(line, e.getMessage());
      }
    }
    return rows;
  }
}
