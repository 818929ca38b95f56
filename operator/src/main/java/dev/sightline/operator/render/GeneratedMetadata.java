package dev.sightline.operator.render;

import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.TreeMap;

/** Metadata shared by every generated object. */
public final class GeneratedMetadata {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "sightline";
  public static final String OWNER_LABEL = "sightline.dev/observed-service";

  private GeneratedMetadata() {}

  public static ObjectMeta of(ObservedServiceModel model, String name, Map<String, String> extraLabels) {
    Map<String, String> labels = new TreeMap<>(model.commonLabels());
    labels.putAll(extraLabels);
    labels.putAll(ownLabels(model)); // last: nothing overrides them
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(model.namespace())
        .withLabels(labels)
        .build();
  }

  /** Metadata of the objects a Prometheus must select (ServiceMonitor, PrometheusRule): with the selector labels. */
  public static ObjectMeta forPrometheus(ObservedServiceModel model, String name) {
    return of(model, name, model.selectorLabels());
  }

  /**
   * The labels every generated object carries before any selector label is added: what decides
   * whether a Prometheus selects them as the user wrote them.
   */
  public static Map<String, String> labels(ObservedServiceModel model) {
    Map<String, String> labels = new TreeMap<>(model.commonLabels());
    labels.putAll(ownLabels(model));
    return labels;
  }

  private static Map<String, String> ownLabels(ObservedServiceModel model) {
    return Map.of(MANAGED_BY, MANAGER, OWNER_LABEL, model.name());
  }
}
