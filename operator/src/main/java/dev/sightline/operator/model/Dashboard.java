package dev.sightline.operator.model;

import dev.sightline.operator.api.DashboardDelivery;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Dashboard generation: on or off, its folder, and how it reaches Grafana. */
public record Dashboard(boolean enabled, String folder, DashboardDelivery delivery, LabelSelector instanceSelector) {

  public boolean viaGrafanaOperator() {
    return enabled && delivery == DashboardDelivery.GRAFANA_OPERATOR;
  }
}
