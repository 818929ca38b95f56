package dev.sightline.operator.render.dashboard;

import dev.sightline.operator.render.rules.RecordingRules;
import dev.sightline.operator.render.Expr;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.Objectives;
import dev.sightline.operator.model.ObservedServiceModel;
import java.util.List;

/**
 * Apdex: the share of requests that satisfy (at most T) plus half of those that are tolerated (at most
 * 4T), T being the latency objective's threshold (or HighLatency's without an objective). Counted from
 * the histogram by the latency SLI's rules: the bucket at the bound when there is one (exact), the native
 * histogram's fraction, or linear interpolation between the buckets around it.
 */
final class DashboardApdex {
  private DashboardApdex() {}

  /** Whether both bounds can be counted from the histogram Prometheus has. */
  static boolean applies(ObservedServiceModel m) {
    return bounds(m).stream().noneMatch(b -> b.method() == Objectives.Latency.Method.NONE);
  }

  static Expr expr(ObservedServiceModel m, DashboardPanels.Q q) {
    List<Objectives.Latency> b = bounds(m);
    if (m.metrics().nativeOnly()) {
      Expr histogram = q.sumRate(q.nativeHistogram());
      return Expr.grouped(fraction(b.get(0), histogram).then("+", fraction(b.get(1), histogram))).inline("/", Expr.number(2));
    }
    return Expr.block(Expr.grouped(atMost(b.get(0), q).then("+", atMost(b.get(1), q))), "/",
        Expr.number(2).inline("*", q.sumRate(q.bucket("+Inf"))));
  }

  static String description(ObservedServiceModel m) {
    double t = DashboardPanels.latencyThreshold(m);
    StringBuilder how = new StringBuilder();
    for (Objectives.Latency b : bounds(m)) {
      how.append(how.length() == 0 ? "" : "; ").append(Numbers.format(b.thresholdSeconds())).append(" s: ")
          .append(switch (b.method()) {
            case BUCKET -> "its bucket (exact)";
            case NATIVE -> "the native histogram's fraction";
            case INTERPOLATED -> "interpolated between the buckets " + (b.boundBelow() == null ? "0"
                : Numbers.format(b.boundBelow())) + " and " + Numbers.format(b.boundAtOrAbove()) + " s";
            case NONE -> "no bucket";
          });
    }
    return "Apdex with T = " + Numbers.format(t) + " s: (requests under T + half of those under 4T but over T)"
        + " / all requests; 1 = every request satisfied. Counted as the latency SLI counts: " + how + ".";
  }

  /** T and 4T, each with the histogram layout Prometheus has, to count requests at or under it. */
  private static List<Objectives.Latency> bounds(ObservedServiceModel m) {
    double t = DashboardPanels.latencyThreshold(m);
    return List.of(bound(m, t), bound(m, Numbers.round(4 * t)));
  }

  private static Objectives.Latency bound(ObservedServiceModel m, double seconds) {
    return new Objectives.Latency(Numbers.format(seconds) + "s", seconds, 0, m.metrics().histogram());
  }

  private static Expr fraction(Objectives.Latency b, Expr histogram) {
    return Expr.call("histogram_fraction", Expr.number(0), Expr.number(b.thresholdSeconds()), histogram);
  }

  /** Requests per second at or under the bound, as the latency SLI counts them. */
  private static Expr atMost(Objectives.Latency b, DashboardPanels.Q q) {
    return RecordingRules.atOrUnder(b, bound -> q.sumRate(q.bucket(bound)), () -> q.sumRate(q.nativeHistogram()));
  }
}
