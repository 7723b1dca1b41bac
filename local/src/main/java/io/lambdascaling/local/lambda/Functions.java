package io.lambdascaling.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The functions the local Lambda holds: the control-plane operations with AWS's checks and
 * lifecycle (Pending → Active after create; LastUpdateStatus InProgress → Successful after an
 * update).
 */
final class Functions {

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
    String name = RequestFields.functionName(request);
    FunctionRecord f = new FunctionRecord(name, arnPrefix + name);
    f.runtime = RequestFields.runtime(request);
    f.role = RequestFields.role(request);
    f.handler = RequestFields.handler(request);
    f.description = RequestFields.description(request);
    f.timeoutSeconds = RequestFields.intIn(request, "Timeout", 3, 1, 900);
    f.memoryMb = RequestFields.intIn(request, "MemorySize", 128, 128, 10240);
    f.environment = RequestFields.environment(request);
    f.architecture = RequestFields.architecture(request);
    f.tags.putAll(RequestFields.stringMap(request.get("Tags"), "Tags"));
    setCode(f, DeploymentPackage.from(request.get("Code"), "Code"));
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
      String runtime = request.has("Runtime") ? RequestFields.runtime(request) : f.runtime;
      String role = request.has("Role") ? RequestFields.role(request) : f.role;
      String handler = request.has("Handler") ? RequestFields.handler(request) : f.handler;
      String description =
          request.has("Description") ? RequestFields.description(request) : f.description;
      int timeout = RequestFields.intIn(request, "Timeout", f.timeoutSeconds, 1, 900);
      int memory = RequestFields.intIn(request, "MemorySize", f.memoryMb, 128, 10240);
      Map<String, String> environment =
          request.has("Environment") ? RequestFields.environment(request) : f.environment;
      if (!handler.equals(f.handler)) {
        DeploymentPackage.checkHandler(f.zip, handler);
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
      byte[] zip = DeploymentPackage.from(request, "request");
      String architecture =
          request.has("Architectures") ? RequestFields.architecture(request) : f.architecture;
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
    Map<String, String> add = RequestFields.stringMap(request.get("Tags"), "Tags");
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
      throw ApiError.invalidParameter(
          "Resource must be a function ARN, got: " + RequestFields.clip(arn));
    }
    return get(arn);
  }

  /** Checks the package holds the handler before the function takes it. */
  private static void setCode(FunctionRecord f, byte[] zip) {
    DeploymentPackage.checkHandler(zip, f.handler);
    f.zip = zip;
    f.codeSha256 = DeploymentPackage.sha256(zip);
  }
}
