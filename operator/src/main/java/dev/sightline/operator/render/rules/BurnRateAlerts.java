package dev.sightline.operator.render.rules;

import dev.sightline.operator.render.Expr;
import dev.sightline.operator.render.PromQl;
import dev.sightline.operator.model.Alerts;
import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.Objectives;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.model.Slo;
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

  /**
   * One error budget the alerts watch: the service's availability or latency, or a named objective's.
   *
   * @param kind Availability or Latency, the start of the alert names
   * @param slo the named objective, or null for the service-wide objective
   * @param ratio the recorded bad-request ratio over a window
   * @param requests the recorded request rate over a window
   * @param budget the error budget as a ratio
   * @param window the SLO window
   * @param objective the objective in words
   * @param what what the bad requests did, in words
   */
  record Budget(String kind, Slo slo, Function<String, String> ratio, Function<String, String> requests,
      double budget, String window, String objective, String what) {}

  /**
   * The budgets watched: none when off; the service's availability, and latency when its SLI exists; then per named
   * objective its availability and latency, likewise.
   */
  static List<Budget> budgets(ObservedServiceModel model) {
    List<Budget> out = new ArrayList<>();
    if (!model.alerts().budgetBurn().enabled()) {
      return out;
    }
    Objectives o = model.objectives();
    out.add(new Budget(AVAILABILITY, null, RecordingRules::errorRatio, RecordingRules::requestsRate,
        o.availabilityBudget(), o.window(), Numbers.format(o.availability()) + "% of requests succeed over "
        + o.window(), "failed"));
    if (model.latencySli()) {
      out.add(latency(null, o.latency(), o.window(), RecordingRules::slowRatio, RecordingRules::requestsRate));
    }
    for (Slo s : o.named()) {
      Function<String, String> requests = w -> ObjectiveRules.perObjective(RecordingRules.requestsRate(w));
      if (s.availability() != null) {
        out.add(new Budget(AVAILABILITY, s, w -> ObjectiveRules.perObjective(RecordingRules.errorRatio(w)), requests,
            s.availabilityBudget(), s.window(), Numbers.format(s.availability()) + "% of " + s.name()
            + " requests succeed over " + s.window(), "failed"));
      }
      if (model.latencySli(s.latency())) {
        out.add(latency(s, s.latency(), s.window(), w -> ObjectiveRules.perObjective(RecordingRules.slowRatio(w)),
            requests));
      }
    }
    return out;
  }

  private static Budget latency(Slo slo, Objectives.Latency l, String window, Function<String, String> ratio,
      Function<String, String> requests) {
    return new Budget(LATENCY, slo, ratio, requests, l.budget(), window, Numbers.format(l.target()) + "% of "
        + (slo == null ? "" : slo.name() + " ") + "requests faster than " + l.threshold() + " over " + window,
        "were slower than " + l.threshold());
  }

  /**
   * The alert names (without the prefix) render gives, in its order and once each: per budget kind the fast, then
   * the slow burn.
   */
  static List<String> names(ObservedServiceModel model) {
    return budgets(model).stream().flatMap(b -> Stream.of(name(b.kind(), true), name(b.kind(), false)))
        .distinct().toList();
  }

  private static String name(String kind, boolean page) {
    return kind + "BudgetBurn" + (page ? "Fast" : "Slow");
  }

  /** The burn-rate alerts of the service's group: the service-wide ones, and the named objectives' fast-burn pages. */
  public static List<Rule> render(ObservedServiceModel model) {
    List<Rule> rules = new ArrayList<>();
    for (Budget b : budgets(model)) {
      rules.add(alert(model, b, true));
      if (b.slo() == null) {
        rules.add(alert(model, b, false));
      }
    }
    return rules;
  }

  /** The named objectives' slow-burn tickets, for the group of their slow parts ({@link ObjectiveRules#slow}). */
  static List<Rule> tickets(ObservedServiceModel model) {
    List<Rule> rules = new ArrayList<>();
    for (Budget b : budgets(model)) {
      if (b.slo() != null) {
        rules.add(alert(model, b, false));
      }
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

  /** The fast-burn page ({@code page}) or the slow-burn ticket of one budget. */
  private static Rule alert(ObservedServiceModel model, Budget b, boolean page) {
    Function<String, Expr> series = name -> Expr.of(b.slo() == null ? PromQl.series(name, model)
        : ObjectiveRules.series(model, b.slo(), name));
    List<Expr> branches = new ArrayList<>();
    List<String> factors = new ArrayList<>();
    for (Windows.Pair p : Windows.PAIRS) {
      if (p.page() != page) {
        continue;
      }
      double f = p.factor(b.window());
      double threshold = Numbers.round(f * b.budget());
      String longWindow = Windows.atLeastFourScrapes(model, p.longWindow());
      String shortWindow = Windows.atLeastFourScrapes(model, p.shortWindow());
      factors.add(Numbers.format(f) + "x over " + longWindow + "/" + shortWindow);
      // the guard counts the long window's requests: a small service's outage still pages, and a page holds
      // while callers back off to a trickle of failing retries
      Expr requests = series.apply(b.requests().apply(longWindow))
          .inline("*", Expr.number(DurationParser.seconds(longWindow)));
      Expr both = Expr.block(beyondChance(series.apply(b.ratio().apply(longWindow)), threshold, requests), "and",
          series.apply(b.ratio().apply(shortWindow)).gt(threshold));
      Expr enough = Expr.grouped(requests).gte(model.alerts().budgetBurn().minRequests());
      branches.add(b.slo() == null ? both.andOnService(enough)
          : both.then("and on (" + ObjectiveRules.labels(model, b.slo()) + ")", enough));
    }
    Expr expr = Expr.grouped(Expr.lines("or", branches));
    Alerts.Basics alert = new Alerts.Basics(true, null,
        page ? model.alerts().pageSeverity() : model.alerts().ticketSeverity(), model.alerts().budgetBurn().keepFiringFor());
    String whose = b.slo() == null ? model.name() + " is burning its " + b.kind().toLowerCase()
        : model.name() + " is burning the " + b.kind().toLowerCase() + " error budget of objective " + b.slo().name()
        + (b.slo().perRoute() ? " on route {{ $labels." + model.metrics().names().routeLabel() + " }}" : "");
    String requestsOf = b.slo() == null ? "the requests to " + model.name()
        : "the " + b.slo().name() + " requests" + (b.slo().perRoute() ? " to route {{ $labels."
        + model.metrics().names().routeLabel() + " }}" : "") + " of " + model.name();
    Rule rule = GoldenSignalAlerts.alert(model, name(b.kind(), page), alert, expr,
        whose + (b.slo() == null ? " error budget " : " ") + (page ? "fast" : "slowly"),
        "{{ $value | humanizePercentage }} of " + requestsOf + " in namespace " + model.namespace()
            + " " + b.what() + " (objective: " + b.objective() + "; error budget " + Numbers.format(b.budget() * 100)
            + "%). Burn rate above " + String.join(" or ", factors) + ": at this pace the budget is gone "
            + (page ? "within days" : "before the window ends") + ".");
    if (b.slo() != null) {
      rule.getLabels().put(ObjectiveRules.SLO_LABEL, b.slo().name()); // its series carry it too; said, not inferred
    }
    return rule;
  }
}
