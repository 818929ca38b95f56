package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.render.ResolvedSpec;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** Resolves the spec once per reconciliation and shares it between the dependents. */
final class Resolved {
  private static final String KEY = "sightline.resolvedSpec";

  private Resolved() {}

  static ResolvedSpec of(ObservedService primary, Context<ObservedService> context) {
    var shared = context.managedWorkflowAndDependentResourceContext();
    return shared.get(KEY, ResolvedSpec.class).orElseGet(() -> {
      // dependents run in parallel and may both compute it: harmless, rendering is pure
      ResolvedSpec spec = ResolvedSpec.of(primary);
      shared.put(KEY, spec);
      return spec;
    });
  }
}
