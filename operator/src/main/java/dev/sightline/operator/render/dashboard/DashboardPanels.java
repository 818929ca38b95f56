package dev.sightline.operator.render.dashboard;

import dev.sightline.operator.render.rules.RecordingRules;
import dev.sightline.operator.render.rules.Windows;
import dev.sightline.operator.render.rules.BucketBoundary;
import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import dev.sightline.operator.render.Expr;
import dev.sightline.operator.render.PromQl;
import dev.sightline.operator.model.MetricNames;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.model.Slo;
import dev.sightline.operator.render.rules.ObjectiveRules;
import dev.sightline.operator.render.dashboard.DashboardVariables.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The dashboard's rows and panels as data, in the order they are laid out: each row answers one
 * question ("is it user-visible, is it getting worse, where do I look"), honours the choices of its
 * {@link Scope}, and each entry is one panel and when it applies. A new panel is one entry.
 */
final class DashboardPanels {
  /** A row: its title, the choices its panels honour, and its panels. A row none of whose panels applies is left out. */
  record Row(Function<ObservedServiceModel, String> title, Scope scope, List<Entry> panels) {}

  /** One panel and the models it applies to; the panel is made for the row's scope. */
  record Entry(Predicate<ObservedServiceModel> applies, BiFunction<ObservedServiceModel, Q, Panel> panel) {}

  /** A rendered row: its title, its scope and its panels. */
  record RenderedRow(String title, Scope scope, List<Panel> panels) {}

  static final String RATE = "$__rate_interval";

  /** The service-wide SLO row; the named objectives' rows follow it ({@link DashboardObjectives}). */
  static final Row SERVICE_SLO = new Row(m -> "SLO: " + m.objectives().summary() + ", whole service", Scope.SERVICE,
      List.of(
          always((m, q) -> {
            Panel p = Panel.timeseries("Error budget remaining", "Share of the " + m.objectives().window()
                + " error budget left; 100% = untouched, 0 = objective missed.", "percentunit")
                .query(Expr.of(q.recorded(RecordingRules.budgetRemaining("availability"))), "availability");
            return latencySlo(m)
                ? p.query(Expr.of(q.recorded(RecordingRules.budgetRemaining("latency"))), "latency") : p;
          }),
          always((m, q) -> burnRates(m, q, "Availability burn rate", RecordingRules::errorRatio,
              m.objectives().availabilityBudget())),
          when(DashboardPanels::latencySlo, (m, q) -> burnRates(m, q, "Latency burn rate", RecordingRules::slowRatio,
              m.objectives().latency().budget()).size(24, 8))));

  static final List<Row> ROWS = List.of(
      new Row(m -> "Now: is it user-visible?", Scope.INSTANCES, List.of(
          always((m, q) -> Panel.stat("Targets up", "Scrape targets Prometheus reaches (up == 1) of those it tries: if"
                  + " none is up, Prometheus does not see the service and nothing else here is current.", "none")
              .query(orZero(Expr.call("sum", Expr.of(q.series("up")))), "up")
              .query(orZero(Expr.call("count", Expr.of(q.series("up")))), "of")
              .withNames().base("red").step(1, "green").size(3, 4)),
          always((m, q) -> Panel.stat("Request rate", "Requests per second.", "reqps")
              .query(orZero(q.sumRate(q.requests())))),
          always((m, q) -> Panel.stat("Error ratio", "Share of requests that failed (status matching "
                  + m.metrics().errorStatusRegex() + "); red at the HighErrorRate threshold.", "percentunit")
              .query(Expr.grouped(orZero(q.sumRate(q.errors()))).inline("/", q.sumRate(q.requests())))
              .step(errorThreshold(m) / 2, "orange").step(errorThreshold(m), "red")),
          when(DashboardPanels::latency, (m, q) -> latencyTile(m, q, alertPercentile(m), true)),
          when(DashboardPanels::latency, (m, q) -> latencyTile(m, q, otherPercentile(m), false)),
          when(DashboardPanels::apdex, (m, q) -> Panel.stat("Apdex", DashboardApdex.description(m), "percentunit")
              .query(DashboardApdex.expr(m, q)).base("red").step(0.7, "orange").step(0.85, "green")),
          when(m -> names(m).inFlight() != null, (m, q) -> Panel.stat("In flight", "Requests being handled right now.",
                  "none")
              .query(orZero(Expr.call("sum", Expr.of(q.series(names(m).inFlight())))))))),
      new Row(m -> "Alerts and objectives: whole service", Scope.SERVICE, List.of(
          always(DashboardPanels::alertState),
          always((m, q) -> budgetLeft(Panel.stat("Availability budget left", "Error budget of the "
              + Numbers.format(m.objectives().availability()) + "% objective left over the " + m.objectives().window()
              + " window; below 0 the objective is missed.", "percentunit")
              .query(Expr.of(q.recorded(RecordingRules.budgetRemaining("availability")))))),
          when(DashboardPanels::latencySlo, (m, q) -> budgetLeft(Panel.stat("Latency budget left", "Error budget of the "
              + Numbers.format(m.objectives().latency().target()) + "% under " + m.objectives().latency().threshold()
              + " objective left over " + m.objectives().window() + ".", "percentunit")
              .query(Expr.of(q.recorded(RecordingRules.budgetRemaining("latency")))))))),
      new Row(m -> "Patterns: is it getting worse?", Scope.ROUTES, List.of(
          always((m, q) -> Panel.timeseries("Requests by status", "Requests per second by HTTP status.", "reqps")
              .query(q.sumRate(names(m).statusLabel(), q.requests()), "{{" + names(m).statusLabel() + "}}")),
          always((m, q) -> Panel.timeseries("Requests by route", "The 10 busiest routes, requests per second.", "reqps")
              .query(top10(q.sumRate(names(m).routeLabel(), q.requests())), "{{" + names(m).routeLabel() + "}}")),
          when(DashboardPanels::latency, (m, q) -> {
            Panel p = Panel.timeseries("Latency percentiles", "p50, p95 and p99 request duration.", "s");
            for (int percentile : RecordingRules.PERCENTILES) {
              p.query(q.quantile(percentile, ""), "p" + percentile);
            }
            return p.step(latencyThreshold(m), "red");
          }),
          when(DashboardPanels::classicBuckets, (m, q) -> Panel.heatmap("Latency distribution", "Requests per duration"
                  + " bucket over time; a band moving up is a regression.", "s")
              .query(q.sumRate("le", q.buckets()), "{{le}}")))),
      new Row(m -> "Pain: where do I look?", Scope.ROUTES, List.of(
          always((m, q) -> Panel.timeseries("Errors by route", "Failed requests per second on the 10 worst routes;"
                  + " 0 on routes without errors.", "reqps")
              .query(top10(errorsBy(q, names(m).routeLabel())), "{{" + names(m).routeLabel() + "}}")),
          always((m, q) -> {
            String cause = names(m).exceptionLabel() != null ? names(m).exceptionLabel() : names(m).statusLabel();
            return Panel.timeseries("Errors by " + (names(m).exceptionLabel() != null ? "exception" : "status"),
                    "Failed requests per second by " + cause + "; 0 while none fails.", "reqps")
                .query(errorsBy(q, cause), "{{" + cause + "}}");
          }),
          when(DashboardPanels::latency, (m, q) -> Panel.bargauge("Slowest routes (p" + alertPercentile(m) + ")",
                  alertPercentile(m) + "th percentile duration of the 10 slowest routes.", "s")
              .query(top10(q.quantile(alertPercentile(m), names(m).routeLabel())), "{{" + names(m).routeLabel() + "}}")
              .step(latencyThreshold(m), "red").size(24, 8)))),
      SERVICE_SLO,
      new Row(m -> "Saturation", Scope.INSTANCES, DashboardSaturation.ENTRIES));

  private DashboardPanels() {}

  /** The rows that apply to a model, with their panels; rows without a panel are left out. */
  static List<RenderedRow> of(ObservedServiceModel model) {
    List<RenderedRow> rows = new ArrayList<>();
    for (Row row : ROWS) {
      Q q = new Q(model, row.scope());
      List<Panel> panels = row.panels().stream()
          .map(e -> e.applies().test(model) ? Optional.of(e.panel().apply(model, q)) : Optional.<Panel>empty())
          .flatMap(Optional::stream)
          .toList();
      if (!panels.isEmpty()) {
        rows.add(new RenderedRow(row.title().apply(model), row.scope(), panels));
      }
      if (row == SERVICE_SLO) {
        for (Slo slo : model.objectives().named()) {
          rows.add(DashboardObjectives.row(model, slo, new Q(model, Scope.SERVICE)));
        }
      }
    }
    return rows;
  }

  /**
   * The queries of one row: the service's series narrowed by the row's choices, and the expressions
   * built on them (rates over Grafana's $__rate_interval, at least four scrapes).
   */
  record Q(ObservedServiceModel m, Scope scope) {
    /** A series of the job that has no route label (up, JVM, in flight). */
    String series(String metric) {
      return series(metric, Map.of());
    }

    String series(String metric, Map<String, String> extra) {
      return DashboardVariables.series(m, scope, metric, false, extra);
    }

    /** A request series (counter or histogram): narrowed by route too where the row offers it. */
    String routed(String metric, Map<String, String> extra) {
      return DashboardVariables.series(m, scope, metric, true, extra);
    }

    /** A recording rule's series: keyed by {namespace, job} only. */
    String recorded(String rule) {
      return DashboardVariables.series(m, Scope.SERVICE, rule, false, Map.of());
    }

    /** A named objective's recorded series (its rule name at the objectives' level, with its slo). */
    String recorded(String rule, Slo slo) {
      return DashboardVariables.series(m, Scope.SERVICE, ObjectiveRules.perObjective(rule), false,
          Map.of(ObjectiveRules.SLO_LABEL, "=" + PromQl.quote(slo.name())));
    }

    String requests() {
      return routed(names(m).requestsTotal(), Map.of());
    }

    String errors() {
      return routed(names(m).requestsTotal(),
          Map.of(names(m).statusLabel(), "=~" + PromQl.quote(m.metrics().errorStatusRegex())));
    }

    String buckets() {
      return routed(names(m).bucket(), Map.of());
    }

    /** The bucket series with this upper bound, whatever its spelling (1 or 1.0). */
    String bucket(double bound) {
      return routed(names(m).bucket(), Map.of("le", "=~" + PromQl.quote(BucketBoundary.leRegex(bound))));
    }

    String bucket(String le) {
      return routed(names(m).bucket(), Map.of("le", "=" + PromQl.quote(le)));
    }

    /** The native histogram's rate: the histogram series itself. */
    String nativeHistogram() {
      return routed(names(m).durationHistogram(), Map.of());
    }

    Expr sumRate(String selector) {
      return Expr.call("sum", Expr.rate(selector, RATE));
    }

    Expr sumRate(String by, String selector) {
      return Expr.sumBy(by, Expr.rate(selector, RATE));
    }

    /** A percentile of the request duration, overall or by a label; from native buckets when the service has only those. */
    Expr quantile(int percentile, String by) {
      Expr q = Expr.number(percentile / 100.0);
      if (m.metrics().nativeOnly()) {
        Expr rate = Expr.rate(nativeHistogram(), RATE);
        return Expr.call("histogram_quantile", q, by.isEmpty() ? Expr.call("sum", rate) : Expr.sumBy(by, rate));
      }
      return Expr.call("histogram_quantile", q, sumRate(by.isEmpty() ? "le" : by + ", le", buckets()));
    }
  }

  static Entry always(BiFunction<ObservedServiceModel, Q, Panel> panel) {
    return new Entry(m -> true, panel);
  }

  static Entry when(Predicate<ObservedServiceModel> applies, BiFunction<ObservedServiceModel, Q, Panel> panel) {
    return new Entry(applies, panel);
  }

  /** The expression, or 0 when it has no series (a count of nothing is 0, not "No data"). */
  static Expr orZero(Expr e) {
    return e.inline("or", Expr.call("vector", Expr.number(0)));
  }

  /** Failed requests per second by a label, and 0 for the values of it that saw requests but no failure. */
  private static Expr errorsBy(Q q, String label) {
    return q.sumRate(label, q.errors()).inline("or", q.sumRate(label, q.requests()).inline("*", Expr.number(0)));
  }

  private static Panel latencyTile(ObservedServiceModel m, Q q, int percentile, boolean alerted) {
    String description = percentile + "th percentile request duration" + (alerted
        ? "; HighLatency watches it and pages above " + m.alerts().highLatency().threshold() + "." : ".");
    return Panel.stat("p" + percentile + " latency", description, "s").query(q.quantile(percentile, ""))
        .step(latencyThreshold(m), "red");
  }

  /** One tile per alert the service defines: Firing or OK, linked to its runbook and its rule in Grafana. */
  private static Panel alertState(ObservedServiceModel m, Q q) {
    Panel p = Panel.stat("Alerts", "Each alert Sightline defines for this service: Firing or OK. Links: its runbook"
            + (m.alerts().runbookUrlBase() != null ? "" : " (set alerts.runbookUrlBase)") + " and the rule in Grafana's"
            + " alert list (Prometheus' rules through the data source).", "none")
        .mapping(0, "OK", "green").mapping(1, "Firing", "red").size(12, 6);
    for (String alert : PrometheusRuleRenderer.alertNames(m)) {
      p.query(orZero(Expr.call("max", Expr.of(q.series("ALERTS",
          Map.of("alertname", "=" + PromQl.quote(alert), "alertstate", "=\"firing\""))))), alert);
      List<Panel.Link> links = new ArrayList<>();
      if (m.alerts().runbookUrlBase() != null) {
        links.add(new Panel.Link("Runbook: " + alert, m.alerts().runbookUrlBase() + "/" + alert));
      }
      links.add(new Panel.Link(alert + " in Grafana's alert list",
          "/alerting/list?search=datasource:%22${datasource:text}%22%20rule:%22" + alert + "%22"));
      p.links(links);
    }
    return p;
  }

  static MetricNames names(ObservedServiceModel m) {
    return m.metrics().names();
  }

  private static boolean latency(ObservedServiceModel m) {
    return names(m).hasLatency();
  }

  private static boolean classicBuckets(ObservedServiceModel m) {
    return names(m).hasLatency() && !m.metrics().nativeOnly();
  }

  private static boolean apdex(ObservedServiceModel m) {
    return names(m).hasLatency() && DashboardApdex.applies(m);
  }

  private static boolean latencySlo(ObservedServiceModel m) {
    return m.latencySli();
  }

  private static int alertPercentile(ObservedServiceModel m) {
    return m.alerts().highLatency().percentile();
  }

  /** The percentile shown beside the alert's: p95 beside p99, p99 beside any other. */
  private static int otherPercentile(ObservedServiceModel m) {
    return alertPercentile(m) == 99 ? 95 : 99;
  }

  private static double errorThreshold(ObservedServiceModel m) {
    return m.alerts().highErrorRate().threshold() / 100.0;
  }

  static double latencyThreshold(ObservedServiceModel m) {
    return m.objectives().latency() != null ? m.objectives().latency().thresholdSeconds()
        : m.alerts().highLatency().thresholdSeconds();
  }

  static Panel budgetLeft(Panel p) {
    return p.base("red").step(0.0001, "orange").step(0.25, "green").size(3, 4);
  }

  private static Panel burnRates(
      ObservedServiceModel m, Q q, String title, Function<String, String> ratio, double budget) {
    return burnRates(m, m.objectives().window(), title, w -> Expr.of(q.recorded(ratio.apply(w))), budget, "");
  }

  /** Burn rates per window of one budget; legend prefix for per-route series (e.g. "{{uri}} "). */
  static Panel burnRates(ObservedServiceModel m, String window, String title, Function<String, Expr> ratio,
      double budget, String legend) {
    List<Windows.Pair> pairs = Windows.PAIRS;
    Panel p = Panel.timeseries(title, "How fast the error budget burns per window, in multiples of the rate that"
        + " spends it exactly over " + window + " (1 = on budget); the fast-burn page fires above "
        + Numbers.format(pairs.get(0).factor(window)) + " (1h and 5m) or "
        + Numbers.format(pairs.get(1).factor(window)) + " (6h and 30m).", "none")
        .step(1.0, "orange").step(pairs.get(1).factor(window), "red");
    for (String w : Windows.sli(m)) {
      p.query(ratio.apply(w).inline("/", Expr.number(budget)), legend + w);
    }
    return p;
  }

  private static Expr top10(Expr e) {
    return Expr.call("topk", Expr.number(10), e);
  }
}
