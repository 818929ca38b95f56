package dev.sightline.testsupport;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Edits as a user retries {@code kubectl edit}: fabric8's edit sends back the resourceVersion it read, so a status
 * write by the object's controller in between (Sightline's own, prometheus-operator's) answers 409 Conflict; the edit
 * is then made again on the object as it now is.
 */
public final class Edits {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private Edits() {}

  /** The edited object, after retrying the edit on conflicts for up to 30 s. */
  public static <T extends HasMetadata> T edit(Resource<T> resource, UnaryOperator<T> change) {
    AtomicReference<T> edited = new AtomicReference<>();
    await("an edit not overtaken by another write").atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k
            && k.getCode() == HttpURLConnection.HTTP_CONFLICT)
        .until(() -> {
          edited.set(resource.edit(change));
          return true;
        });
    return edited.get();
  }
}
