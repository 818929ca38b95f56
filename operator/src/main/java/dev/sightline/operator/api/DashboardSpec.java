package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "(has(self.delivery) && self.delivery == 'grafanaOperator') == has(self.instanceSelector)",
    message =
        "dashboard.instanceSelector is required with delivery: grafanaOperator (it picks the Grafana"
            + " instances) and not allowed with delivery: configMap, e.g. {delivery: grafanaOperator,"
            + " instanceSelector: {matchLabels: {dashboards: grafana}}}")
public class DashboardSpec {
  @JsonPropertyDescription("false: no dashboard is generated. Default: " + Defaults.ENABLED + ".")
  @Default(Defaults.ENABLED)
  public Boolean enabled;

  @JsonPropertyDescription("Grafana folder title. Default: " + Defaults.DASHBOARD_FOLDER + ".")
  @Size(max = 128)
  @ValidationRule(value = "self.trim() != ''",
      message = "dashboard.folder must be a folder title of 1 to 128 characters, not blank, e.g. Payments")
  @Default(Defaults.DASHBOARD_FOLDER)
  public String folder;

  @JsonPropertyDescription(
      "configMap (kube-prometheus-stack Grafana sidecar) or grafanaOperator (GrafanaDashboard)."
          + " Default: " + Defaults.DASHBOARD_DELIVERY + ".")
  @Default(Defaults.DASHBOARD_DELIVERY)
  public DashboardDelivery delivery;

  @JsonPropertyDescription(
      "Selects the grafana-operator Grafana instances, in any namespace (the GrafanaDashboard allows"
          + " cross-namespace import); only with delivery: grafanaOperator.")
  public Selector instanceSelector;
}
