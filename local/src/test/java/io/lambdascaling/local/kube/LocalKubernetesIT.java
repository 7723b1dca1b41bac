package io.lambdascaling.local.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real kubectl, and the Fabric8 client, against a started LocalKubernetes with our CRD. */
class LocalKubernetesIT {

  private static final CustomResourceDefinitionContext EXPERIMENTS =
      CustomResourceDefinitionContext.fromCrd(Samples.crd());

  private static LocalKubernetes kube;
  private static long startMillis;

  @TempDir static Path dir;

  /** What a kubectl run printed, and how it ended. */
  record Run(int exit, String out) {}

  @BeforeAll
  static void start() {
    long before = System.nanoTime();
    kube =
        LocalKubernetes.start(
            new LocalKubernetes.Options(0, dir.resolve("kubeconfig")), List.of(Samples.crd()));
    startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
  }

  @AfterAll
  static void stop() {
    if (kube != null) {
      kube.close();
    }
  }

  @Test
  void starts_within_seconds_and_writes_a_kubeconfig_with_the_lse_local_context()
      throws IOException {
    assertThat(startMillis).isLessThan(5_000);
    assertThat(Files.readString(kube.kubeconfig()))
        .contains("current-context: lse-local", "server: " + kube.url(), "namespace: default");
  }

  @Test
  void kubectl_applies_gets_describes_and_deletes_an_experiment() throws Exception {
    Run apply = kubectl("apply", "--validate=false", "-f", manifest("small", Samples.VALID));
    assertThat(apply.exit()).as(apply.out()).isZero();
    assertThat(apply.out()).contains("lambdascalingexperiment.lambdascaling.io/small created");

    GenericKubernetesResource stored = experiments().withName("small").get();
    experiments()
        .withName("small")
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"phase\":\"Running\",\"configurations\":{\"total\":6},\"spendUsd\":0.25}}");

    Run get = kubectl("get", "lse");
    assertThat(get.exit()).as(get.out()).isZero();
    assertThat(get.out().lines().findFirst().orElse(""))
        .containsSubsequence("NAME", "AGE", "CONFIGURATIONS", "PHASE", "PROGRESS", "SPEND");
    assertThat(get.out()).containsPattern("small\\s+\\d+s\\s+6\\s+Running\\s+.*0\\.25");

    Run yaml = kubectl("get", "lse", "small", "-o", "yaml");
    assertThat(yaml.out())
        .contains("roleArn: arn:aws:iam::123456789012:role/lse-execution")
        .contains("maxConcurrency: 50") // a schema default, applied on admission
        .contains("phase: Running");

    kube.client()
        .v1()
        .events()
        .inNamespace("default")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName("small.planned")
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("lambdascaling.io/v1alpha1")
                .withKind("LambdaScalingExperiment")
                .withName("small")
                .withNamespace("default")
                .withUid(stored.getMetadata().getUid())
                .endInvolvedObject()
                .withType("Normal")
                .withReason("Planned")
                .withMessage("6 configurations planned")
                .withLastTimestamp(Instant.now().toString())
                .withCount(1)
                .build())
        .create();

    Run describe = kubectl("describe", "lse", "small");
    assertThat(describe.exit()).as(describe.out()).isZero();
    assertThat(describe.out())
        .contains("Name:", "small", "Role Arn:")
        .containsPattern("Events:\\s+Type\\s+Reason\\s+Age\\s+From\\s+Message")
        .containsPattern("Normal\\s+Planned\\s+.*6 configurations planned");

    Run events = kubectl("get", "events");
    assertThat(events.out())
        .containsPattern("Normal\\s+Planned\\s+lambdascalingexperiment/small\\s+6 configurations");

    Run delete = kubectl("delete", "lse", "small");
    assertThat(delete.exit()).as(delete.out()).isZero();
    assertThat(delete.out()).contains("lambdascalingexperiment.lambdascaling.io \"small\" deleted");
    Run gone = kubectl("get", "lse", "small");
    assertThat(gone.exit()).isNotZero();
    assertThat(gone.out()).contains("NotFound");
  }

  @Test
  void kubectl_apply_of_invalid_manifests_fails_naming_the_field() throws Exception {
    Run zero =
        kubectl(
            "apply",
            "--validate=false",
            "-f",
            manifest("zero", Samples.validWith("workers: [0]").replace("small", "zero")));
    assertThat(zero.exit()).isNotZero();
    assertThat(zero.out())
        .contains(
            "The LambdaScalingExperiment \"zero\" is invalid: spec.workers: Invalid value:"
                + " \"array\": workers must be distinct integers from 1 to 64");

    Run both =
        kubectl(
            "apply",
            "--validate=false",
            "-f",
            manifest(
                "both",
                Samples.validWith("memory: {sizesMb: [1024], fromMb: 128, toMb: 512, stepMb: 128}")
                    .replace("small", "both")));
    assertThat(both.exit()).isNotZero();
    assertThat(both.out())
        .contains(
            "spec.memory: Invalid value: \"object\": set either sizesMb, or fromMb, toMb and"
                + " stepMb, not both");
    assertThat(experiments().list().getItems())
        .extracting(r -> r.getMetadata().getName())
        .doesNotContain("zero", "both");
  }

  @Test
  void client_creates_gets_and_patches_status_and_sees_422_causes() {
    GenericKubernetesResource created = experiments().resource(resource("viaclient")).create();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(created.get("spec", "sampling", "warmupInvocations").toString()).isEqualTo("1");

    GenericKubernetesResource patched =
        experiments()
            .withName("viaclient")
            .subresource("status")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":{\"phase\":\"Completed\",\"observedGeneration\":1}}");
    assertThat(patched.get("status", "phase").toString()).isEqualTo("Completed");
    assertThat(patched.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(experiments().withName("viaclient").get().get("status", "phase").toString())
        .isEqualTo("Completed");

    KubernetesClientException badStatus =
        catchThrowableOfType(
            KubernetesClientException.class,
            () ->
                experiments()
                    .withName("viaclient")
                    .subresource("status")
                    .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"status\":{\"phase\":\"Done\"}}"));
    assertThat(badStatus.getCode()).isEqualTo(422);
    assertThat(badStatus.getStatus().getDetails().getCauses())
        .singleElement()
        .satisfies(cause -> assertThat(cause.getField()).isEqualTo("status.phase"));

    GenericKubernetesResource invalid = resource("invalid");
    ((java.util.Map<String, Object>) invalid.getAdditionalProperties().get("spec"))
        .put("workers", List.of(0));
    KubernetesClientException rejected =
        catchThrowableOfType(
            KubernetesClientException.class, () -> experiments().resource(invalid).create());
    assertThat(rejected.getCode()).isEqualTo(422);
    assertThat(rejected.getStatus().getReason()).isEqualTo("Invalid");
    assertThat(rejected.getStatus().getDetails().getCauses())
        .extracting(c -> c.getField() + " " + c.getReason())
        .containsExactly("spec.workers FieldValueInvalid");
  }

  private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      experiments() {
    return kube.client().genericKubernetesResources(EXPERIMENTS).inNamespace("default");
  }

  private static GenericKubernetesResource resource(String name) {
    return Serialization.unmarshal(
        Samples.VALID.replace("name: small", "name: " + name), GenericKubernetesResource.class);
  }

  private static String manifest(String name, String yaml) throws IOException {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, yaml);
    return file.toString();
  }

  private static Run kubectl(String... args) throws IOException, InterruptedException {
    String kubectl = onPath("kubectl");
    assumeTrue(kubectl != null, "kubectl is not on PATH: the kubectl checks are skipped");
    List<String> command =
        new ArrayList<>(List.of(kubectl, "--kubeconfig", kube.kubeconfig().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = process.getInputStream()) {
      in.transferTo(out);
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), out.toString(StandardCharsets.UTF_8));
  }

  private static String onPath(String program) {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(entry, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
