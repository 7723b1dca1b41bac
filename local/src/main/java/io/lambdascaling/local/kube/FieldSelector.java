package io.lambdascaling.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * A field selector ({@code involvedObject.name=x,type!=Normal}) matched against objects by the
 * dotted path of each field. The API server accepts only some fields per kind; this one accepts
 * every field, and compares the text of scalar values.
 */
final class FieldSelector {

  private record Requirement(String field, String value, boolean equal) {}

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  /** The selector, or {@code null} when the text is not one. */
  static FieldSelector parse(String text) {
    List<Requirement> requirements = new ArrayList<>();
    for (String term : text.split(",")) {
      if (term.isBlank()) {
        continue;
      }
      int notEqual = term.indexOf("!=");
      int doubleEqual = term.indexOf("==");
      int equal = term.indexOf('=');
      if (notEqual > 0) {
        requirements.add(
            new Requirement(
                term.substring(0, notEqual).trim(), term.substring(notEqual + 2), false));
      } else if (doubleEqual > 0) {
        requirements.add(
            new Requirement(
                term.substring(0, doubleEqual).trim(), term.substring(doubleEqual + 2), true));
      } else if (equal > 0) {
        requirements.add(
            new Requirement(term.substring(0, equal).trim(), term.substring(equal + 1), true));
      } else {
        return null;
      }
    }
    return new FieldSelector(requirements);
  }

  boolean matches(JsonNode object) {
    for (Requirement requirement : requirements) {
      JsonNode value = object;
      for (String part : requirement.field().split("\\.")) {
        value = value.path(part);
      }
      String text = value.isValueNode() && !value.isNull() ? value.asText() : "";
      if (text.equals(requirement.value()) != requirement.equal()) {
        return false;
      }
    }
    return true;
  }

  /** The items of a list that match. */
  ArrayNode filter(JsonNode items) {
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    items.forEach(
        item -> {
          if (matches(item)) {
            kept.add(item);
          }
        });
    return kept;
  }
}
