package dev.sightline.operator.render;

import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.TreeMap;

/** Metadata shared by every generated object. */
public final class GeneratedMetadata {
  private GeneratedMetadata() {}

  public static ObjectMeta of(ObservedServiceModel model, String name, Map<String, String> extraLabels) {
    Map<String, String> labels = new TreeMap<>(model.commonLabels());
    labels.putAll(extraLabels);
    labels.putAll(GeneratedNames.ownLabels(model)); // last: nothing overrides them
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(model.namespace())
        .withLabels(labels)
        .build();
  }

  /** Metadata of the ServiceMonitor: with the labels the scraping instance selects it by. */
  public static ObjectMeta forServiceMonitor(ObservedServiceModel model, String name) {
    return of(model, name, model.monitorSelectorLabels());
  }

  /** Metadata of the PrometheusRule: with the labels the evaluating instance selects it by. */
  public static ObjectMeta forPrometheusRule(ObservedServiceModel model, String name) {
    return of(model, name, model.ruleSelectorLabels());
  }
}
