package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.ObservedService;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes core/v1 Events on an ObservedService; a failure to record is logged, never fatal. */
final class EventRecorder {
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

  private EventRecorder() {}

  static void record(KubernetesClient client, ObservedService target, boolean warning, String reason, String message) {
    String now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    Event event = new EventBuilder()
        .withNewMetadata()
        .withGenerateName(target.getMetadata().getName() + ".")
        .withNamespace(target.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(target.getApiVersion())
            .withKind(target.getKind())
            .withName(target.getMetadata().getName())
            .withNamespace(target.getMetadata().getNamespace())
            .withUid(target.getMetadata().getUid())
            .withResourceVersion(target.getMetadata().getResourceVersion())
            .build())
        .withType(warning ? "Warning" : "Normal")
        .withReason(reason)
        .withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withReportingComponent("sightline-operator")
        .withNewSource().withComponent("sightline-operator").endSource()
        .build();
    try {
      client.v1().events().inNamespace(target.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      log.warn("could not record event {} on {}/{}: {}", reason, target.getMetadata().getNamespace(),
          target.getMetadata().getName(), e.getMessage());
    }
  }
}
