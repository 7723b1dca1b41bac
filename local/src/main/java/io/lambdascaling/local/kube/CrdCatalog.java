package io.lambdascaling.local.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.lambdascaling.api.schema.CelRules;
import io.lambdascaling.api.schema.StructuralValidation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRDs the store holds right now, read back from it on demand (so CRDs created or deleted
 * through the API count), with their discovery documents and compiled admissions, rebuilt only when
 * the stored CRDs change.
 */
final class CrdCatalog {

  private static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final Dispatcher store;
  private final StructuralValidation validation = new StructuralValidation();
  private final CelRules rules = new CelRules();
  private volatile Snapshot snapshot = new Snapshot("", List.of());

  /** One reading of the stored CRDs and what was derived from it. */
  private static final class Snapshot {
    final String raw;
    final List<CustomResourceDefinition> crds;
    final Discovery discovery;
    final Map<String, CustomResourceAdmission> admissions = new ConcurrentHashMap<>();

    Snapshot(String raw, List<CustomResourceDefinition> crds) {
      this.raw = raw;
      this.crds = crds;
      this.discovery = new Discovery(crds);
    }
  }

  /** A custom resource's CRD and the version a request addresses. */
  record Served(CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {}

  CrdCatalog(Dispatcher store) {
    this.store = store;
  }

  Discovery discovery() {
    return current().discovery;
  }

  Optional<Served> find(String group, String version, String plural) {
    for (CustomResourceDefinition crd : current().crds) {
      if (crd.getSpec().getGroup().equals(group)
          && crd.getSpec().getNames().getPlural().equals(plural)) {
        return crd.getSpec().getVersions().stream()
            .filter(v -> v.getName().equals(version) && !Boolean.FALSE.equals(v.getServed()))
            .findFirst()
            .map(v -> new Served(crd, v));
      }
    }
    return Optional.empty();
  }

  CustomResourceAdmission admission(Served served) {
    String key = served.crd().getMetadata().getName() + "/" + served.version().getName();
    return current()
        .admissions
        .computeIfAbsent(
            key,
            k ->
                new CustomResourceAdmission(
                    served.crd(), served.version().getName(), validation, rules));
  }

  private Snapshot current() {
    RecordedRequest list =
        new RecordedRequest(
            "HTTP/1.1", HttpMethod.GET, CRD_PATH, new Headers.Builder().build(), new Buffer());
    byte[] body = store.dispatch(list).getBody().getBytes();
    String raw = new String(body, StandardCharsets.UTF_8);
    Snapshot known = snapshot;
    if (known.raw.equals(raw)) {
      return known;
    }
    List<CustomResourceDefinition> crds;
    try {
      CustomResourceDefinitionList parsed =
          Serialization.unmarshal(raw, CustomResourceDefinitionList.class);
      crds =
          parsed.getItems() == null
              ? List.of()
              : parsed.getItems().stream()
                  .filter(crd -> crd.getSpec() != null && crd.getSpec().getNames() != null)
                  .toList();
    } catch (RuntimeException e) {
      crds = List.of();
    }
    Snapshot fresh = new Snapshot(raw, crds);
    snapshot = fresh;
    return fresh;
  }
}
