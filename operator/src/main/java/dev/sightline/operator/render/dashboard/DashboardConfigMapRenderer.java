package dev.sightline.operator.render.dashboard;

import dev.sightline.operator.render.GeneratedMetadata;
import dev.sightline.operator.api.DashboardDelivery;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard ConfigMap. With delivery configMap it carries the kube-prometheus-stack sidecar's
 * label (grafana_dashboard: "1") and folder annotation; with grafanaOperator it is only the JSON
 * source the GrafanaDashboard points at, so the sidecar does not import it twice.
 */
public final class DashboardConfigMapRenderer {
  public static final String SIDECAR_LABEL = "grafana_dashboard";
  public static final String FOLDER_ANNOTATION = "grafana_folder";

  private DashboardConfigMapRenderer() {}

  public static ConfigMap render(ObservedServiceModel model) {
    boolean sidecar = model.dashboard().delivery() == DashboardDelivery.CONFIG_MAP;
    ObjectMeta meta =
        GeneratedMetadata.of(
            model,
            GeneratedNames.dashboardConfigMap(model.name()),
            sidecar ? Map.of(SIDECAR_LABEL, "1") : Map.of());
    if (sidecar) {
      meta.setAnnotations(new TreeMap<>(Map.of(FOLDER_ANNOTATION, model.dashboard().folder())));
    }
    return new ConfigMapBuilder()
        .withMetadata(meta)
        .withData(Map.of(GeneratedNames.dashboardKey(model.namespace(), model.name()), DashboardRenderer.render(model)))
        .build();
  }
}
