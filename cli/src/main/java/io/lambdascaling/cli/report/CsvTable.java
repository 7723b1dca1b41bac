package io.lambdascaling.cli.report;

import io.lambdascaling.operator.journal.AttemptCsv;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A CSV file read whole: its header and its lines, with every error a user can make reported as one
 * line naming the file, the line, and the columns the format expects.
 */
final class CsvTable {

  /** One data line, with its line number in the file (1 is the header). */
  record Line(int number, List<String> fields) {}

  final Path file;
  final List<String> header;
  final List<Line> lines;
  private final Map<String, Integer> index = new HashMap<>();
  private String expected = "";

  private CsvTable(Path file, List<String> header, List<Line> lines) {
    this.file = file;
    this.header = header;
    this.lines = lines;
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(header.get(i).strip(), i);
    }
  }

  static CsvTable read(Path file, String expectedForErrors) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new BadResultFile(
          file + " is not a CSV text file (not UTF-8): expected " + expectedForErrors);
    } catch (IOException e) {
      throw new BadResultFile("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<AttemptCsv.Line> raw;
    try {
      raw = AttemptCsv.split(text);
    } catch (IllegalArgumentException e) {
      throw new BadResultFile(file + " " + e.getMessage());
    }
    if (raw.isEmpty() || raw.get(0).number() != 1) {
      throw new BadResultFile(file + " line 1: no header: expected " + expectedForErrors);
    }
    List<Line> lines = new ArrayList<>();
    for (AttemptCsv.Line l : raw.subList(1, raw.size())) {
      lines.add(new Line(l.number(), l.fields()));
    }
    return new CsvTable(file, raw.get(0).fields(), lines);
  }

  /** A line's fields by column name, stripped: null when no such column, "" when empty. */
  Function<String, String> fields(Line line) {
    return column -> index.containsKey(column) ? text(line, column) : null;
  }

  boolean has(String column) {
    return index.containsKey(column);
  }

  /** Fails unless every column is in the header; names the columns the format expects. */
  CsvTable require(String formatName, List<String> columns) {
    expected = formatName + ": " + String.join(",", columns);
    List<String> missing = columns.stream().filter(c -> !has(c)).toList();
    if (!missing.isEmpty()) {
      throw new BadResultFile(
          file
              + " line 1: missing column"
              + (missing.size() > 1 ? "s " : " ")
              + String.join(",", missing)
              + " (expected "
              + expected
              + ")");
    }
    return this;
  }

  /** The field, "" when the line is too short or the column absent. */
  String text(Line line, String column) {
    Integer i = index.get(column);
    if (i == null || i >= line.fields().size()) {
      return "";
    }
    return line.fields().get(i).strip();
  }

  String required(Line line, String column) {
    String v = text(line, column);
    if (v.isEmpty()) {
      throw bad(line, "column " + column + " is empty");
    }
    return v;
  }

  double number(Line line, String column) {
    String v = required(line, column);
    try {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(line, "column " + column + " is '" + v + "', not a number");
  }

  int integer(Line line, String column) {
    String v = required(line, column);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw bad(line, "column " + column + " is '" + v + "', not a whole number");
    }
  }

  Integer optionalInteger(Line line, String column) {
    return text(line, column).isEmpty() ? null : integer(line, column);
  }

  BadResultFile bad(Line line, String problem) {
    return new BadResultFile(
        file + " line " + line.number() + ": " + problem + " (expected " + expected + ")");
  }
}
