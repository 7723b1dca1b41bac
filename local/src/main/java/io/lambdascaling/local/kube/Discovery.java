package io.lambdascaling.local.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents kubectl reads before anything else ({@code /version}, {@code /api},
 * {@code /api/v1}, {@code /apis}, {@code /apis/<group>/<version>}): a fixed set of built-in
 * resources the CRUD store can hold, and those of the CRDs it holds. Aggregated discovery is not
 * offered: clients fall back to these.
 */
final class Discovery {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** A resource of a group version as discovery lists it. */
  record Resource(
      String group,
      String version,
      String plural,
      String singular,
      String kind,
      boolean namespaced,
      List<String> shortNames,
      List<String> categories,
      boolean statusSubresource) {}

  private static final List<Resource> BUILT_IN =
      List.of(
          core("configmaps", "configmap", "ConfigMap", true, "cm"),
          core("events", "event", "Event", true, "ev"),
          core("namespaces", "namespace", "Namespace", false, "ns"),
          core("pods", "pod", "Pod", true, "po"),
          core("secrets", "secret", "Secret", true),
          core("serviceaccounts", "serviceaccount", "ServiceAccount", true, "sa"),
          core("services", "service", "Service", true, "svc"),
          new Resource(
              "apiextensions.k8s.io",
              "v1",
              "customresourcedefinitions",
              "customresourcedefinition",
              "CustomResourceDefinition",
              false,
              List.of("crd", "crds"),
              List.of(),
              true),
          new Resource(
              "coordination.k8s.io",
              "v1",
              "leases",
              "lease",
              "Lease",
              true,
              List.of(),
              List.of(),
              false),
          new Resource(
              "apps",
              "v1",
              "deployments",
              "deployment",
              "Deployment",
              true,
              List.of("deploy"),
              List.of("all"),
              true));

  private static Resource core(
      String plural, String singular, String kind, boolean namespaced, String... shortNames) {
    return new Resource(
        "", "v1", plural, singular, kind, namespaced, List.of(shortNames), List.of(), false);
  }

  private final List<Resource> resources;

  Discovery(List<CustomResourceDefinition> crds) {
    List<Resource> all = new ArrayList<>(BUILT_IN);
    for (CustomResourceDefinition crd : crds) {
      var spec = crd.getSpec();
      for (CustomResourceDefinitionVersion version : spec.getVersions()) {
        if (!Boolean.FALSE.equals(version.getServed())) {
          all.add(
              new Resource(
                  spec.getGroup(),
                  version.getName(),
                  spec.getNames().getPlural(),
                  Optional.ofNullable(spec.getNames().getSingular())
                      .orElse(spec.getNames().getKind().toLowerCase()),
                  spec.getNames().getKind(),
                  "Namespaced".equals(spec.getScope()),
                  Optional.ofNullable(spec.getNames().getShortNames()).orElse(List.of()),
                  Optional.ofNullable(spec.getNames().getCategories()).orElse(List.of()),
                  version.getSubresources() != null
                      && version.getSubresources().getStatus() != null));
        }
      }
    }
    this.resources = all;
  }

  static ObjectNode version() {
    return JSON.objectNode()
        .put("major", "1")
        .put("minor", "32")
        .put("gitVersion", "v1.32.0-lse-local")
        .put("gitCommit", "")
        .put("gitTreeState", "clean")
        .put("buildDate", "2026-01-01T00:00:00Z")
        .put("goVersion", "go1.23")
        .put("compiler", "gc")
        .put("platform", "linux/amd64");
  }

  static ObjectNode coreVersions(String serverAddress) {
    ObjectNode versions = JSON.objectNode().put("kind", "APIVersions");
    versions.putArray("versions").add("v1");
    versions
        .putArray("serverAddressByClientCIDRs")
        .addObject()
        .put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", serverAddress);
    return versions;
  }

  ObjectNode groups() {
    Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
    for (Resource resource : resources) {
      if (!resource.group().isEmpty()) {
        List<String> versions =
            versionsByGroup.computeIfAbsent(resource.group(), g -> new ArrayList<>());
        if (!versions.contains(resource.version())) {
          versions.add(resource.version());
        }
      }
    }
    ObjectNode list = JSON.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    versionsByGroup.forEach(
        (group, versions) -> {
          ObjectNode entry = groups.addObject().put("name", group);
          ArrayNode listed = entry.putArray("versions");
          versions.forEach(
              v -> listed.addObject().put("groupVersion", group + "/" + v).put("version", v));
          entry
              .putObject("preferredVersion")
              .put("groupVersion", group + "/" + versions.get(0))
              .put("version", versions.get(0));
        });
    return list;
  }

  /** The APIResourceList of a group version, or empty when nothing is served there. */
  Optional<ObjectNode> resources(String group, String version) {
    List<Resource> served =
        resources.stream()
            .filter(r -> r.group().equals(group) && r.version().equals(version))
            .toList();
    if (served.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode list =
        JSON.objectNode()
            .put("kind", "APIResourceList")
            .put("apiVersion", "v1")
            .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode entries = list.putArray("resources");
    for (Resource resource : served) {
      entry(entries, resource);
    }
    return Optional.of(list);
  }

  /** A resource's entries of an APIResourceList: itself, and its status when it has one. */
  private static void entry(ArrayNode entries, Resource resource) {
    ObjectNode entry =
        entries
            .addObject()
            .put("name", resource.plural())
            .put("singularName", resource.singular())
            .put("namespaced", resource.namespaced())
            .put("kind", resource.kind());
    VERBS.forEach(entry.putArray("verbs")::add);
    if (!resource.shortNames().isEmpty()) {
      resource.shortNames().forEach(entry.putArray("shortNames")::add);
    }
    if (!resource.categories().isEmpty()) {
      resource.categories().forEach(entry.putArray("categories")::add);
    }
    if (resource.statusSubresource()) {
      ObjectNode status =
          entries
              .addObject()
              .put("name", resource.plural() + "/status")
              .put("singularName", "")
              .put("namespaced", resource.namespaced())
              .put("kind", resource.kind());
      List.of("get", "patch", "update").forEach(status.putArray("verbs")::add);
    }
  }

  /** The resource a path's group, version and plural name, if served. */
  Optional<Resource> find(String group, String version, String plural) {
    return resources.stream()
        .filter(
            r ->
                r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
        .findFirst();
  }
}
