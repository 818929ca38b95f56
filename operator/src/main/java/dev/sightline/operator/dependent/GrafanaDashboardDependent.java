package dev.sightline.operator.dependent;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.grafana.GrafanaDashboard;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.render.dashboard.GrafanaDashboardRenderer;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Objects;

/**
 * grafana-operator GrafanaDashboard; active only where its CRD is installed. grafana-operator makes
 * spec.instanceSelector immutable, so a changed selector replaces the object: delete now, create
 * once it is gone (grafana-operator's finalizer first removes the dashboard from Grafana).
 */
@KubernetesDependent(informer = @Informer(labelSelector = OwnedDependent.MANAGED_SELECTOR,
    itemStore = PrunedItemStore.GeneratedObjects.class, informerListLimit = OwnedDependent.LIST_PAGE))
public class GrafanaDashboardDependent extends OwnedDependent<GrafanaDashboard> {
  public GrafanaDashboardDependent() {
    super(GrafanaDashboard.class);
  }

  @Override
  public boolean wanted(ObservedServiceModel model) {
    return model.dashboard().viaGrafanaOperator();
  }

  @Override
  protected String name(ObservedServiceModel model) {
    return GeneratedNames.grafanaDashboard(model.name());
  }

  @Override
  protected GrafanaDashboard render(ObservedServiceModel model) {
    return GrafanaDashboardRenderer.render(model);
  }

  @Override
  public GrafanaDashboard update(
      GrafanaDashboard actual, GrafanaDashboard desired, ObservedService primary, Context<ObservedService> context) {
    // the cache keeps metadata only: an update (something changed) reads the spec it must not change
    GrafanaDashboard live = actual.getSpec() != null ? actual : context.getClient().resource(actual).get();
    if (live != null && live.getSpec() != null
        && !Objects.equals(live.getSpec().instanceSelector, desired.getSpec().instanceSelector)) {
      if (actual.getMetadata().getDeletionTimestamp() == null) {
        context.getClient().resource(actual).delete();
      }
      throw new ReplacingException(actual.getKind(), actual.getMetadata().getName(), "spec.instanceSelector");
    }
    return super.update(actual, desired, primary, context);
  }
}
