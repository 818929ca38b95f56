package dev.sightline.operator.render.rules;

import dev.sightline.operator.render.Expr;
import dev.sightline.operator.render.PromQl;
import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.model.ApiSpelling;
import dev.sightline.operator.model.MetricNames;
import dev.sightline.operator.model.ObservedServiceModel;
import java.util.ArrayList;
import java.util.List;

/**
 * AvailabilitySliMissing: the service's targets expose another built-in convention's request counter
 * while the configured one has no series, so the error ratio, the budget and every alert on them read
 * nothing. Evidence of another counter, not merely an absent one: a service that has served no request
 * since it started has no request series in most client libraries, and that is not a fault. The alert
 * carries the convention found as its {@code found} label, the same finding as the MetricsFound
 * condition, so the person it reaches learns the fix.
 */
final class SliMissing {
  static final String FOUND_LABEL = "found";

  private SliMissing() {}

  /** The built-in conventions whose request counter differs from this service's, in a fixed order. */
  static List<MetricConvention> otherConventions(ObservedServiceModel m) {
    List<MetricConvention> out = new ArrayList<>();
    for (MetricConvention c : MetricConvention.values()) {
      MetricNames names = MetricNames.CONVENTIONS.get(c);
      if (names != null && !names.requestsTotal().equals(m.metrics().names().requestsTotal())) {
        out.add(c);
      }
    }
    return out;
  }

  static Expr expr(ObservedServiceModel m) {
    List<Expr> found = new ArrayList<>();
    for (MetricConvention c : otherConventions(m)) {
      found.add(Expr.call("label_replace",
          Expr.aggregate("count", Expr.BY_SERVICE, PromQl.expr(MetricNames.CONVENTIONS.get(c).requestsTotal(), m)),
          Expr.of(PromQl.quote(FOUND_LABEL)), Expr.of(PromQl.quote(ApiSpelling.of(c))), Expr.of("\"\""),
          Expr.of("\"\"")));
    }
    return Expr.grouped(Expr.lines("or", found))
        .then("unless on (" + Expr.BY_SERVICE + ")", PromQl.expr(RecordingRules.REQUESTS_RATE5M, m));
  }

  static String description(ObservedServiceModel m) {
    return "Prometheus scrapes {{ $labels." + FOUND_LABEL + " }}'s request counter from " + m.name()
        + " in namespace " + m.namespace() + " but no " + m.metrics().names().requestsTotal() + " series (metrics"
        + ".convention " + ApiSpelling.of(m.metrics().convention()) + "): the availability SLI, HighErrorRate,"
        + " AllRequestsFail and the burn-rate alerts read nothing and cannot fire. The metrics were renamed (a"
        + " library upgrade or new instrumentation): set metrics.convention: {{ $labels." + FOUND_LABEL + " }}"
        + " (or metrics.custom) in ObservedService " + m.namespace() + "/" + m.name() + "; its MetricsFound"
        + " condition says the same (kubectl describe observedservice -n " + m.namespace() + " " + m.name() + ").";
  }
}
