package dev.sightline.operator.render;

import dev.sightline.operator.model.Alerts;
import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Multi-window, multi-burn-rate SLO alerts (Google SRE workbook, "Alerting on SLOs"): a fast-burn
 * alert that pages and a slow-burn alert that opens a ticket, per objective. A window pair fires
 * when both its long and short window burn faster than the factor; the short window makes the
 * alert resolve soon after the burn stops.
 */
public final class BurnRateAlerts {
  /**
   * One window pair. factor = budget share consumed x SLO window hours / long window hours, as Sloth
   * computes it; for a 30d window that gives the workbook's 14.4, 6, 3 and 1.
   */
  public record WindowPair(String longWindow, String shortWindow, double budgetShare, boolean page) {
    public double factor(String sloWindow) {
      double sloHours = DurationParser.seconds(sloWindow) / 3600;
      return Numbers.round(budgetShare * sloHours / (DurationParser.seconds(longWindow) / 3600));
    }
  }

  public static final List<WindowPair> PAIRS = List.of(
      new WindowPair("1h", "5m", 0.02, true),
      new WindowPair("6h", "30m", 0.05, true),
      new WindowPair("1d", "2h", 0.10, false),
      new WindowPair("3d", "6h", 0.10, false));

  private BurnRateAlerts() {}

  private static Expr series(ObservedServiceModel spec, String record) {
    return Expr.of(PromQl.series(record, spec));
  }

  public static List<Rule> render(ObservedServiceModel spec) {
    Alerts.BudgetBurn bb = spec.alerts().budgetBurn();
    List<Rule> rules = new ArrayList<>();
    if (!bb.enabled()) {
      return rules;
    }
    String objective = Numbers.format(spec.objectives().availability()) + "% of requests succeed over " + spec.objectives().window();
    rules.addAll(pair(spec, "Availability", RecordingRules::errorRatio, spec.objectives().availabilityBudget(), objective,
        "failed"));
    if (spec.objectives().latency() != null && spec.metrics().names().hasLatency()) {
      String latencyObjective = Numbers.format(spec.objectives().latency().target()) + "% of requests faster than "
          + spec.objectives().latency().threshold() + " over " + spec.objectives().window();
      rules.addAll(pair(spec, "Latency", RecordingRules::slowRatio, spec.objectives().latency().budget(), latencyObjective,
          "were slower than " + spec.objectives().latency().threshold()));
    }
    return rules;
  }

  private static List<Rule> pair(
      ObservedServiceModel spec, String slo, Function<String, String> ratio, double budget, String objective, String what) {
    List<Rule> rules = new ArrayList<>();
    for (boolean page : new boolean[] {true, false}) {
      List<Expr> branches = new ArrayList<>();
      List<String> factors = new ArrayList<>();
      for (WindowPair p : PAIRS) {
        if (p.page() != page) {
          continue;
        }
        double f = p.factor(spec.objectives().window());
        double threshold = Numbers.round(f * budget);
        factors.add(Numbers.format(f) + "x over " + p.longWindow() + "/" + p.shortWindow());
        branches.add(Expr.block(series(spec, ratio.apply(p.longWindow())).gt(threshold), "and",
            series(spec, ratio.apply(p.shortWindow())).gt(threshold)));
      }
      Expr expr = Expr.grouped(Expr.lines("or", branches))
          .andOnService(GoldenSignalAlerts.traffic(spec, spec.alerts().budgetBurn().minRequestsPerSecond()));
      Alerts.Basics alert = new Alerts.Basics(true, null,
          page ? spec.alerts().pageSeverity() : spec.alerts().ticketSeverity());
      Rule rule = GoldenSignalAlerts.alert(spec, slo + "BudgetBurn" + (page ? "Fast" : "Slow"), alert, expr,
          spec.name() + " is burning its " + slo.toLowerCase() + " error budget " + (page ? "fast" : "slowly"),
          "{{ $value | humanizePercentage }} of the requests to " + spec.name() + " in namespace " + spec.namespace()
              + " " + what + " (objective: " + objective + "; error budget " + Numbers.format(budget * 100)
              + "%). Burn rate above " + String.join(" or ", factors) + ": at this pace the budget is gone "
              + (page ? "within days" : "before the window ends") + ".");
      rule.setKeepFiringFor(spec.alerts().budgetBurn().keepFiringFor());
      rules.add(rule);
    }
    return rules;
  }
}
