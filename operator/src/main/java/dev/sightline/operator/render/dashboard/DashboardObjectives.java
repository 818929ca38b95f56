package dev.sightline.operator.render.dashboard;

import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.model.Slo;
import dev.sightline.operator.render.Expr;
import dev.sightline.operator.render.dashboard.DashboardPanels.Q;
import dev.sightline.operator.render.dashboard.DashboardVariables.Scope;
import dev.sightline.operator.render.rules.RecordingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One row per named objective (spec.slos), after the service-wide SLO row: its budgets left, its SLIs and its
 * burn rates; a grouped objective's series are per route, and its row starts with its routes by budget left,
 * worst first.
 */
final class DashboardObjectives {
  private DashboardObjectives() {}

  static DashboardPanels.RenderedRow row(ObservedServiceModel m, Slo slo, Q q) {
    String route = m.metrics().names().routeLabel();
    String per = slo.perRoute() ? "{{" + route + "}} " : "";
    boolean latency = m.latencySli(slo.latency());
    List<Panel> panels = new ArrayList<>();
    if (slo.perRoute()) {
      Panel worst = Panel.bargauge("Routes by budget left, worst first", "Each route's error budget left over "
          + slo.window() + ", the lowest first; 100% = untouched, below 0 = objective missed on that route.",
          "percentunit").base("red").step(0.0001, "orange").step(0.25, "green").size(24, 8);
      if (slo.availability() != null) {
        worst.query(Expr.call("sort", Expr.of(q.recorded(RecordingRules.budgetRemaining("availability"), slo))),
            "{{" + route + "}} availability");
      }
      if (latency) {
        worst.query(Expr.call("sort", Expr.of(q.recorded(RecordingRules.budgetRemaining("latency"), slo))),
            "{{" + route + "}} latency");
      }
      panels.add(worst);
    }
    Panel budget = Panel.timeseries("Error budget remaining", "Share of the " + slo.window() + " error budget of "
        + slo.name() + " left; 100% = untouched, 0 = objective missed. No line: no request of it in the window.",
        "percentunit");
    Panel sli = Panel.timeseries("SLI (5m)", "Share of " + slo.name() + "'s requests that were good over the last 5"
        + " minutes, against the objective (dashed: the target).", "percentunit");
    if (slo.availability() != null) {
      budget.query(Expr.of(q.recorded(RecordingRules.budgetRemaining("availability"), slo)), per + "availability");
      sli.query(Expr.number(1).inline("-", Expr.of(q.recorded(RecordingRules.errorRatio("5m"), slo))),
          per + "availability").step(slo.availability() / 100, "green");
    }
    if (latency) {
      budget.query(Expr.of(q.recorded(RecordingRules.budgetRemaining("latency"), slo)), per + "latency");
      sli.query(Expr.number(1).inline("-", Expr.of(q.recorded(RecordingRules.slowRatio("5m"), slo))),
          per + "faster than " + slo.latency().threshold());
    }
    panels.add(budget);
    panels.add(sli);
    if (slo.availability() != null) {
      panels.add(burn(m, slo, q, "Availability burn rate", RecordingRules::errorRatio, slo.availabilityBudget(), per));
    }
    if (latency) {
      panels.add(burn(m, slo, q, "Latency burn rate", RecordingRules::slowRatio, slo.latency().budget(), per));
    }
    // the dashboard's instance and route choices do not narrow an objective: it is the service's
    return new DashboardPanels.RenderedRow("SLO " + slo.name() + ": " + slo.promise()
        + (slo.perRoute() ? " per route" : "") + " (whole service)", Scope.SERVICE, panels);
  }

  private static Panel burn(ObservedServiceModel m, Slo slo, Q q, String title, Function<String, String> ratio,
      double budget, String per) {
    return DashboardPanels.burnRates(m, slo.window(), title + " (budget " + Numbers.format(budget * 100) + "%)",
        w -> Expr.of(q.recorded(ratio.apply(w), slo)), budget, per);
  }
}
