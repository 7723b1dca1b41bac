package io.lambdascaling.operator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import java.util.ArrayList;
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
  void a_long_experiment_name_still_makes_a_valid_configmap_name() {
    String name = AttemptStore.chunkName("e".repeat(253), 12);
    assertThat(name).hasSizeLessThanOrEqualTo(253).endsWith("-attempts-12");
    assertThat(AttemptStore.chunkName("short", 0)).isEqualTo("short-attempts-0");
  }
}
