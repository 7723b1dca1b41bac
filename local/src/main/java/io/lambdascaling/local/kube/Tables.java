package io.lambdascaling.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Server-side printing: the {@code meta.k8s.io/v1} Table kubectl asks for with {@code Accept:
 * application/json;as=Table;...}. Custom resources get their version's additionalPrinterColumns
 * (simple JSONPaths); events get kubectl's usual columns; anything else gets Name and Age.
 */
final class Tables {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** A column: its definition and how a cell is read from an object at a given time. */
  record Column(
      String name, String type, String format, String description, int priority, Cell cell) {}

  /** Reads one cell of an object; {@code null} prints as kubectl prints missing values. */
  interface Cell {
    JsonNode read(JsonNode object, Instant now);
  }

  private Tables() {}

  static Column name() {
    return new Column(
        "Name",
        "string",
        "name",
        "Name must be unique within a namespace.",
        0,
        (object, now) -> object.at("/metadata/name"));
  }

  static Column age() {
    return new Column(
        "Age",
        "date",
        "",
        "CreationTimestamp is the time the object was created.",
        0,
        (object, now) -> since(object.at("/metadata/creationTimestamp"), now));
  }

  /** Name first, then the CRD version's printer columns (Age alone when it declares none). */
  static List<Column> forCustomResource(List<CustomResourceColumnDefinition> printerColumns) {
    List<Column> columns = new ArrayList<>(List.of(name()));
    if (printerColumns == null || printerColumns.isEmpty()) {
      columns.add(age());
      return columns;
    }
    for (CustomResourceColumnDefinition definition : printerColumns) {
      String type = definition.getType() == null ? "string" : definition.getType();
      String path = definition.getJsonPath();
      columns.add(
          new Column(
              definition.getName(),
              type,
              definition.getFormat() == null ? "" : definition.getFormat(),
              definition.getDescription() == null ? "" : definition.getDescription(),
              definition.getPriority() == null ? 0 : definition.getPriority(),
              (object, now) -> typed(type, select(object, path), now)));
    }
    return columns;
  }

  /** kubectl's columns for core/v1 Events. */
  static List<Column> forEvents() {
    return List.of(
        new Column("Last Seen", "string", "", "Time of the last occurrence.", 0, Tables::lastSeen),
        text("Type", "Normal or Warning.", object -> object.path("type")),
        text("Reason", "Why the event happened.", object -> object.path("reason")),
        text(
            "Object",
            "The object the event is about.",
            object ->
                JSON.textNode(
                    object.at("/involvedObject/kind").asText("").toLowerCase(Locale.ROOT)
                        + "/"
                        + object.at("/involvedObject/name").asText(""))),
        text("Message", "A human-readable description.", object -> object.path("message")));
  }

  private static Column text(String name, String description, Function<JsonNode, JsonNode> read) {
    return new Column(name, "string", "", description, 0, (object, now) -> read.apply(object));
  }

  private static JsonNode lastSeen(JsonNode event, Instant now) {
    for (String field : List.of("lastTimestamp", "eventTime", "firstTimestamp")) {
      JsonNode time = event.path(field);
      if (time.isTextual() && !time.asText().isEmpty()) {
        return since(time, now);
      }
    }
    return since(event.at("/metadata/creationTimestamp"), now);
  }

  /** The Table of a GET's answer: one row per item of a list, or one for a single object. */
  static ObjectNode table(
      JsonNode answer, List<Column> columns, String includeObject, Instant now) {
    ObjectNode table = JSON.objectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    JsonNode listMeta = answer.path("metadata");
    if (answer.has("items") && listMeta.has("resourceVersion")) {
      metadata.set("resourceVersion", listMeta.get("resourceVersion"));
    }
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column column : columns) {
      definitions
          .addObject()
          .put("name", column.name())
          .put("type", column.type())
          .put("format", column.format())
          .put("description", column.description())
          .put("priority", column.priority());
    }
    ArrayNode rows = table.putArray("rows");
    List<JsonNode> items = new ArrayList<>();
    if (answer.has("items")) {
      answer.get("items").forEach(items::add);
    } else {
      items.add(answer);
    }
    for (JsonNode item : items) {
      row(rows.addObject(), item, columns, includeObject, now);
    }
    return table;
  }

  /** One row: a cell per column, and the object as {@code includeObject} asks. */
  private static void row(
      ObjectNode row, JsonNode item, List<Column> columns, String includeObject, Instant now) {
    ArrayNode cells = row.putArray("cells");
    for (Column column : columns) {
      JsonNode cell = column.cell().read(item, now);
      cells.add(cell == null || cell.isMissingNode() ? JSON.nullNode() : cell);
    }
    if ("Object".equals(includeObject)) {
      row.set("object", item);
    } else if (!"None".equals(includeObject)) {
      row.putObject("object")
          .put("kind", "PartialObjectMetadata")
          .put("apiVersion", "meta.k8s.io/v1")
          .set("metadata", item.path("metadata"));
    }
  }

  /** The value at a simple JSONPath ({@code .status.phase}, {@code .spec.items[0].name}). */
  static JsonNode select(JsonNode object, String path) {
    JsonNode value = object;
    String trimmed = path.trim();
    if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
      trimmed = trimmed.substring(1, trimmed.length() - 1);
    }
    for (String part : trimmed.split("\\.")) {
      if (part.isEmpty()) {
        continue;
      }
      int bracket = part.indexOf('[');
      String field = bracket < 0 ? part : part.substring(0, bracket);
      if (!field.isEmpty()) {
        value = value.path(field);
      }
      while (bracket >= 0) {
        int close = part.indexOf(']', bracket);
        if (close < 0) {
          return null;
        }
        String index = part.substring(bracket + 1, close).replace("'", "").replace("\"", "");
        value = index.matches("\\d+") ? value.path(Integer.parseInt(index)) : value.path(index);
        bracket = part.indexOf('[', close);
      }
    }
    return value.isMissingNode() || value.isNull() ? null : value;
  }

  private static JsonNode typed(String type, JsonNode value, Instant now) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case "date" -> since(value, now);
      case "integer" -> value.isNumber() ? JSON.numberNode(value.longValue()) : null;
      case "number" -> value.isNumber() ? value : null;
      case "boolean" -> value.isBoolean() ? value : null;
      default ->
          value.isValueNode() ? JSON.textNode(value.asText()) : JSON.textNode(value.toString());
    };
  }

  private static JsonNode since(JsonNode timestamp, Instant now) {
    if (timestamp == null || !timestamp.isTextual()) {
      return JSON.textNode("<unknown>");
    }
    try {
      return JSON.textNode(humanDuration(Duration.between(Instant.parse(timestamp.asText()), now)));
    } catch (DateTimeParseException e) {
      return JSON.textNode("<invalid>");
    }
  }

  /** A duration as kubectl shows ages: 45s, 3m20s, 15m, 5h10m, 3d4h, 2y10d. */
  static String humanDuration(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
    } else if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      return hours % 24 == 0 ? hours / 24 + "d" : hours / 24 + "d" + hours % 24 + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long days = (hours / 24) % 365;
      return days == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + days + "d";
    }
    return hours / 24 / 365 + "y";
  }
}
