package dev.sightline.operator.reconcile;

import dev.sightline.operator.status.Reason;
import dev.sightline.operator.status.StatusBuilder;
import dev.sightline.operator.api.ObservedService;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events on an ObservedService. A repeat of the same problem on the same object
 * (e.g. a clash that comes back) raises the count of the Event already written, as kubelet's and
 * client-go's recorders do, instead of adding one. A failure to record is logged, never fatal.
 */
final class EventRecorder {
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
  /** Enough for every problem of a thousand ObservedServices; the oldest are forgotten first. */
  private static final int REMEMBERED = 4096;

  private record Key(String uid, boolean warning, Reason reason, String message) {}

  private record Written(String name, int count) {}

  private final KubernetesClient client;
  private final Map<Key, Written> written = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Written> eldest) {
      return size() > REMEMBERED;
    }
  });

  EventRecorder(KubernetesClient client) {
    this.client = client;
  }

  void record(ObservedService target, StatusBuilder.Announcement a) {
    String ns = target.getMetadata().getNamespace();
    String message = a.message().length() > 1000 ? a.message().substring(0, 1000) : a.message();
    Key key = new Key(target.getMetadata().getUid(), a.warning(), a.reason(), message);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    try {
      Written before = written.get(key);
      if (before != null) {
        try {
          client.v1().events().inNamespace(ns).withName(before.name())
              .patch(PatchContext.of(PatchType.JSON_MERGE),
                  "{\"count\":" + (before.count() + 1) + ",\"lastTimestamp\":\"" + now + "\"}");
          written.put(key, new Written(before.name(), before.count() + 1));
          return;
        } catch (KubernetesClientException e) {
          if (e.getCode() != 404) {
            throw e;
          }
          // expired (the API server keeps Events for an hour): write a new one
        }
      }
      Event created = client.v1().events().inNamespace(ns).resource(event(target, a, message, now)).create();
      written.put(key, new Written(created.getMetadata().getName(), 1));
    } catch (KubernetesClientException e) {
      log.warn("could not record event {} on {}/{}: {}", a.reason(), ns, target.getMetadata().getName(),
          e.getMessage());
    }
  }

  private static Event event(ObservedService target, StatusBuilder.Announcement a, String message, String now) {
    return new EventBuilder()
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
        .withType(a.warning() ? "Warning" : "Normal")
        .withReason(a.reason().name())
        .withMessage(message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withReportingComponent("sightline-operator")
        .withNewSource().withComponent("sightline-operator").endSource()
        .build();
  }
}
