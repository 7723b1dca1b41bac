package io.lambdascaling.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.lambdascaling.operator.config.LeaderElection;
import io.lambdascaling.operator.config.OperatorConfig;
import io.lambdascaling.operator.validation.ManifestReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * deploy/ rendered with {@code kubectl kustomize}, as a user applies it: the kinds, the CRD equal
 * to crds/, least RBAC, the Deployment's probes, security and LSE_* settings the operator accepts.
 * Skipped, saying so, where kubectl is not installed.
 */
class DeployManifestsIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String NS = "lambda-scaling-operator";

  static List<JsonNode> render(String dir) throws IOException, InterruptedException {
    assumeThat(kubectl())
        .as("kubectl is not on the PATH: deploy/ is not rendered (kubectl 1.27+ runs this test)")
        .isTrue();
    Process p =
        new ProcessBuilder("kubectl", "kustomize", ROOT.resolve(dir).toString())
            .redirectError(ProcessBuilder.Redirect.PIPE)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kubectl kustomize " + dir + ": " + err).isZero();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(out)) {
      return it.readAll();
    }
  }

  private static boolean kubectl() {
    try {
      Process p = new ProcessBuilder("kubectl", "version", "--client").start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static Set<String> kinds(List<JsonNode> objects) {
    Set<String> kinds = new TreeSet<>();
    objects.forEach(o -> kinds.add(o.path("kind").asText()));
    return kinds;
  }

  private static JsonNode one(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .filter(o -> name == null || o.at("/metadata/name").asText().equals(name))
        .reduce(
            (a, b) -> {
              throw new AssertionError("two " + kind + " " + name);
            })
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  private static JsonNode container(List<JsonNode> objects) {
    JsonNode d = one(objects, "Deployment", "lambda-scaling-operator");
    return d.at("/spec/template/spec/containers/0");
  }

  private static Map<String, JsonNode> env(JsonNode container) {
    Map<String, JsonNode> env = new HashMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
    return env;
  }

  /** The rules as verb sets per group/resource[/names]. */
  private static Map<String, Set<String>> rules(JsonNode role) {
    Map<String, Set<String>> out = new HashMap<>();
    for (JsonNode r : role.path("rules")) {
      for (JsonNode g : r.path("apiGroups")) {
        for (JsonNode res : r.path("resources")) {
          String key = g.asText() + "/" + res.asText();
          if (r.has("resourceNames")) {
            key += r.path("resourceNames").toString();
          }
          Set<String> verbs = out.computeIfAbsent(key, k -> new TreeSet<>());
          r.path("verbs").forEach(v -> verbs.add(v.asText()));
        }
      }
    }
    return out;
  }

  private static final Map<String, Set<String>> OPERATOR_RULES =
      Map.of(
          "lambdascaling.io/lambdascalingexperiments", Set.of("get", "list", "watch", "patch"),
          "lambdascaling.io/lambdascalingexperiments/status", Set.of("patch", "update"),
          "lambdascaling.io/lambdascalingexperiments/finalizers", Set.of("update"),
          "/configmaps", Set.of("get", "list", "create", "update"),
          "/events", Set.of("create"));

  @Test
  void the_base_installs_the_operator_cluster_wide_with_least_privilege() throws Exception {
    List<JsonNode> base = render("deploy/base");
    assertThat(kinds(base))
        .containsExactlyInAnyOrder(
            "Namespace",
            "CustomResourceDefinition",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Deployment",
            "Service");
    for (JsonNode o : base) {
      String kind = o.path("kind").asText();
      if (!Set.of("Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding")
          .contains(kind)) {
        assertThat(o.at("/metadata/namespace").asText()).as(kind).isEqualTo(NS);
      }
    }
    JsonNode crd = one(base, "CustomResourceDefinition", null);
    JsonNode committed =
        YAML.readTree(
            Files.readString(
                ROOT.resolve("crds/lambdascalingexperiments.lambdascaling.io-v1.yml")));
    // kustomize writes 2.0 as 2 and 1.0E7 as 1e+07: numbers compare by value, all else exactly.
    Comparator<JsonNode> byValue =
        (a, b) ->
            a.isNumber() && b.isNumber()
                ? Double.compare(a.doubleValue(), b.doubleValue())
                : a.equals(b) ? 0 : 1;
    assertThat(crd.equals(byValue, committed))
        .as("the CRD is crds/'s, unchanged:%n%s", crd)
        .isTrue();
    assertThat(
            crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/required").toString())
        .isEqualTo("[\"budget\",\"function\"]");

    JsonNode sa = one(base, "ServiceAccount", "lambda-scaling-operator");
    assertThat(sa.at("/metadata/annotations").path("eks.amazonaws.com/role-arn").asText())
        .matches("arn:aws:iam::\\d{12}:role/.+");

    assertThat(rules(one(base, "ClusterRole", "lambda-scaling-operator")))
        .isEqualTo(OPERATOR_RULES);
    JsonNode binding = one(base, "ClusterRoleBinding", "lambda-scaling-operator");
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("lambda-scaling-operator");
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(NS);

    JsonNode c = container(base);
    Map<String, JsonNode> env = env(c);
    String lease = env.get("LSE_LEASE_NAME").path("value").asText();
    assertThat(rules(one(base, "Role", "lambda-scaling-operator-leader-election")))
        .isEqualTo(
            Map.of(
                "coordination.k8s.io/leases",
                Set.of("create"),
                "coordination.k8s.io/leases[\"" + lease + "\"]",
                Set.of("get", "update", "patch")));
    assertThat(
            one(base, "RoleBinding", "lambda-scaling-operator-leader-election")
                .at("/roleRef/kind")
                .asText())
        .isEqualTo("Role");

    JsonNode d = one(base, "Deployment", "lambda-scaling-operator");
    assertThat(d.at("/spec/replicas").asInt()).isEqualTo(2);
    JsonNode pod = d.at("/spec/template/spec");
    assertThat(pod.at("/serviceAccountName").asText()).isEqualTo("lambda-scaling-operator");
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    String dockerUser =
        DockerfileIT.instructions().stream()
            .filter(i -> i.stage().equals("final") && i.keyword().equals("USER"))
            .findFirst()
            .orElseThrow()
            .args();
    assertThat(
            pod.at("/securityContext/runAsUser").asText()
                + ":"
                + pod.at("/securityContext/runAsGroup").asText())
        .as("the image's user")
        .isEqualTo(dockerUser);
    assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(c.at("/securityContext/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(c.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
    assertThat(pod.at("/volumes/0/emptyDir").isObject()).isTrue();
    assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(c.at("/ports/0/name").asText()).isEqualTo("metrics");
    assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(c.at("/readinessProbe/httpGet/port").asText()).isEqualTo("metrics");
    assertThat(c.at("/resources/requests/memory").asText()).isNotEmpty();
    assertThat(c.at("/resources/limits/memory").asText()).isNotEmpty();

    // The settings parse as the operator reads them (fieldRefs as the kubelet fills them in).
    Map<String, String> values = new HashMap<>();
    env.forEach(
        (name, e) ->
            values.put(
                name,
                e.has("value")
                    ? e.path("value").asText()
                    : "pod-" + e.at("/valueFrom/fieldRef/fieldPath").asText()));
    for (String name : values.keySet()) {
      if (name.startsWith("LSE_")) {
        String source =
            Files.readString(
                    Path.of("src/main/java/io/lambdascaling/operator/config/OperatorConfig.java"))
                + Files.readString(
                    Path.of("src/main/java/io/lambdascaling/operator/config/LeaderElection.java"));
        assertThat(source).as(name + " is a setting the operator reads").contains('"' + name + '"');
      }
    }
    OperatorConfig config = OperatorConfig.fromEnvironment(values);
    assertThat(config.metricsPort()).isEqualTo(8080);
    assertThat(config.namespaces()).isEmpty();
    LeaderElection election = LeaderElection.fromEnvironment(values);
    assertThat(election.enabled()).isTrue();
    assertThat(election.leaseNamespace()).contains("pod-metadata.namespace");

    JsonNode service = one(base, "Service", "lambda-scaling-operator-metrics");
    assertThat(service.at("/spec/ports/0/name").asText()).isEqualTo("metrics");
    assertThat(service.at("/spec/selector")).isEqualTo(d.at("/spec/selector/matchLabels"));
  }

  @Test
  void the_monitoring_overlay_adds_a_service_monitor_and_the_dashboard() throws Exception {
    List<JsonNode> objects = render("deploy/overlays/monitoring");
    assertThat(kinds(objects)).contains("Deployment", "ServiceMonitor", "ConfigMap");
    JsonNode sm = one(objects, "ServiceMonitor", "lambda-scaling-operator");
    JsonNode service = one(objects, "Service", "lambda-scaling-operator-metrics");
    sm.at("/spec/selector/matchLabels")
        .fields()
        .forEachRemaining(
            l ->
                assertThat(service.at("/metadata/labels").path(l.getKey()).asText())
                    .as("the ServiceMonitor selects the Service by " + l.getKey())
                    .isEqualTo(l.getValue().asText()));
    assertThat(sm.at("/spec/endpoints/0/port").asText())
        .isEqualTo(service.at("/spec/ports/0/name").asText());
    assertThat(sm.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
    JsonNode dashboard = one(objects, "ConfigMap", "lse-dashboard");
    assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(dashboard.at("/metadata/namespace").asText()).isEqualTo(NS);
    assertThat(dashboard.at("/data/lse-dashboard.json").asText())
        .isEqualTo(Files.readString(ROOT.resolve("deploy/grafana/lse-dashboard.json")));
  }

  @Test
  void the_single_namespace_overlay_has_no_cluster_wide_permissions() throws Exception {
    List<JsonNode> objects = render("deploy/overlays/single-namespace");
    assertThat(kinds(objects)).doesNotContain("ClusterRole", "ClusterRoleBinding");
    JsonNode role = one(objects, "Role", "lambda-scaling-operator");
    assertThat(rules(role)).isEqualTo(OPERATOR_RULES);
    assertThat(role.at("/metadata/namespace").asText()).isEqualTo(NS);
    JsonNode binding = one(objects, "RoleBinding", "lambda-scaling-operator");
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo("lambda-scaling-operator");
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(NS);
    JsonNode namespaces = env(container(objects)).get("LSE_NAMESPACES");
    assertThat(namespaces.has("value")).isFalse();
    assertThat(namespaces.at("/valueFrom/fieldRef/fieldPath").asText())
        .isEqualTo("metadata.namespace");
  }

  @Test
  void the_gitops_folder_holds_valid_experiments_and_argocd_has_the_health_check()
      throws Exception {
    List<JsonNode> experiments = render("deploy/argocd/experiments");
    assertThat(experiments).isNotEmpty();
    List<String> names = new ArrayList<>();
    for (JsonNode e : experiments) {
      assertThat(e.path("kind").asText()).isEqualTo("LambdaScalingExperiment");
      ManifestReader.Result r = ManifestReader.read(e);
      assertThat(r.violations()).as(e.at("/metadata/name").asText()).isEmpty();
      names.add(e.at("/metadata/name").asText());
    }
    assertThat(names).contains("smoke");

    JsonNode cm = YAML.readTree(Files.readString(ROOT.resolve("deploy/argocd/argocd-cm.yaml")));
    assertThat(
            cm.at("/data")
                .path("resource.customizations.health.lambdascaling.io_LambdaScalingExperiment")
                .asText())
        .as("argocd-cm.yaml carries health.lua as it is")
        .isEqualTo(Files.readString(ROOT.resolve("deploy/argocd/health.lua")));
    JsonNode app = YAML.readTree(Files.readString(ROOT.resolve("deploy/argocd/application.yaml")));
    assertThat(app.path("kind").asText()).isEqualTo("Application");
    assertThat(app.at("/spec/source/path").asText()).isEqualTo("deploy/argocd/experiments");
  }
}
