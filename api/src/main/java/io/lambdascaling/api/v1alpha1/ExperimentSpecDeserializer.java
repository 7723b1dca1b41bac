package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads an experiment's spec as the operator must read whatever an API server stores: a spec that
 * does not fit the model (a wrong type, an unknown field) becomes an {@link UnreadableSpec} instead
 * of an error. A reader that sets the attribute {@link #STRICT} gets the model's own errors, with
 * their paths (the manifest reader does).
 */
public final class ExperimentSpecDeserializer extends JsonDeserializer<ExperimentSpec> {

  /** Attribute of a Jackson reader: read the spec strictly, failing on a wrong type. */
  public static final String STRICT = "lambdascaling.io/strict-spec";

  /** Writes a read spec back, to see which fields it kept (nulls included). */
  private static final ObjectMapper PLAIN = new ObjectMapper();

  @Override
  public ExperimentSpec deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    if (Boolean.TRUE.equals(context.getAttribute(STRICT))) {
      return context.readValue(parser, ExperimentSpec.class);
    }
    JsonNode source = context.readTree(parser);
    ExperimentSpec spec;
    try {
      spec = context.readTreeAsValue(source, ExperimentSpec.class);
    } catch (JsonMappingException e) {
      return new UnreadableSpec(source);
    }
    if (spec == null) {
      return null;
    }
    JsonNode read = PLAIN.valueToTree(spec);
    return keepsEveryField(source, read) ? spec : new UnreadableSpec(source);
  }

  /**
   * Whether every non-null field of the source is still there once read: the model ignores fields
   * it does not know, and the operator must not run an experiment a field of which it ignored.
   */
  private static boolean keepsEveryField(JsonNode source, JsonNode read) {
    if (source.isObject()) {
      if (!read.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!f.getValue().isNull()
            && (!read.has(f.getKey()) || !keepsEveryField(f.getValue(), read.get(f.getKey())))) {
          return false;
        }
      }
    } else if (source.isArray() && read.isArray() && source.size() == read.size()) {
      for (int i = 0; i < source.size(); i++) {
        if (!keepsEveryField(source.get(i), read.get(i))) {
          return false;
        }
      }
    }
    return true;
  }
}
