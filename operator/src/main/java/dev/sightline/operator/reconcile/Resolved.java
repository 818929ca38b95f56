package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.model.ObservedServiceModel.Discovered;
import dev.sightline.operator.prometheus.LiveReport;
import dev.sightline.operator.prometheus.PrometheusChecks;
import dev.sightline.operator.prometheus.Selection;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Map;

/**
 * Builds the model once per reconciliation and shares it between the dependents and the reconciler,
 * with what the cluster adds to the spec: the labels a Prometheus selects by, and the convention
 * found for metrics.convention auto (this cycle's, else the one status keeps).
 */
final class Resolved {
  private static final String MODEL = "sightline.model";
  private static final String SELECTION = "sightline.selection";

  private Resolved() {}

  static ObservedServiceModel of(ObservedService primary, Context<ObservedService> context) {
    var shared = context.managedWorkflowAndDependentResourceContext();
    return shared.get(MODEL, ObservedServiceModel.class).orElseGet(() -> {
      // dependents run in parallel and may both build it: harmless, building is pure
      MetricConvention found = live(context).map(LiveReport::found).orElse(null);
      // this cycle's layout, else the one status keeps: a restarted operator renders what it rendered before
      Histogram histogram = live(context).map(LiveReport::histogram).filter(Histogram::known)
          .orElseGet(() -> PrometheusChecks.lastHistogram(primary));
      Discovered discovered = new Discovered(Map.of(), found != null ? found : PrometheusChecks.lastFound(primary),
          histogram);
      ObservedServiceModel model = ObservedServiceModel.fromCrd(primary, discovered);
      Selection selection = checks(context).selection(model);
      if (!selection.addedLabels().isEmpty()) {
        model = ObservedServiceModel.fromCrd(primary,
            new Discovered(selection.addedLabels(), discovered.convention(), discovered.histogram()));
      }
      shared.put(SELECTION, selection);
      shared.put(MODEL, model);
      return model;
    });
  }

  /** The selection the model was built with (call {@link #of} first). */
  static Selection selection(Context<ObservedService> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(SELECTION, Selection.class);
  }

  /** The Routed condition: which Alertmanager picks up the AlertmanagerConfig; null without routing. */
  static LiveReport.Check routing(Context<ObservedService> context, ObservedServiceModel model) {
    return checks(context).routing(model);
  }

  /** The live checks' report on this ObservedService (call {@link #of} first), or null if not checked yet. */
  static LiveReport report(ObservedService primary, Context<ObservedService> context) {
    return checks(context).report(primary, of(primary, context), selection(context));
  }

  private static java.util.Optional<LiveReport> live(Context<ObservedService> context) {
    return context.getSecondaryResource(LiveReport.class);
  }

  private static PrometheusChecks checks(Context<ObservedService> context) {
    return (PrometheusChecks) context.eventSourceRetriever().getEventSourceFor(LiveReport.class);
  }
}
