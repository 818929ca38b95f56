package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.grafana.GrafanaDashboard;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Reconcile preconditions from the spec's switches; an unmet one deletes the object if it exists. */
public final class Conditions {
  private Conditions() {}

  public static class DashboardEnabled implements Condition<ConfigMap, ObservedService> {
    @Override
    public boolean isMet(DependentResource<ConfigMap, ObservedService> d, ObservedService p, Context<ObservedService> c) {
      return Resolved.of(p, c).dashboard().enabled();
    }
  }

  public static class RoutingEnabled
      implements Condition<io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig, ObservedService> {
    @Override
    public boolean isMet(DependentResource<io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig,
        ObservedService> d, ObservedService p, Context<ObservedService> c) {
      return Resolved.of(p, c).routing().enabled();
    }
  }

  public static class GrafanaOperatorRequested implements Condition<GrafanaDashboard, ObservedService> {
    @Override
    public boolean isMet(
        DependentResource<GrafanaDashboard, ObservedService> d, ObservedService p, Context<ObservedService> c) {
      return Resolved.of(p, c).dashboard().viaGrafanaOperator();
    }
  }
}
