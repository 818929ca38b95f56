package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.DashboardDelivery;
import dev.sightline.operator.api.ObservedService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import dev.sightline.operator.model.GrafanaDashboard;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Workflow conditions: CRD presence (activation) and spec switches (reconcile preconditions). */
public final class Conditions {
  public static final String SERVICE_MONITOR_CRD = "servicemonitors.monitoring.coreos.com";
  public static final String PROMETHEUS_RULE_CRD = "prometheusrules.monitoring.coreos.com";
  public static final String GRAFANA_DASHBOARD_CRD = "grafanadashboards.grafana.integreatly.org";

  private Conditions() {}

  public static class ServiceMonitorCrdPresent implements Condition<ServiceMonitor, ObservedService> {
    @Override
    public boolean isMet(DependentResource<ServiceMonitor, ObservedService> d, ObservedService p, Context<ObservedService> c) {
      return CrdAvailability.isPresent(c.getClient(), SERVICE_MONITOR_CRD);
    }
  }

  public static class PrometheusRuleCrdPresent implements Condition<PrometheusRule, ObservedService> {
    @Override
    public boolean isMet(DependentResource<PrometheusRule, ObservedService> d, ObservedService p, Context<ObservedService> c) {
      return CrdAvailability.isPresent(c.getClient(), PROMETHEUS_RULE_CRD);
    }
  }

  public static class GrafanaDashboardCrdPresent implements Condition<GrafanaDashboard, ObservedService> {
    @Override
    public boolean isMet(
        DependentResource<GrafanaDashboard, ObservedService> d, ObservedService p, Context<ObservedService> c) {
      return CrdAvailability.isPresent(c.getClient(), GRAFANA_DASHBOARD_CRD);
    }
  }

  public static class DashboardEnabled implements Condition<ConfigMap, ObservedService> {
    @Override
    public boolean isMet(DependentResource<ConfigMap, ObservedService> d, ObservedService p, Context<ObservedService> c) {
      return Resolved.of(p, c).dashboard().enabled();
    }
  }

  public static class GrafanaOperatorRequested implements Condition<GrafanaDashboard, ObservedService> {
    @Override
    public boolean isMet(
        DependentResource<GrafanaDashboard, ObservedService> d, ObservedService p, Context<ObservedService> c) {
      var dashboard = Resolved.of(p, c).dashboard();
      return dashboard.enabled() && dashboard.delivery() == DashboardDelivery.GRAFANA_OPERATOR;
    }
  }
}
