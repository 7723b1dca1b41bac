package io.lambdascaling.function;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader, so that the deployment package needs nothing beyond the JDK and what
 * the Lambda runtime provides ({@link JsonWriter} writes the response).
 *
 * <p>Objects become {@link LinkedHashMap}, arrays {@link List}, numbers {@link BigDecimal} (so that
 * range checks never overflow), plus {@link String}, {@link Boolean} and {@code null}.
 */
final class JsonReader {

  /** Raised for text that is not JSON; the message says where. */
  static final class SyntaxException extends IllegalArgumentException {
    SyntaxException(String message) {
      super(message);
    }
  }

  private static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;

  private JsonReader(String text) {
    this.text = text;
  }

  static Object parse(String text) {
    JsonReader reader = new JsonReader(text);
    reader.skipWhitespace();
    Object value = reader.readValue(0);
    reader.skipWhitespace();
    if (reader.pos != text.length()) {
      throw reader.error("unexpected text after the JSON value");
    }
    return value;
  }

  private Object readValue(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return readObject(depth);
      case '[':
        return readArray(depth);
      case '"':
        return readString();
      case 't':
        return readLiteral("true", Boolean.TRUE);
      case 'f':
        return readLiteral("false", Boolean.FALSE);
      case 'n':
        return readLiteral("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return readNumber();
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private Map<String, Object> readObject(int depth) {
    Map<String, Object> object = new LinkedHashMap<>();
    pos++; // '{'
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return object;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a field name in double quotes");
      }
      String key = readString();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      if (object.containsKey(key)) {
        throw error("duplicate field \"" + key + "\"");
      }
      object.put(key, readValue(depth + 1));
      skipWhitespace();
      char c = next();
      if (c == '}') {
        return object;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> readArray(int depth) {
    List<Object> array = new ArrayList<>();
    pos++; // '['
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return array;
    }
    while (true) {
      skipWhitespace();
      array.add(readValue(depth + 1));
      skipWhitespace();
      char c = next();
      if (c == ']') {
        return array;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String readString() {
    StringBuilder out = new StringBuilder();
    pos++; // opening quote
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = next();
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(readUnicodeEscape());
        default -> throw error("invalid escape '\\" + escape + "'");
      }
    }
  }

  private char readUnicodeEscape() {
    if (pos + 4 > text.length()) {
      throw error("unexpected end of input in \\u escape");
    }
    try {
      char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
      pos += 4;
      return c;
    } catch (NumberFormatException e) {
      throw error("invalid \\u escape");
    }
  }

  private BigDecimal readNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (!digitsFollow()) {
      throw error("invalid number");
    }
    if (text.charAt(pos) == '0' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))) {
      throw error("leading zero in number");
    }
    skipDigits();
    if (peek() == '.') {
      pos++;
      if (!digitsFollow()) {
        throw error("invalid number");
      }
      skipDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!digitsFollow()) {
        throw error("invalid number");
      }
      skipDigits();
    }
    try {
      return new BigDecimal(text.substring(start, pos));
    } catch (NumberFormatException | ArithmeticException e) {
      throw error("number out of range");
    }
  }

  private Object readLiteral(String literal, Object value) {
    if (!text.startsWith(literal, pos)) {
      throw error("unexpected character '" + text.charAt(pos) + "'");
    }
    pos += literal.length();
    return value;
  }

  private boolean digitsFollow() {
    return pos < text.length() && isDigit(text.charAt(pos));
  }

  private void skipDigits() {
    while (digitsFollow()) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(pos++);
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected '" + c + "'");
    }
  }

  private SyntaxException error(String what) {
    return new SyntaxException("invalid JSON at character " + pos + ": " + what);
  }
}
