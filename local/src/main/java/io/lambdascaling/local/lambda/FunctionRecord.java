package io.lambdascaling.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One function's configuration, code, tags and lifecycle state; guarded by its own lock. */
final class FunctionRecord {

  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  final String name;
  final String arn;
  String runtime;
  String role;
  String handler;
  String description = "";
  int timeoutSeconds = 3;
  int memoryMb = 128;
  Map<String, String> environment = new LinkedHashMap<>();
  String architecture = "x86_64";
  final Map<String, String> tags = new LinkedHashMap<>();
  byte[] zip;
  String codeSha256;
  String lastModified;
  String state = "Pending";
  String stateReason = "The function is being created.";
  String stateReasonCode = "Creating";
  String lastUpdateStatus = "Successful";
  long revision;

  FunctionRecord(String name, String arn) {
    this.name = name;
    this.arn = arn;
    touch();
  }

  void touch() {
    lastModified = OffsetDateTime.now(ZoneOffset.UTC).format(LAST_MODIFIED);
    revision++;
  }

  /** Lambda refuses invocations and updates while a function is Pending or being updated. */
  void checkNotBusy() {
    if ("Pending".equals(state)) {
      throw ApiError.conflict(
          "The operation cannot be performed at this time. The function is currently in the"
              + " following state: Pending");
    }
    if ("InProgress".equals(lastUpdateStatus)) {
      throw ApiError.conflict(
          "The operation cannot be performed at this time. An update is in progress for resource: "
              + arn);
    }
  }

  FunctionSnapshot snapshot() {
    return new FunctionSnapshot(
        name,
        arn,
        runtime,
        handler,
        memoryMb,
        timeoutSeconds,
        architecture,
        Map.copyOf(environment),
        zip,
        codeSha256,
        revision);
  }

  /** The FunctionConfiguration object of the Lambda API. */
  ObjectNode configuration(ObjectMapper json) {
    ObjectNode c = json.createObjectNode();
    c.put("FunctionName", name);
    c.put("FunctionArn", arn);
    c.put("Runtime", runtime);
    c.put("Role", role);
    c.put("Handler", handler);
    c.put("CodeSize", zip.length);
    c.put("Description", description);
    c.put("Timeout", timeoutSeconds);
    c.put("MemorySize", memoryMb);
    c.put("LastModified", lastModified);
    c.put("CodeSha256", codeSha256);
    c.put("Version", "$LATEST");
    if (!environment.isEmpty()) {
      ObjectNode variables = c.putObject("Environment").putObject("Variables");
      environment.forEach(variables::put);
    }
    c.put("RevisionId", Long.toString(revision));
    c.put("State", state);
    if (stateReason != null) {
      c.put("StateReason", stateReason);
      c.put("StateReasonCode", stateReasonCode);
    }
    c.put("LastUpdateStatus", lastUpdateStatus);
    c.put("PackageType", "Zip");
    List.of(architecture).forEach(c.putArray("Architectures")::add);
    c.putObject("EphemeralStorage").put("Size", 512);
    return c;
  }
}
