package dev.sightline.operator.dependent;

import dev.sightline.operator.api.ObservedService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Reconcile precondition of the optional dependents: the spec asks for the object
 * ({@link OwnedDependent#wanted}); an unmet one deletes the object if it exists.
 */
public class Wanted implements Condition<HasMetadata, ObservedService> {
  @Override
  public boolean isMet(DependentResource<HasMetadata, ObservedService> dependent, ObservedService primary,
      Context<ObservedService> context) {
    return ((OwnedDependent<?>) dependent).wanted(Resolution.shared(context).model());
  }
}
