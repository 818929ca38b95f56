package dev.sightline.operator.dependent;

import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** A typed generated object: rendered from the model, applied server-side, never stolen. */
public abstract class OwnedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, ObservedService> {
  /** Informers only cache what Sightline generated, not every ConfigMap in the cluster. */
  static final String MANAGED_SELECTOR = GeneratedNames.MANAGED_BY + "=" + GeneratedNames.MANAGER;

  OwnedDependent(Class<R> type) {
    super(type);
  }

  protected abstract R render(ObservedServiceModel model);

  /** Whether the spec asks for this object; an object no longer wanted is deleted ({@link Wanted}). */
  public boolean wanted(ObservedServiceModel model) {
    return true;
  }

  /** The name of the generated object (the one GeneratedNames gives the renderer). */
  protected abstract String name(ObservedServiceModel model);

  /** The reference status.generated lists once this dependent has applied its object; no second render. */
  public GeneratedObject generated(ObservedServiceModel model) {
    return new GeneratedObject(HasMetadata.getApiVersion(resourceType()), HasMetadata.getKind(resourceType()),
        name(model));
  }

  @Override
  protected R desired(ObservedService primary, Context<ObservedService> context) {
    return render(Resolution.shared(context).model());
  }

  @Override
  public R create(R desired, ObservedService primary, Context<ObservedService> context) {
    return ClashGuard.create(
        desired, primary, context,
        () -> super.create(desired, primary, context),
        existing -> super.update(existing, desired, primary, context));
  }
}
