package io.lambdascaling.local.kube;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request path of the Kubernetes REST API taken apart: {@code
 * /apis/<group>/<version>[/namespaces/<ns>]/<plural>[/<name>[/<subresource>]]} (the core group is
 * {@code /api/v1}), and the query parameters, decoded.
 */
record ResourcePath(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource,
    Map<String, String> query) {

  /** The path without its query string. */
  static String withoutQuery(String path) {
    int question = path.indexOf('?');
    return question < 0 ? path : path.substring(0, question);
  }

  static Map<String, String> query(String path) {
    Map<String, String> query = new LinkedHashMap<>();
    int question = path.indexOf('?');
    if (question < 0) {
      return query;
    }
    for (String pair : path.substring(question + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      query.put(decode(key), decode(value));
    }
    return query;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  /** The resource a path addresses, or empty for discovery and other non-resource paths. */
  static Optional<ResourcePath> parse(String path) {
    String[] segments =
        Arrays.stream(withoutQuery(path).split("/"))
            .filter(s -> !s.isEmpty())
            .toArray(String[]::new);
    int start;
    String group;
    String version;
    if (segments.length >= 3 && segments[0].equals("api")) {
      group = "";
      version = segments[1];
      start = 2;
    } else if (segments.length >= 4 && segments[0].equals("apis")) {
      group = segments[1];
      version = segments[2];
      start = 3;
    } else {
      return Optional.empty();
    }
    String[] rest = Arrays.copyOfRange(segments, start, segments.length);
    String namespace = null;
    if (rest.length >= 3 && rest[0].equals("namespaces")) {
      namespace = decode(rest[1]);
      rest = Arrays.copyOfRange(rest, 2, rest.length);
    }
    if (rest.length > 3) {
      return Optional.empty();
    }
    return Optional.of(
        new ResourcePath(
            group,
            version,
            namespace,
            rest[0],
            rest.length > 1 ? decode(rest[1]) : null,
            rest.length > 2 ? rest[2] : null,
            query(path)));
  }

  boolean isCollection() {
    return name == null;
  }

  boolean isWatch() {
    return "true".equals(query.get("watch")) || "1".equals(query.get("watch"));
  }
}
