package io.lambdascaling.operator.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The attempt log against the Fabric8 mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class AttemptStoreIT {

  KubernetesClient client;

  private static LambdaScalingExperiment experiment(String name, String uid) {
    LambdaScalingExperiment e = new LambdaScalingExperiment();
    e.getMetadata().setName(name);
    e.getMetadata().setNamespace("default");
    e.getMetadata().setUid(uid);
    return e;
  }

  private static List<Attempt> attempts(int count, long seed) {
    Random r = new Random(seed);
    List<Attempt> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(
          AttemptCsvTest.success(
              new Configuration("arm64", 1, 128 + 64 * r.nextInt(150)),
              100 + 900 * r.nextDouble(),
              false));
    }
    return out;
  }

  @Test
  void appends_fill_chunks_under_the_object_limit_and_load_back_in_order() {
    LambdaScalingExperiment e = experiment("big", "uid-1");
    AttemptStore store = new AttemptStore(client);
    List<Attempt> all = new ArrayList<>();
    // Random times compress poorly: this is more than one chunk's worth.
    for (int batch = 0; batch < 6; batch++) {
      List<Attempt> more = attempts(9_000, batch);
      store.append(e, "w1", more);
      all.addAll(more);
    }

    List<ConfigMap> chunks = store.chunks(e);
    assertThat(chunks).hasSizeGreaterThan(1);
    for (ConfigMap cm : chunks) {
      int bytes = cm.getBinaryData().get(AttemptStore.DATA_KEY).length();
      assertThat(bytes).as(cm.getMetadata().getName()).isLessThan(900 * 1024);
    }
    assertThat(chunks.get(0).getMetadata().getAnnotations())
        .containsEntry(AttemptStore.ANNOTATION_SEALED, "true");

    AttemptStore fresh = new AttemptStore(client);
    AttemptStore.History h = fresh.load(e, "w1");
    assertThat(h.attempts()).hasSize(all.size());
    assertThat(h.attempts().get(all.size() - 1).configuration())
        .isEqualTo(all.get(all.size() - 1).configuration());
    assertThat(h.spentUsd())
        .isCloseTo(all.size() * 2.1e-6, org.assertj.core.api.Assertions.within(1e-9));
    System.out.printf(
        "attempt log: %d attempts in %d chunks (%s base64 bytes)%n",
        all.size(),
        chunks.size(),
        chunks.stream().map(cm -> cm.getBinaryData().get(AttemptStore.DATA_KEY).length()).toList());
  }

  @Test
  void another_workload_starts_its_own_chunks_and_is_not_mixed_in() {
    LambdaScalingExperiment e = experiment("w", "uid-2");
    AttemptStore store = new AttemptStore(client);
    store.append(e, "old", attempts(10, 1));
    store.append(e, "new", attempts(3, 2));
    store.append(e, "new", attempts(4, 3));

    AttemptStore.History h = new AttemptStore(client).load(e, "new");
    assertThat(h.attempts()).hasSize(7);
    assertThat(h.chunks()).isEqualTo(2);
    assertThat(h.spentUsd())
        .as("spend counts every workload")
        .isCloseTo(17 * 2.1e-6, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(new AttemptStore(client).load(experiment("other", "uid-3"), "new").attempts())
        .isEmpty();
  }

  @Test
  void an_open_chunk_of_the_former_schema_is_read_and_appends_go_to_a_new_chunk() {
    LambdaScalingExperiment e = experiment("upgraded", "uid-4");
    String former =
        FormerAttemptCsv.HEADER
            + "\n"
            + "arm64-w2-m1024,1790000000000,SUCCESS,812.345,787.975,2,Graviton2,true,813.595,814,"
            + "412.500,77,2.1E-6,\n"
            + "arm64-w2-m1024,1790000001000,TIMEOUT,,,,,,3000.500,3001,,90,6.3E-6,timed out\n";
    client
        .configMaps()
        .inNamespace("default")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("upgraded-attempts-0")
                .addToLabels(AttemptStore.LABEL_UID, "uid-4")
                .addToLabels(AttemptStore.LABEL_WORKLOAD, "w1")
                .addToLabels(AttemptStore.LABEL_CONTENT, AttemptStore.CONTENT)
                .addToAnnotations(AttemptStore.ANNOTATION_CHUNK, "0")
                .addToAnnotations(AttemptStore.ANNOTATION_SEALED, "false")
                .endMetadata()
                .addToBinaryData(
                    AttemptStore.DATA_KEY,
                    Base64.getEncoder().encodeToString(AttemptStore.gzip(former)))
                .build())
        .create();

    AttemptStore store = new AttemptStore(client);
    AttemptStore.History before = store.load(e, "w1");
    store.append(e, "w1", attempts(3, 4));
    AttemptStore.History after = new AttemptStore(client).load(e, "w1");

    assertThat(before.attempts()).hasSize(2);
    assertThat(before.attempts().get(0).configuration())
        .isEqualTo(new Configuration("arm64", 2, 1024));
    assertThat(before.spentUsd()).isCloseTo(8.4e-6, within(1e-12));
    assertThat(after.attempts()).hasSize(5);
    assertThat(after.attempts().subList(0, 2)).isEqualTo(before.attempts());
    assertThat(after.chunks()).as("the former chunk takes no lines of the new schema").isEqualTo(2);
    assertThat(AttemptStore.text(store.chunks(e).get(0))).isEqualTo(former);
    assertThat(AttemptStore.text(store.chunks(e).get(1))).startsWith(AttemptCsv.HEADER + "\n");
  }

  @Test
  void a_long_experiment_name_still_makes_a_valid_configmap_name() {
    String name = AttemptStore.chunkName("e".repeat(253), 12);
    assertThat(name).hasSizeLessThanOrEqualTo(253).endsWith("-attempts-12");
    assertThat(AttemptStore.chunkName("short", 0)).isEqualTo("short-attempts-0");
  }
}
