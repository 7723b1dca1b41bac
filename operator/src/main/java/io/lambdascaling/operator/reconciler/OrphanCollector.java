package io.lambdascaling.operator.reconciler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.operator.fleet.Fleet;
import io.lambdascaling.operator.plan.Planner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the functions this installation made for experiments that no longer exist — left behind
 * when an experiment went without its finalizer running (removed by hand, the operator away). A
 * function is this installation's when it carries {@code app.kubernetes.io/managed-by=
 * lambda-scaling-operator} and {@code lambdascaling.io/installation=<id>}; it is an orphan when its
 * {@code lambdascaling.io/uid} names no experiment the API server holds. Functions of another
 * installation sharing the account are never touched, and nothing is deleted when either list
 * fails.
 */
public final class OrphanCollector implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanCollector.class);

  private final KubernetesClient kubernetes;
  private final Fleet fleet;
  private final String installationId;
  private final Set<String> namespaces;

  /**
   * @param namespaces where this installation's experiments live; empty for all
   */
  public OrphanCollector(
      KubernetesClient kubernetes, Fleet fleet, String installationId, Set<String> namespaces) {
    this.kubernetes = kubernetes;
    this.fleet = fleet;
    this.installationId = installationId;
    this.namespaces = namespaces;
  }

  /** One pass, for a scheduler: failures are logged, and the next pass tries again. */
  @Override
  public void run() {
    try {
      List<String> deleted = collect();
      if (!deleted.isEmpty()) {
        LOG.info("deleted {} orphan functions: {}", deleted.size(), deleted);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("orphan collection failed; nothing deleted this time: {}", e.toString());
    }
  }

  /**
   * Deletes this installation's functions whose experiment is gone.
   *
   * @return the names deleted
   * @throws RuntimeException when Lambda or the API server cannot be listed (nothing is deleted)
   */
  public List<String> collect() throws InterruptedException {
    // Functions first, experiments second: an experiment made in between has no function listed.
    Map<String, Map<String, String>> ours =
        fleet.withTags("", Planner.TAG_INSTALLATION, installationId);
    Set<String> live = experimentUids();
    List<String> deleted = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> f : ours.entrySet()) {
      Map<String, String> tags = f.getValue();
      String uid = tags.get(Planner.TAG_UID);
      if (Planner.MANAGED_BY.equals(tags.get(Planner.TAG_MANAGED_BY))
          && uid != null
          && !live.contains(uid)) {
        fleet.delete(f.getKey());
        deleted.add(f.getKey());
      }
    }
    return deleted;
  }

  /**
   * The uids of every experiment, read from the API server (not an informer's cache, which may lag
   * behind a creation); as generic resources, so that no stored object can fail the list.
   */
  private Set<String> experimentUids() {
    var experiments =
        kubernetes.genericKubernetesResources(
            LambdaScalingExperiment.GROUP + "/" + LambdaScalingExperiment.VERSION,
            "LambdaScalingExperiment");
    List<GenericKubernetesResource> items = new ArrayList<>();
    if (namespaces.isEmpty()) {
      items.addAll(experiments.inAnyNamespace().list().getItems());
    } else {
      for (String ns : namespaces) {
        items.addAll(experiments.inNamespace(ns).list().getItems());
      }
    }
    Set<String> uids = new HashSet<>();
    items.forEach(e -> uids.add(e.getMetadata().getUid()));
    return uids;
  }
}
