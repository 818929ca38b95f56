package dev.sightline.operator.reconcile;

import dev.sightline.operator.model.GrafanaDashboard;
import dev.sightline.operator.render.GrafanaDashboardRenderer;
import dev.sightline.operator.render.ResolvedSpec;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** grafana-operator GrafanaDashboard; active only where its CRD is installed. */
@KubernetesDependent(informer = @Informer(labelSelector = OwnedDependent.MANAGED_SELECTOR))
public class GrafanaDashboardDependent extends OwnedDependent<GrafanaDashboard> {
  public GrafanaDashboardDependent() {
    super(GrafanaDashboard.class);
  }

  @Override
  protected GrafanaDashboard render(ResolvedSpec spec) {
    return GrafanaDashboardRenderer.render(spec);
  }
}
