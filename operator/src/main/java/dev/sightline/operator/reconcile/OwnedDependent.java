package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** A typed generated object: rendered from the model, applied server-side, never stolen. */
abstract class OwnedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, ObservedService> {
  /** Informers only cache what Sightline generated, not every ConfigMap in the cluster. */
  static final String MANAGED_SELECTOR = "app.kubernetes.io/managed-by=sightline";

  OwnedDependent(Class<R> type) {
    super(type);
  }

  protected abstract R render(ObservedServiceModel model);

  /** The reference status.generated lists once this dependent has applied its object. */
  GeneratedObject generated(ObservedService primary, Context<ObservedService> context) {
    R desired = desired(primary, context);
    return new GeneratedObject(desired.getApiVersion(), desired.getKind(), desired.getMetadata().getName());
  }

  @Override
  protected R desired(ObservedService primary, Context<ObservedService> context) {
    return render(Resolved.of(primary, context));
  }

  @Override
  public R create(R desired, ObservedService primary, Context<ObservedService> context) {
    return ClashGuard.create(
        desired, primary, context,
        () -> super.create(desired, primary, context),
        existing -> super.update(existing, desired, primary, context));
  }
}
