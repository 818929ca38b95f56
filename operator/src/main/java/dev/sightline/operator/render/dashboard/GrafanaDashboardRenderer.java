package dev.sightline.operator.render.dashboard;

import dev.sightline.operator.render.GeneratedMetadata;
import dev.sightline.operator.grafana.GrafanaDashboard;
import dev.sightline.operator.grafana.GrafanaDashboardSpec;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelectorBuilder;
import java.util.Map;

/**
 * grafana-operator v5 GrafanaDashboard. It reads the JSON from the generated ConfigMap rather than
 * embedding a second copy.
 */
public final class GrafanaDashboardRenderer {
  public static final String API_VERSION = "grafana.integreatly.org/v1beta1";
  public static final String KIND = "GrafanaDashboard";

  private GrafanaDashboardRenderer() {}

  public static GrafanaDashboard render(ObservedServiceModel model) {
    GrafanaDashboard d = new GrafanaDashboard();
    d.setMetadata(GeneratedMetadata.of(model, GeneratedNames.grafanaDashboard(model.name()), Map.of()));
    GrafanaDashboardSpec s = new GrafanaDashboardSpec();
    s.instanceSelector = model.dashboard().instanceSelector();
    // Grafana instances usually live in grafana-operator's namespace, not the service's: without this
    // grafana-operator matches none of them (NoMatchingInstances)
    s.allowCrossNamespaceImport = true;
    s.folder = model.dashboard().folder();
    s.uid = DashboardRenderer.uid(model.namespace(), model.name());
    s.resyncPeriod = "10m";
    s.configMapRef = new ConfigMapKeySelectorBuilder()
        .withName(GeneratedNames.dashboardConfigMap(model.name()))
        .withKey(GeneratedNames.dashboardKey(model.namespace(), model.name()))
        .build();
    d.setSpec(s);
    return d;
  }
}
