package dev.sightline.operator.dependent;

import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.model.ObservedServiceModel.Discovered;
import dev.sightline.operator.prometheus.LiveReport;
import dev.sightline.operator.prometheus.PrometheusChecks;
import dev.sightline.operator.prometheus.Selection;
import dev.sightline.operator.status.Check;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one reconciliation works from, built once before the workflow runs: the model with what
 * the cluster adds to the spec (the labels a Prometheus selects by; the convention and histogram layout
 * found, this cycle's or else the ones status keeps, so a restarted operator renders what it rendered
 * before), who selects the generated objects, the live checks' report and the Routed condition. The
 * dependents render from it; the reconciler reports it.
 *
 * @param report the live checks' report, or null when a selecting Prometheus was not asked yet
 * @param routed the Routed condition, or null without routing
 */
public record Resolution(ObservedServiceModel model, Selection selection, LiveReport report, Check routed) {

  /**
   * Resolves an ObservedService against the checks' last view of the cluster.
   *
   * @throws dev.sightline.operator.model.InvalidSpecException when the spec cannot be turned into objects
   */
  public static Resolution of(ObservedService primary, PrometheusChecks checks) {
    Optional<LiveReport> live = checks.last(primary);
    MetricConvention found = live.map(LiveReport::found).orElse(null);
    Histogram histogram = live.map(LiveReport::histogram).filter(Histogram::known)
        .orElseGet(() -> PrometheusChecks.lastHistogram(primary));
    ObservedServiceModel spec = ObservedServiceModel.fromCrd(primary,
        new Discovered(Map.of(), found != null ? found : PrometheusChecks.lastFound(primary), histogram));
    // who selects the objects depends on the labels the spec gives them, not on the ones added for a selector
    Selection selection = checks.selection(spec);
    ObservedServiceModel model = spec.withSelectorLabels(selection.addedLabels(), selection.addedRuleLabels());
    checks.remember(primary, model);
    return new Resolution(model, selection, checks.report(primary, model, selection), checks.routing(model));
  }

  /** Hands the resolution to the workflow's dependents and conditions. */
  public void share(Context<ObservedService> context) {
    context.managedWorkflowAndDependentResourceContext().put(Resolution.class, this);
  }

  /** The resolution the reconciler shared before running the workflow. */
  static Resolution shared(Context<ObservedService> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(Resolution.class, Resolution.class);
  }
}
