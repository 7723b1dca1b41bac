package io.lambdascaling.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The functions the local Lambda holds: the control-plane operations with AWS's checks and
 * lifecycle (Pending → Active after create; LastUpdateStatus InProgress → Successful after an
 * update).
 */
final class Functions {

  static final Set<String> RUNTIMES = Set.of("java8.al2", "java11", "java17", "java21", "java25");
  private static final Set<String> ARCHITECTURES = Set.of("x86_64", "arm64");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern ROLE =
      Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}");
  private static final Pattern HANDLER = Pattern.compile("[^\\s]{1,128}");
  private static final int MAX_ZIP_BYTES = 50 * 1024 * 1024;
  private static final int MAX_ENVIRONMENT_BYTES = 4 * 1024;

  private final ObjectMapper json;
  private final String arnPrefix;
  private final ScheduledExecutorService scheduler;
  private final Duration transitionDelay;
  private final Consumer<String> onChange;

  /** Per name, how many times a function of that name was created (deleted ones included). */
  private final Map<String, Long> creations = new java.util.TreeMap<>();

  private final ConcurrentSkipListMap<String, FunctionRecord> byName =
      new ConcurrentSkipListMap<>();

  /**
   * @param transitionDelay how long a function stays Pending, and an update InProgress
   * @param onChange told the name of a function whose code or configuration changed or that was
   *     deleted, so that platforms can retire its instances
   */
  Functions(
      ObjectMapper json,
      String region,
      String accountId,
      ScheduledExecutorService scheduler,
      Duration transitionDelay,
      Consumer<String> onChange) {
    this.json = json;
    this.arnPrefix = "arn:aws:lambda:" + region + ":" + accountId + ":function:";
    this.scheduler = scheduler;
    this.transitionDelay = transitionDelay;
    this.onChange = onChange;
  }

  /** A function by name or ARN (a qualifier other than $LATEST is not supported). */
  FunctionRecord get(String nameOrArn) {
    String name = nameOrArn;
    if (name.startsWith("arn:")) {
      int at = name.indexOf(":function:");
      if (at < 0) {
        throw ApiError.functionNotFound(nameOrArn);
      }
      name = name.substring(at + ":function:".length());
      int qualifier = name.indexOf(':');
      if (qualifier >= 0) {
        String q = name.substring(qualifier + 1);
        if (!q.equals("$LATEST")) {
          throw ApiError.functionNotFound(nameOrArn);
        }
        name = name.substring(0, qualifier);
      }
    }
    FunctionRecord f = byName.get(name);
    if (f == null) {
      throw ApiError.functionNotFound(arnPrefix + name);
    }
    return f;
  }

  ObjectNode create(JsonNode request) {
    String name = text(request, "FunctionName", true);
    if (!NAME.matcher(name).matches()) {
      throw ApiError.invalidParameter(
          "FunctionName must be 1-64 letters, digits, '-' or '_', got: " + clip(name));
    }
    FunctionRecord f = new FunctionRecord(name, arnPrefix + name);
    f.runtime = runtime(text(request, "Runtime", true));
    f.role = role(text(request, "Role", true));
    f.handler = handler(text(request, "Handler", true));
    f.description = description(request);
    f.timeoutSeconds = intIn(request, "Timeout", 3, 1, 900);
    f.memoryMb = intIn(request, "MemorySize", 128, 128, 10240);
    f.environment = environment(request);
    f.architecture = architecture(request);
    f.tags.putAll(stringMap(request.get("Tags"), "Tags"));
    setCode(f, zipFrom(request.get("Code"), "Code"));
    synchronized (byName) {
      if (byName.containsKey(name)) {
        throw ApiError.conflict("Function already exist: " + name);
      }
      byName.put(name, f);
      creations.merge(name, 1L, Long::sum);
    }
    scheduler.schedule(() -> activate(f), transitionDelay.toMillis(), TimeUnit.MILLISECONDS);
    synchronized (f) {
      return f.configuration(json);
    }
  }

  /** Per function name, how many times it was created; a copy. */
  Map<String, Long> creations() {
    synchronized (byName) {
      return new java.util.TreeMap<>(creations);
    }
  }

  private void activate(FunctionRecord f) {
    synchronized (f) {
      f.state = "Active";
      f.stateReason = null;
      f.stateReasonCode = null;
    }
  }

  ObjectNode updateConfiguration(String nameOrArn, JsonNode request) {
    FunctionRecord f = get(nameOrArn);
    synchronized (f) {
      f.checkNotBusy();
      // Validate everything before changing anything: a rejected update leaves no trace.
      String runtime = request.has("Runtime") ? runtime(text(request, "Runtime", true)) : f.runtime;
      String role = request.has("Role") ? role(text(request, "Role", true)) : f.role;
      String handler = request.has("Handler") ? handler(text(request, "Handler", true)) : f.handler;
      String description = request.has("Description") ? description(request) : f.description;
      int timeout = intIn(request, "Timeout", f.timeoutSeconds, 1, 900);
      int memory = intIn(request, "MemorySize", f.memoryMb, 128, 10240);
      Map<String, String> environment =
          request.has("Environment") ? environment(request) : f.environment;
      if (!handler.equals(f.handler)) {
        checkHandlerInZip(f.zip, handler);
      }
      f.runtime = runtime;
      f.role = role;
      f.handler = handler;
      f.description = description;
      f.timeoutSeconds = timeout;
      f.memoryMb = memory;
      f.environment = environment;
      return beginUpdate(f);
    }
  }

  ObjectNode updateCode(String nameOrArn, JsonNode request) {
    FunctionRecord f = get(nameOrArn);
    synchronized (f) {
      f.checkNotBusy();
      byte[] zip = zipFrom(request, "request");
      String architecture = request.has("Architectures") ? architecture(request) : f.architecture;
      setCode(f, zip); // checks the package before anything changes
      f.architecture = architecture;
      return beginUpdate(f);
    }
  }

  private ObjectNode beginUpdate(FunctionRecord f) {
    f.lastUpdateStatus = "InProgress";
    f.touch();
    onChange.accept(f.name);
    scheduler.schedule(
        () -> {
          synchronized (f) {
            f.lastUpdateStatus = "Successful";
          }
        },
        transitionDelay.toMillis(),
        TimeUnit.MILLISECONDS);
    return f.configuration(json);
  }

  void delete(String nameOrArn) {
    FunctionRecord f = get(nameOrArn);
    byName.remove(f.name, f);
    onChange.accept(f.name);
  }

  /** ListFunctions: in name order, paged with an opaque marker (the last name returned). */
  ObjectNode list(String marker, String maxItems) {
    int max = 50;
    if (maxItems != null) {
      try {
        max = Integer.parseInt(maxItems);
      } catch (NumberFormatException e) {
        throw ApiError.invalidParameter("MaxItems must be an integer from 1 to 10000");
      }
      if (max < 1 || max > 10000) {
        throw ApiError.invalidParameter("MaxItems must be an integer from 1 to 10000");
      }
    }
    ObjectNode out = json.createObjectNode();
    var page = out.putArray("Functions");
    List<FunctionRecord> after =
        new ArrayList<>(
            marker == null || marker.isEmpty()
                ? byName.values()
                : byName.tailMap(marker, false).values());
    for (int i = 0; i < after.size() && i < max; i++) {
      FunctionRecord f = after.get(i);
      synchronized (f) {
        page.add(f.configuration(json));
      }
    }
    if (after.size() > max) {
      out.put("NextMarker", after.get(max - 1).name);
    }
    return out;
  }

  Map<String, String> tags(String arn) {
    FunctionRecord f = byArn(arn);
    synchronized (f) {
      return new LinkedHashMap<>(f.tags);
    }
  }

  void tag(String arn, JsonNode request) {
    FunctionRecord f = byArn(arn);
    Map<String, String> add = stringMap(request.get("Tags"), "Tags");
    synchronized (f) {
      if (f.tags.size() + add.keySet().stream().filter(k -> !f.tags.containsKey(k)).count() > 50) {
        throw ApiError.invalidParameter("A function can have at most 50 tags");
      }
      f.tags.putAll(add);
    }
  }

  void untag(String arn, List<String> keys) {
    FunctionRecord f = byArn(arn);
    synchronized (f) {
      keys.forEach(f.tags::remove);
    }
  }

  private FunctionRecord byArn(String arn) {
    if (!arn.startsWith("arn:")) {
      throw ApiError.invalidParameter("Resource must be a function ARN, got: " + clip(arn));
    }
    return get(arn);
  }

  private void setCode(FunctionRecord f, byte[] zip) {
    checkHandlerInZip(zip, f.handler);
    f.zip = zip;
    try {
      f.codeSha256 =
          Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] zipFrom(JsonNode code, String where) {
    if (code == null || !code.isObject()) {
      throw ApiError.invalidParameter(
          where + ": Code.ZipFile (the deployment package) is required");
    }
    if (code.has("S3Bucket") || code.has("ImageUri")) {
      throw ApiError.invalidParameter(
          "The local Lambda takes the deployment package as ZipFile only (no S3 or images)");
    }
    JsonNode zip = code.get("ZipFile");
    if (zip == null || !zip.isTextual()) {
      throw ApiError.invalidParameter("ZipFile (the deployment package) is required");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(zip.asText());
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParameter("ZipFile must be base64: " + e.getMessage());
    }
    if (bytes.length > MAX_ZIP_BYTES) {
      throw ApiError.tooLarge("Zipped deployment package larger than 50 MB");
    }
    return bytes;
  }

  /** Lambda would only fail at the first invocation; the local one says so at once. */
  static void checkHandlerInZip(byte[] zip, String handler) {
    String className =
        handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    String entry = className.replace('.', '/') + ".class";
    boolean sawEntry = false;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        sawEntry = true;
        if (e.getName().equals(entry)) {
          return;
        }
        if (e.getName().startsWith("lib/") && e.getName().endsWith(".jar") && jarHas(in, entry)) {
          return;
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw ApiError.invalidParameter(
          "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }
    if (!sawEntry) {
      throw ApiError.invalidParameter(
          "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }
    throw ApiError.invalidParameter(
        "Handler class " + className + " (" + entry + ") is not in the deployment package");
  }

  private static boolean jarHas(ZipInputStream outer, String entry) throws IOException {
    ZipInputStream jar = new ZipInputStream(outer);
    for (ZipEntry e; (e = jar.getNextEntry()) != null; ) {
      if (e.getName().equals(entry)) {
        return true;
      }
    }
    return false;
  }

  private static String runtime(String runtime) {
    if (!RUNTIMES.contains(runtime)) {
      throw ApiError.invalidParameter(
          "The runtime parameter of "
              + clip(runtime)
              + " is not supported by the local Lambda; supported: "
              + String.join(", ", RUNTIMES.stream().sorted().toList()));
    }
    return runtime;
  }

  private static String role(String role) {
    if (!ROLE.matcher(role).matches()) {
      throw ApiError.invalidParameter(
          "Role must be an IAM role ARN (arn:aws:iam::123456789012:role/name), got: " + clip(role));
    }
    return role;
  }

  private static String handler(String handler) {
    if (!HANDLER.matcher(handler).matches()) {
      throw ApiError.invalidParameter("Handler must be 1-128 characters without spaces");
    }
    return handler;
  }

  private static String description(JsonNode request) {
    String d = text(request, "Description", false);
    if (d != null && d.length() > 256) {
      throw ApiError.invalidParameter("Description must be at most 256 characters");
    }
    return d == null ? "" : d;
  }

  private static String architecture(JsonNode request) {
    JsonNode a = request.get("Architectures");
    if (a == null || a.isNull()) {
      return "x86_64";
    }
    if (!a.isArray() || a.size() != 1 || !ARCHITECTURES.contains(a.get(0).asText())) {
      throw ApiError.invalidParameter("Architectures must be [\"x86_64\"] or [\"arm64\"]");
    }
    return a.get(0).asText();
  }

  private static Map<String, String> environment(JsonNode request) {
    JsonNode env = request.get("Environment");
    if (env == null || env.isNull()) {
      return new LinkedHashMap<>();
    }
    Map<String, String> vars = stringMap(env.get("Variables"), "Environment.Variables");
    int size =
        vars.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
    if (size > MAX_ENVIRONMENT_BYTES) {
      throw ApiError.invalidParameter("Environment variables exceed the 4 KB limit");
    }
    return vars;
  }

  private static Map<String, String> stringMap(JsonNode node, String field) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return map;
    }
    if (!node.isObject()) {
      throw ApiError.invalidParameter(field + " must be an object of strings");
    }
    node.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                throw ApiError.invalidParameter(field + "." + e.getKey() + " must be a string");
              }
              map.put(e.getKey(), e.getValue().asText());
            });
    return map;
  }

  private static String text(JsonNode request, String field, boolean required) {
    JsonNode v = request.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw ApiError.invalidParameter(field + " is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw ApiError.invalidParameter(field + " must be a string");
    }
    return v.asText();
  }

  private static int intIn(JsonNode request, String field, int absent, int min, int max) {
    JsonNode v = request.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
      throw ApiError.invalidParameter(
          field
              + " must be an integer from "
              + min
              + " to "
              + max
              + ", got: "
              + clip(v.toString()));
    }
    return v.asInt();
  }

  static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
