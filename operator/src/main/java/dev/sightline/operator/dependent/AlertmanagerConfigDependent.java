package dev.sightline.operator.dependent;

import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.render.routing.AlertmanagerConfigRenderer;
import dev.sightline.operator.model.GeneratedNames;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** prometheus-operator AlertmanagerConfig (routing and inhibition); with spec.routing.enabled, where its CRD is. */
@KubernetesDependent(informer = @Informer(labelSelector = OwnedDependent.MANAGED_SELECTOR,
    itemStore = PrunedItemStore.GeneratedObjects.class, informerListLimit = OwnedDependent.LIST_PAGE))
public class AlertmanagerConfigDependent extends OwnedDependent<AlertmanagerConfig> {
  public AlertmanagerConfigDependent() {
    super(AlertmanagerConfig.class);
  }

  @Override
  public boolean wanted(ObservedServiceModel model) {
    return model.routing().enabled();
  }

  @Override
  protected String name(ObservedServiceModel model) {
    return GeneratedNames.alertmanagerConfig(model.name());
  }

  @Override
  protected AlertmanagerConfig render(ObservedServiceModel model) {
    return AlertmanagerConfigRenderer.render(model);
  }
}
