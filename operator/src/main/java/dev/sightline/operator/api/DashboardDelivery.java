package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/** How the generated dashboard reaches Grafana. */
public enum DashboardDelivery {
  /** A ConfigMap labelled grafana_dashboard: "1" for the kube-prometheus-stack Grafana sidecar. */
  @JsonProperty("configMap")
  CONFIG_MAP("configMap"),
  /** A grafana-operator GrafanaDashboard that reads the JSON from the generated ConfigMap. */
  @JsonProperty("grafanaOperator")
  GRAFANA_OPERATOR("grafanaOperator");

  private final String value;

  DashboardDelivery(String value) {
    this.value = value;
  }

  /** The constant the API spells this way, e.g. configMap. */
  public static DashboardDelivery of(String value) {
    return Arrays.stream(values()).filter(d -> d.value.equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no dashboard delivery " + value));
  }
}
