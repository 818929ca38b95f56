package dev.sightline.operator.dependent;

import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.render.ServiceMonitorRenderer;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = OwnedDependent.MANAGED_SELECTOR,
    itemStore = PrunedItemStore.GeneratedObjects.class, informerListLimit = OwnedDependent.LIST_PAGE))
public class ServiceMonitorDependent extends OwnedDependent<ServiceMonitor> {
  public ServiceMonitorDependent() {
    super(ServiceMonitor.class);
  }

  @Override
  protected String name(ObservedServiceModel model) {
    return GeneratedNames.serviceMonitor(model.name());
  }

  @Override
  protected ServiceMonitor render(ObservedServiceModel model) {
    return ServiceMonitorRenderer.render(model);
  }
}
