package io.lambdascaling.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * deploy/argocd/health.lua, run by a Lua interpreter (LuaJ; Argo CD runs gopher-lua, Lua 5.1)
 * against experiments in each state, as Argo CD passes them: the object as a table named obj.
 */
class ArgoCdHealthTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  /** Argo CD's status and message for the experiment. */
  static String[] health(String yaml) throws IOException {
    Globals lua = JsePlatform.standardGlobals();
    lua.set("obj", table(YAML.readTree(yaml)));
    String script = Files.readString(Path.of("..", "deploy", "argocd", "health.lua"));
    LuaValue hs = lua.load(script, "health.lua").call();
    return new String[] {hs.get("status").tojstring(), hs.get("message").tojstring()};
  }

  private static LuaValue table(JsonNode n) {
    if (n.isObject()) {
      LuaTable t = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        t.set(e.getKey(), table(e.getValue()));
      }
      return t;
    }
    if (n.isArray()) {
      LuaTable t = new LuaTable();
      for (int i = 0; i < n.size(); i++) {
        t.set(i + 1, table(n.get(i)));
      }
      return t;
    }
    if (n.isNumber()) {
      return LuaValue.valueOf(n.asDouble());
    }
    if (n.isBoolean()) {
      return LuaValue.valueOf(n.asBoolean());
    }
    return n.isNull() ? LuaValue.NIL : LuaValue.valueOf(n.asText());
  }

  private static String experiment(long generation, String status) {
    return """
        apiVersion: lambdascaling.io/v1alpha1
        kind: LambdaScalingExperiment
        metadata: {name: e, namespace: default, generation: %d}
        spec: {function: {roleArn: "arn:aws:iam::123456789012:role/x"}, budget: {maxCostUsd: 1}}
        %s
        """
        .formatted(generation, status);
  }

  private static String status(String phase, String... conditions) {
    StringBuilder s =
        new StringBuilder(
            "status:\n  observedGeneration: 3\n  phase: "
                + phase
                + "\n  progressPercent: 40\n  conditions:\n");
    for (String c : conditions) {
      String[] p = c.split(":", 3);
      s.append("  - {type: ")
          .append(p[0])
          .append(", status: \"")
          .append(p[1])
          .append("\", reason: R, message: \"")
          .append(p[2])
          .append("\"}\n");
    }
    return s.toString();
  }

  @Test
  void a_new_experiment_is_progressing_until_the_operator_writes_status() throws IOException {
    assertThat(health(experiment(1, "")))
        .containsExactly("Progressing", "Waiting for the operator to pick the experiment up");
    assertThat(health(experiment(4, status("Running", "Ready:False:running"))))
        .containsExactly("Progressing", "Waiting for the operator to observe generation 4");
  }

  @Test
  void each_phase_maps_to_argo_cds_health() throws IOException {
    for (String phase : new String[] {"Pending", "Provisioning", "Running", "Analyzing"}) {
      assertThat(health(experiment(3, status(phase, "Ready:False:not yet"))))
          .as(phase)
          .containsExactly("Progressing", phase + " (40%)");
    }
    assertThat(health(experiment(3, status("Completed", "Ready:True:12 of 12 knees confident"))))
        .containsExactly("Healthy", "12 of 12 knees confident");
    assertThat(
            health(
                experiment(
                    3,
                    status(
                        "Failed",
                        "Ready:False:failed",
                        "InvalidSpec:True:spec.workers[0]: must be from 1 to 64, got 0"))))
        .containsExactly("Degraded", "spec.workers[0]: must be from 1 to 64, got 0");
    assertThat(health(experiment(3, status("Failed", "Ready:False:all functions failed"))))
        .containsExactly("Degraded", "all functions failed");
    assertThat(
            health(
                experiment(
                    3,
                    status(
                        "Running",
                        "Ready:False:running",
                        "BudgetExhausted:True:spent $4.99 of $5.00"))))
        .containsExactly("Degraded", "spent $4.99 of $5.00");
    assertThat(
            health(
                experiment(
                    3,
                    status("Completed", "Ready:True:done", "BudgetExhausted:False:within budget"))))
        .containsExactly("Healthy", "done");
    assertThat(health(experiment(3, status("Suspended", "Ready:False:suspended"))))
        .containsExactly("Suspended", "Suspended (40%)");
    assertThat(health(experiment(3, status("Exploded"))))
        .containsExactly("Unknown", "Unknown phase Exploded");
  }
}
