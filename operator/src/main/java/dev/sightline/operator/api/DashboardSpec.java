package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "(has(self.delivery) && self.delivery == 'grafanaOperator') == has(self.instanceSelector)",
    message =
        "dashboard.instanceSelector is required with delivery: grafanaOperator (it picks the Grafana"
            + " instances) and not allowed with delivery: configMap")
public class DashboardSpec {
  @JsonPropertyDescription("false: no dashboard is generated. Default: true.")
  @Default("true")
  public Boolean enabled;

  @JsonPropertyDescription("Grafana folder title. Default: Sightline.")
  @Size(min = 1, max = 128)
  @Default("Sightline")
  public String folder;

  @JsonPropertyDescription(
      "configMap (kube-prometheus-stack Grafana sidecar) or grafanaOperator (GrafanaDashboard)."
          + " Default: configMap.")
  @Default("configMap")
  public DashboardDelivery delivery;

  @JsonPropertyDescription("Selects the grafana-operator Grafana instances; only with delivery: grafanaOperator.")
  public LabelSelector instanceSelector;

  public boolean isEnabled() {
    return enabled == null || enabled;
  }
}
