package dev.sightline.operator.reconcile;

import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.Objectives;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.model.Slo;
import dev.sightline.operator.render.rules.BucketBoundary;
import dev.sightline.operator.render.rules.ObjectiveRules;
import dev.sightline.operator.status.StatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The objectives as status repeats them: the service-wide one, then the named ones, each with how its SLIs count. */
final class ObjectiveSummaries {
  private ObjectiveSummaries() {}

  static List<StatusBuilder.ObjectiveSummary> of(ObservedServiceModel model) {
    List<StatusBuilder.ObjectiveSummary> out = new ArrayList<>();
    Objectives o = model.objectives();
    out.add(new StatusBuilder.ObjectiveSummary(null, o.summary(), sli(model, true, o.latency()), null));
    for (Slo s : o.named()) {
      out.add(new StatusBuilder.ObjectiveSummary(s.name(), s.promise() + (s.perRoute() ? ", per route" : ""),
          sli(model, s.availability() != null, s.latency()), requests(model, s)));
    }
    return out;
  }

  /** How the latency SLI counts fast requests, or null without one. */
  static String latencySli(ObservedServiceModel model, Objectives.Latency latency) {
    if (latency == null || !model.metrics().names().hasLatency()) {
      return null;
    }
    switch (latency.method()) {
      case BUCKET:
        return BucketBoundary.describe(latency.thresholdSeconds());
      case NATIVE:
        return "native histogram: histogram_fraction(0, " + Numbers.format(latency.thresholdSeconds()) + ", ...)";
      case NONE:
        return "none: no bucket at or above the threshold";
      default:
        break;
    }
    Double below = latency.boundBelow();
    return "interpolated between " + BucketBoundary.describe(below == null ? 0 : below) + " and "
        + BucketBoundary.describe(latency.boundAtOrAbove());
  }

  private static String sli(ObservedServiceModel model, boolean availability, Objectives.Latency latency) {
    List<String> parts = new ArrayList<>();
    if (availability) {
      parts.add("availability from " + model.metrics().names().requestsTotal());
    }
    String l = latencySli(model, latency);
    if (l != null) {
      parts.add("latency " + (l.startsWith("le=") ? "from the bucket " + l : l));
    }
    return String.join("; ", parts);
  }

  /** Which requests a named objective counts, in PromQL matchers, e.g. uri=~"/checkout|/cart", method="POST". */
  private static String requests(ObservedServiceModel model, Slo s) {
    Map<String, String> m = ObjectiveRules.requestMatchers(model, s);
    return m.isEmpty() ? "every request"
        : String.join(", ", m.entrySet().stream().map(e -> e.getKey() + e.getValue()).toList());
  }
}
