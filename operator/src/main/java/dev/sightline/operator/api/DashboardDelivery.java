package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the generated dashboard reaches Grafana. */
public enum DashboardDelivery {
  /** A ConfigMap labelled grafana_dashboard: "1" for the kube-prometheus-stack Grafana sidecar. */
  @JsonProperty("configMap")
  CONFIG_MAP,
  /** A grafana-operator GrafanaDashboard that reads the JSON from the generated ConfigMap. */
  @JsonProperty("grafanaOperator")
  GRAFANA_OPERATOR
}
