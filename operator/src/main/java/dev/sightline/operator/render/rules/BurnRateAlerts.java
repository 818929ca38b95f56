package dev.sightline.operator.render.rules;

import dev.sightline.operator.render.Expr;
import dev.sightline.operator.render.PromQl;
import dev.sightline.operator.model.Alerts;
import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Multi-window, multi-burn-rate SLO alerts (Google SRE workbook, "Alerting on SLOs"): a fast-burn
 * alert that pages and a slow-burn alert that opens a ticket, per objective. A window pair fires
 * when both its long and short window burn faster than the factor; the short window makes the
 * alert resolve soon after the burn stops.
 */
public final class BurnRateAlerts {
  private static final String AVAILABILITY = "Availability";
  private static final String LATENCY = "Latency";

  /** Standard errors of chance a long window's ratio must clear above the threshold. */
  static final double CHANCE_MARGIN = 2;

  private BurnRateAlerts() {}

  /** The objectives whose budgets are watched: none when off, availability, and latency when its SLI exists. */
  static List<String> objectives(ObservedServiceModel model) {
    if (!model.alerts().budgetBurn().enabled()) {
      return List.of();
    }
    return model.latencySli() ? List.of(AVAILABILITY, LATENCY) : List.of(AVAILABILITY);
  }

  /** The alert names (without the prefix) render gives, in its order: per objective the fast, then the slow burn. */
  static List<String> names(ObservedServiceModel model) {
    return objectives(model).stream().flatMap(o -> Stream.of(name(o, true), name(o, false))).toList();
  }

  private static String name(String objective, boolean page) {
    return objective + "BudgetBurn" + (page ? "Fast" : "Slow");
  }

  public static List<Rule> render(ObservedServiceModel model) {
    List<String> objectives = objectives(model);
    List<Rule> rules = new ArrayList<>();
    if (objectives.isEmpty()) {
      return rules;
    }
    String objective = Numbers.format(model.objectives().availability()) + "% of requests succeed over "
        + model.objectives().window();
    rules.addAll(pair(model, AVAILABILITY, RecordingRules::errorRatio, model.objectives().availabilityBudget(),
        objective, "failed"));
    if (objectives.contains(LATENCY)) {
      String latencyObjective = Numbers.format(model.objectives().latency().target()) + "% of requests faster than "
          + model.objectives().latency().threshold() + " over " + model.objectives().window();
      rules.addAll(pair(model, LATENCY, RecordingRules::slowRatio, model.objectives().latency().budget(),
          latencyObjective, "were slower than " + model.objectives().latency().threshold()));
    }
    return rules;
  }

  /**
   * The long window's ratio above the threshold by more than chance: by {@link #CHANCE_MARGIN} standard
   * errors of a count of failures at the threshold, sqrt(threshold / requests). At a busy service the
   * margin vanishes; on a quiet night's thousand requests, where a 0.5 % error rate gives five failures
   * give or take two, it takes about eleven to page for a 0.56 % threshold instead of six, which chance
   * alone reached night after night.
   */
  private static Expr beyondChance(Expr longRatio, double threshold, Expr requests) {
    return longRatio.inline(">", Expr.number(threshold).inline("+", Expr.number(CHANCE_MARGIN)
        .inline("*", Expr.call("sqrt", Expr.number(threshold).inline("/", Expr.of("(" + requests.text() + ")"))))));
  }

  private static List<Rule> pair(
      ObservedServiceModel model, String slo, Function<String, String> ratio, double budget, String objective,
      String what) {
    List<Rule> rules = new ArrayList<>();
    for (boolean page : new boolean[] {true, false}) {
      List<Expr> branches = new ArrayList<>();
      List<String> factors = new ArrayList<>();
      for (Windows.Pair p : Windows.PAIRS) {
        if (p.page() != page) {
          continue;
        }
        double f = p.factor(model.objectives().window());
        double threshold = Numbers.round(f * budget);
        String longWindow = Windows.atLeastFourScrapes(model, p.longWindow());
        String shortWindow = Windows.atLeastFourScrapes(model, p.shortWindow());
        factors.add(Numbers.format(f) + "x over " + longWindow + "/" + shortWindow);
        // the guard counts the long window's requests: a small service's outage still pages, and a page holds
        // while callers back off to a trickle of failing retries
        Expr requests = PromQl.expr(RecordingRules.requestsRate(longWindow), model)
            .inline("*", Expr.number(DurationParser.seconds(longWindow)));
        branches.add(Expr.block(beyondChance(PromQl.expr(ratio.apply(longWindow), model), threshold, requests), "and",
            PromQl.expr(ratio.apply(shortWindow), model).gt(threshold))
            .andOnService(Expr.grouped(requests).gte(model.alerts().budgetBurn().minRequests())));
      }
      Expr expr = Expr.grouped(Expr.lines("or", branches));
      Alerts.Basics alert = new Alerts.Basics(true, null,
          page ? model.alerts().pageSeverity() : model.alerts().ticketSeverity(), model.alerts().budgetBurn().keepFiringFor());
      Rule rule = GoldenSignalAlerts.alert(model, name(slo, page), alert, expr,
          model.name() + " is burning its " + slo.toLowerCase() + " error budget " + (page ? "fast" : "slowly"),
          "{{ $value | humanizePercentage }} of the requests to " + model.name() + " in namespace " + model.namespace()
              + " " + what + " (objective: " + objective + "; error budget " + Numbers.format(budget * 100)
              + "%). Burn rate above " + String.join(" or ", factors) + ": at this pace the budget is gone "
              + (page ? "within days" : "before the window ends") + ".");
      rules.add(rule);
    }
    return rules;
  }
}
