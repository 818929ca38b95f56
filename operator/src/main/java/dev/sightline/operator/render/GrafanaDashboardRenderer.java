package dev.sightline.operator.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * grafana-operator v5 GrafanaDashboard (grafana.integreatly.org/v1beta1). It reads the JSON from
 * the generated ConfigMap rather than embedding a second copy. There is no maintained Java model
 * for grafana-operator, so this is a GenericKubernetesResource; the e2e CRD validates it.
 */
public final class GrafanaDashboardRenderer {
  public static final String API_VERSION = "grafana.integreatly.org/v1beta1";
  public static final String KIND = "GrafanaDashboard";

  private GrafanaDashboardRenderer() {}

  public static GenericKubernetesResource render(ResolvedSpec spec) {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion(API_VERSION);
    r.setKind(KIND);
    r.setMetadata(GeneratedMetadata.of(spec, GeneratedNames.grafanaDashboard(spec.name()), Map.of()));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("instanceSelector", selector(spec.dashboard().instanceSelector()));
    s.put("folder", spec.dashboard().folder());
    s.put("uid", DashboardRenderer.uid(spec.namespace(), spec.name()));
    s.put("resyncPeriod", "10m");
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("name", GeneratedNames.dashboardConfigMap(spec.name()));
    ref.put("key", GeneratedNames.dashboardKey(spec.namespace(), spec.name()));
    s.put("configMapRef", ref);
    r.setAdditionalProperty("spec", s);
    return r;
  }

  private static Map<String, Object> selector(LabelSelector selector) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (selector == null) {
      return m;
    }
    if (selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()) {
      m.put("matchLabels", new java.util.TreeMap<>(selector.getMatchLabels()));
    }
    if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
      m.put(
          "matchExpressions",
          selector.getMatchExpressions().stream()
              .map(e -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("key", e.getKey());
                x.put("operator", e.getOperator());
                if (e.getValues() != null && !e.getValues().isEmpty()) {
                  x.put("values", e.getValues());
                }
                return x;
              })
              .toList());
    }
    return m;
  }
}
