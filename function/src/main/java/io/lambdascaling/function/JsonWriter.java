package io.lambdascaling.function;

import java.util.Map;

/**
 * Writes the function's response, a flat JSON object, with the JDK alone (the deployment package
 * carries no JSON library).
 */
final class JsonWriter {

  private JsonWriter() {}

  /** Writes a flat object of strings, numbers, booleans and nulls, in the map's order. */
  static String write(Map<String, ?> object) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, ?> field : object.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      writeString(out, field.getKey());
      out.append(':');
      writeScalar(out, field.getValue());
    }
    return out.append('}').toString();
  }

  private static void writeScalar(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        out.append("null");
      } else {
        out.append(d);
      }
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      writeString(out, value.toString());
    }
  }

  private static void writeString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
