package io.lambdascaling.operator.reconciler;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events about an experiment, as {@code kubectl describe lse} shows them: Normal on
 * phase changes, Warning on errors. An event that cannot be written is logged and otherwise
 * ignored: it never holds up reconciliation.
 */
public final class EventRecorder {

  static final String NORMAL = "Normal";
  static final String WARNING = "Warning";
  static final String COMPONENT = "lambda-scaling-operator";
  private static final int MAX_MESSAGE = 1024;
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;

  public EventRecorder(KubernetesClient client) {
    this.client = client;
  }

  void normal(HasMetadata about, String reason, String message) {
    record(about, NORMAL, reason, message);
  }

  void warning(HasMetadata about, String reason, String message) {
    record(about, WARNING, reason, message);
  }

  private void record(HasMetadata about, String type, String reason, String message) {
    String text =
        message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    try {
      client
          .v1()
          .events()
          .inNamespace(about.getMetadata().getNamespace())
          .resource(event(about, type, reason, text))
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "could not record event {} {} on {}: {}",
          type,
          reason,
          about.getMetadata().getName(),
          e.getMessage());
    }
  }

  /** A new Event about the object, as {@code kubectl describe} lists it. */
  private static Event event(HasMetadata about, String type, String reason, String text) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return new EventBuilder()
        .withNewMetadata()
        .withGenerateName(about.getMetadata().getName() + ".")
        .withNamespace(about.getMetadata().getNamespace())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(about.getApiVersion())
        .withKind(about.getKind())
        .withName(about.getMetadata().getName())
        .withNamespace(about.getMetadata().getNamespace())
        .withUid(about.getMetadata().getUid())
        .withResourceVersion(about.getMetadata().getResourceVersion())
        .endInvolvedObject()
        .withType(type)
        .withReason(reason)
        .withMessage(text)
        .withCount(1)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .build();
  }
}
