package io.lambdascaling.operator.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.AttemptPhase;
import io.lambdascaling.analysis.Configuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one attempt schema, as CSV: the journal's chunks, {@code samples.csv}, {@code lse export} and
 * {@code lse analyze} read and write it. Its first columns are the reference experiment's, in its
 * units (proc_time in seconds, sk in UTC), so that its tooling reads ours; ours follow. Columns are
 * read by header name; empty fields are absent values; errors are kept to one line of at most
 * {@value #MAX_ERROR} characters. Journal chunks written before this schema (header {@code
 * configuration,startedAtMs,outcome,procTimeMs,...}, times in ms) are still read.
 */
public final class AttemptCsv {

  /** The reference experiment's columns, first and in this order. */
  public static final List<String> REFERENCE_COLUMNS =
      List.of("Architecture", "Memory", "Workers", "sk", "cores", "proc_time");

  /** Every column, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "Architecture",
          "Memory",
          "Workers",
          "sk",
          "cores",
          "proc_time",
          "cold",
          "outcome",
          "phase",
          "started_at_ms",
          "cpu_time_ms",
          "cpu_model",
          "duration_ms",
          "billed_duration_ms",
          "init_duration_ms",
          "max_memory_used_mb",
          "cost_usd",
          "error",
          "platform");

  public static final String HEADER = String.join(",", COLUMNS);

  /** The outcome written for a configuration's mean from an aggregated file. */
  public static final String AGGREGATE_MEAN = "AGGREGATE_MEAN";

  static final int MAX_ERROR = AttemptFields.MAX_ERROR;

  private static final CsvMapper CSV =
      CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  /**
   * One line: an attempt, what it was to its configuration's figures, and what ran it.
   *
   * @param phase null where not recorded (the journal: it is classified again on replay)
   * @param platform what ran the function; null where not recorded
   * @param aggregate the reference experiment's mean of a configuration, no invocation at all
   */
  public record Row(Attempt attempt, AttemptPhase phase, String platform, boolean aggregate) {

    /** An attempt as the journal keeps it. */
    public static Row of(Attempt a) {
      return new Row(a, null, null, false);
    }
  }

  private AttemptCsv() {}

  /** One journal line, with its newline. */
  public static String line(Attempt a) {
    return line(Row.of(a));
  }

  /** One line, with its newline. */
  public static String line(Row r) {
    return csvLine(AttemptFields.of(r));
  }

  /**
   * Any fields as one CSV line with its newline, quoted where needed (the result files' other
   * tables use it too); line breaks inside a field become spaces.
   */
  public static String csvLine(List<String> fields) {
    List<String> flat = fields.stream().map(f -> f.replace('\n', ' ').replace('\r', ' ')).toList();
    try {
      return CSV.writer(CsvSchema.emptySchema()).writeValueAsString(flat);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The header and one line per row. */
  public static String text(List<Row> rows) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    rows.forEach(r -> out.append(line(r)));
    return out.toString();
  }

  /**
   * Every attempt of a journal chunk, this schema or the former one; fails naming the line when one
   * is malformed.
   */
  public static List<Attempt> parse(String text) {
    List<Line> lines = split(text);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("not an attempt log: the first line is not the header");
    }
    List<String> header = lines.get(0).fields();
    boolean former = header.equals(FormerAttemptCsv.COLUMNS);
    if (!former && !header.equals(COLUMNS)) {
      throw new IllegalArgumentException("not an attempt log: the first line is not the header");
    }
    Map<String, Integer> index = index(header);
    List<Attempt> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      try {
        out.add(
            former
                ? FormerAttemptCsv.attempt(lines.get(i).fields())
                : row(fields(index, lines.get(i).fields())).attempt());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "attempt log line " + lines.get(i).number() + ": " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * One line's row from its fields by column name.
   *
   * @param field a column's field, "" when empty, null when the file has no such column
   * @throws IllegalArgumentException naming the column whose value is wrong
   */
  public static Row row(Function<String, String> field) {
    return AttemptFields.row(field);
  }

  /** The configuration of a line: its Architecture, Memory and Workers columns, checked. */
  public static Configuration configuration(Function<String, String> field) {
    return AttemptFields.configuration(field);
  }

  /** The start from a line's sk column ({@code YYYYMMDD_HHMMSS}, UTC). */
  public static Instant startedAt(Function<String, String> field) {
    return AttemptFields.startedAt(field);
  }

  /** One line of a CSV text, with its number in the text (1 is the header). */
  public record Line(int number, List<String> fields) {}

  /**
   * The text's lines as fields (RFC 4180 quoting; no line breaks inside fields, as this schema
   * writes them), blank lines left out, the header first.
   *
   * @throws IllegalArgumentException naming the line that is not CSV (an unterminated quote)
   */
  public static List<Line> split(String text) {
    ObjectReader reader =
        CSV.readerForListOf(String.class)
            .with(CsvSchema.emptySchema())
            .with(CsvParser.Feature.WRAP_AS_ARRAY);
    String[] raw = text.split("\r?\n", -1);
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      if (raw[i].isBlank()) {
        continue;
      }
      try (MappingIterator<List<String>> fields = reader.readValues(raw[i])) {
        out.add(new Line(i + 1, fields.next()));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": not CSV (unterminated quote?)");
      }
    }
    return out;
  }

  /** Each column's place in a line under the header: its first. */
  private static Map<String, Integer> index(List<String> header) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(header.get(i), i);
    }
    return index;
  }

  /** A line's fields by column name: null when there is no such column, "" past the line's end. */
  private static Function<String, String> fields(Map<String, Integer> index, List<String> line) {
    return column -> {
      Integer i = index.get(column);
      return i == null ? null : i < line.size() ? line.get(i) : "";
    };
  }
}
