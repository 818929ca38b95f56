package dev.sightline.operator.dependent;

import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.render.dashboard.DashboardConfigMapRenderer;
import dev.sightline.operator.model.GeneratedNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The dashboard as a ConfigMap for the Grafana sidecar. Applied server-side like the other objects (JOSDK leaves
 * ConfigMaps to create/update by default): the fast match needs every field manager to be Sightline's.
 */
@KubernetesDependent(useSSA = BooleanWithUndefined.TRUE,
    informer = @Informer(labelSelector = OwnedDependent.MANAGED_SELECTOR,
        itemStore = PrunedItemStore.GeneratedObjects.class, informerListLimit = OwnedDependent.LIST_PAGE))
public class DashboardConfigMapDependent extends OwnedDependent<ConfigMap> {
  public DashboardConfigMapDependent() {
    super(ConfigMap.class);
  }

  @Override
  public boolean wanted(ObservedServiceModel model) {
    return model.dashboard().enabled();
  }

  @Override
  protected String name(ObservedServiceModel model) {
    return GeneratedNames.dashboardConfigMap(model.name());
  }

  @Override
  protected ConfigMap render(ObservedServiceModel model) {
    return DashboardConfigMapRenderer.render(model);
  }
}
