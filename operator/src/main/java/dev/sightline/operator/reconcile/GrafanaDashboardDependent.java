package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.render.GrafanaDashboardRenderer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** grafana-operator GrafanaDashboard; active only where its CRD is installed. */
@KubernetesDependent(informer = @Informer(labelSelector = OwnedDependent.MANAGED_SELECTOR))
public class GrafanaDashboardDependent extends GenericKubernetesDependentResource<ObservedService>
    implements Creator<GenericKubernetesResource, ObservedService>,
        Updater<GenericKubernetesResource, ObservedService>,
        GarbageCollected<ObservedService> {
  public static final GroupVersionKind GVK =
      new GroupVersionKind(GrafanaDashboardRenderer.API_VERSION, GrafanaDashboardRenderer.KIND);

  public GrafanaDashboardDependent() {
    super(GVK);
  }

  @Override
  protected GenericKubernetesResource desired(ObservedService primary, Context<ObservedService> context) {
    return GrafanaDashboardRenderer.render(Resolved.of(primary, context));
  }

  @Override
  public GenericKubernetesResource create(
      GenericKubernetesResource desired, ObservedService primary, Context<ObservedService> context) {
    return ClashGuard.create(
        desired, primary, context,
        () -> super.create(desired, primary, context),
        existing -> super.update(existing, desired, primary, context));
  }

  @Override
  public void delete(ObservedService primary, Context<ObservedService> context) {
    handleDelete(primary, getSecondaryResource(primary, context).orElse(null), context);
  }
}
