package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.model.ObservedServiceModel;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** Builds the model once per reconciliation and shares it between the dependents and the reconciler. */
final class Resolved {
  private static final String KEY = "sightline.model";

  private Resolved() {}

  static ObservedServiceModel of(ObservedService primary, Context<ObservedService> context) {
    var shared = context.managedWorkflowAndDependentResourceContext();
    return shared.get(KEY, ObservedServiceModel.class).orElseGet(() -> {
      // dependents run in parallel and may both build it: harmless, building is pure
      ObservedServiceModel model = ObservedServiceModel.fromCrd(primary);
      shared.put(KEY, model);
      return model;
    });
  }
}
