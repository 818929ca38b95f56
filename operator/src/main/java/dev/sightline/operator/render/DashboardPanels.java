package dev.sightline.operator.render;

import dev.sightline.operator.model.MetricNames;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.ObservedServiceModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The dashboard's rows and panels as data, in the order they are laid out: each row answers one
 * question ("is it user-visible, is it getting worse, where do I look"), each entry is one panel
 * and when it applies. A new panel is one entry.
 */
final class DashboardPanels {
  /** A row: its title and its panels. A row none of whose panels applies is left out. */
  record Row(Function<ObservedServiceModel, String> title, List<Entry> panels) {}

  /** One panel and the models it applies to. */
  record Entry(Predicate<ObservedServiceModel> applies, Function<ObservedServiceModel, Panel> panel) {}

  private static final Map<String, String> HEAP = Map.of("area", "=\"heap\"");

  static final List<Row> ROWS = List.of(
      new Row(m -> "Now: is it user-visible?", List.of(
          always(m -> Panel.stat("Request rate", "Requests per second over the last 5 minutes.", "reqps")
              .query(PromQl.expr(RecordingRules.REQUESTS_RATE5M, m)).size(4, 4)),
          always(m -> Panel.stat("Error ratio", "Share of requests that failed (status matching "
                  + m.metrics().errorStatusRegex() + ") over the last 5 minutes; red at the HighErrorRate threshold.",
                  "percentunit")
              .query(PromQl.expr(RecordingRules.ERROR_RATIO5M, m))
              .step(errorThreshold(m) / 2, "orange").step(errorThreshold(m), "red").size(4, 4)),
          when(DashboardPanels::latency, m -> Panel.stat("p95 latency", "95th percentile request duration over the last"
                  + " 5 minutes; red above the latency threshold.", "s")
              .query(PromQl.expr(RecordingRules.latencyQuantile(95), m)).step(latencyThreshold(m), "red").size(4, 4)),
          when(m -> names(m).inFlight() != null, m -> Panel.stat("In flight", "Requests being handled right now, all"
                  + " instances.", "short")
              .query(PromQl.expr(RecordingRules.IN_FLIGHT, m)).size(4, 4)),
          always(m -> budgetLeft(Panel.stat("Availability budget left", "Error budget of the "
              + Numbers.format(m.objectives().availability()) + "% objective left over the " + m.objectives().window()
              + " window; below 0 the objective is missed.", "percentunit")
              .query(PromQl.expr(RecordingRules.budgetRemaining("availability"), m)))),
          when(DashboardPanels::latencySlo, m -> budgetLeft(Panel.stat("Latency budget left", "Error budget of the "
              + Numbers.format(m.objectives().latency().target()) + "% under " + m.objectives().latency().threshold()
              + " objective left over " + m.objectives().window() + ".", "percentunit")
              .query(PromQl.expr(RecordingRules.budgetRemaining("latency"), m)))))),
      new Row(m -> "Patterns: is it getting worse?", List.of(
          always(m -> Panel.timeseries("Requests by status", "Requests per second by HTTP status.", "reqps")
              .query(sumRate(names(m).statusLabel(), requests(m, Map.of())), "{{" + names(m).statusLabel() + "}}")),
          always(m -> Panel.timeseries("Requests by route", "The 10 busiest routes, requests per second.", "reqps")
              .query(top10(sumRate(names(m).routeLabel(), requests(m, Map.of()))),
                  "{{" + names(m).routeLabel() + "}}")),
          when(DashboardPanels::latency, m -> {
            Panel p = Panel.timeseries("Latency percentiles", "p50, p95 and p99 request duration over 5 minutes.", "s");
            for (int percentile : RecordingRules.PERCENTILES) {
              p.query(PromQl.expr(RecordingRules.latencyQuantile(percentile), m), "p" + percentile);
            }
            return p;
          }),
          when(DashboardPanels::latency, m -> Panel.heatmap("Latency distribution", "Requests per duration bucket over"
                  + " time; a band moving up is a regression.", "s")
              .query(sumRate("le", raw(m, names(m).bucket(), Map.of())), "{{le}}")))),
      new Row(m -> "Pain: where do I look?", List.of(
          always(m -> Panel.timeseries("Errors by route", "Failed requests per second on the 10 worst routes.", "reqps")
              .query(top10(sumRate(names(m).routeLabel() + ", " + names(m).statusLabel(), errors(m))),
                  "{{" + names(m).routeLabel() + "}} {{" + names(m).statusLabel() + "}}")),
          always(m -> {
            String cause = names(m).exceptionLabel() != null ? names(m).exceptionLabel() : names(m).statusLabel();
            return Panel.timeseries("Errors by " + (names(m).exceptionLabel() != null ? "exception" : "status"),
                    "Failed requests per second by " + cause + ".", "reqps")
                .query(sumRate(cause, errors(m)), "{{" + cause + "}}");
          }),
          when(DashboardPanels::latency, m -> Panel.bargauge("Slowest routes (p95)", "95th percentile duration of the"
                  + " 10 slowest routes over the last 5 minutes.", "s")
              .query(top10(Expr.call("histogram_quantile", Expr.number(0.95),
                  sumRate(names(m).routeLabel() + ", le", raw(m, names(m).bucket(), Map.of())))),
                  "{{" + names(m).routeLabel() + "}}")
              .step(latencyThreshold(m), "red").size(24, 8)))),
      new Row(m -> "SLO: " + m.objectives().summary(), List.of(
          always(m -> {
            Panel p = Panel.timeseries("Error budget remaining", "Share of the " + m.objectives().window()
                + " error budget left; 100% = untouched, 0 = objective missed.", "percentunit")
                .query(PromQl.expr(RecordingRules.budgetRemaining("availability"), m), "availability");
            return latencySlo(m) ? p.query(PromQl.expr(RecordingRules.budgetRemaining("latency"), m), "latency") : p;
          }),
          always(m -> burnRates(m, "Availability burn rate", RecordingRules::errorRatio,
              m.objectives().availabilityBudget())),
          when(DashboardPanels::latencySlo, m -> burnRates(m, "Latency burn rate", RecordingRules::slowRatio,
              m.objectives().latency().budget()).size(24, 8)))),
      // micrometer exposes JVM and process metrics
      new Row(m -> "Saturation", List.of(
          when(DashboardPanels::jvm, m -> Panel.timeseries("JVM heap used", "Heap in use and its maximum, per instance.",
                  "bytes")
              .query(Expr.sumBy("instance", Expr.of(raw(m, "jvm_memory_used_bytes", HEAP))), "used {{instance}}")
              .query(Expr.sumBy("instance", Expr.of(raw(m, "jvm_memory_max_bytes", HEAP))), "max {{instance}}")),
          when(DashboardPanels::jvm, m -> Panel.timeseries("GC pause time", "Share of wall-clock time spent in GC"
                  + " pauses.", "percentunit")
              .query(sumRate("instance", raw(m, "jvm_gc_pause_seconds_sum", Map.of())), "{{instance}}")),
          when(DashboardPanels::jvm, m -> Panel.timeseries("CPU", "Process CPU use as a share of the available CPUs.",
                  "percentunit")
              .query(Expr.aggregate("max", "instance", Expr.of(raw(m, "process_cpu_usage", Map.of()))), "{{instance}}")),
          when(DashboardPanels::jvm, m -> Panel.timeseries("Threads", "Live JVM threads per instance.", "short")
              .query(Expr.sumBy("instance", Expr.of(raw(m, "jvm_threads_live_threads", Map.of()))), "{{instance}}")))));

  private DashboardPanels() {}

  /** The panels that apply to a model, row by row; rows without a panel are left out. */
  static Map<String, List<Panel>> of(ObservedServiceModel model) {
    Map<String, List<Panel>> rows = new LinkedHashMap<>();
    for (Row row : ROWS) {
      List<Panel> panels = row.panels().stream()
          .map(e -> e.applies().test(model) ? Optional.of(e.panel().apply(model)) : Optional.<Panel>empty())
          .flatMap(Optional::stream)
          .toList();
      if (!panels.isEmpty()) {
        rows.put(row.title().apply(model), panels);
      }
    }
    return rows;
  }

  private static Entry always(Function<ObservedServiceModel, Panel> panel) {
    return new Entry(m -> true, panel);
  }

  private static Entry when(Predicate<ObservedServiceModel> applies, Function<ObservedServiceModel, Panel> panel) {
    return new Entry(applies, panel);
  }

  private static Panel budgetLeft(Panel p) {
    return p.base("red").step(0.0001, "orange").step(0.25, "green").size(4, 4);
  }

  private static Panel burnRates(
      ObservedServiceModel m, String title, Function<String, String> ratio, double budget) {
    List<BurnRateAlerts.WindowPair> pairs = BurnRateAlerts.PAIRS;
    Panel p = Panel.timeseries(title, "How fast the error budget burns per window: 1 = exactly on budget; the"
        + " fast-burn page fires above " + Numbers.format(pairs.get(0).factor(m.objectives().window())) + " (1h and 5m)"
        + " or " + Numbers.format(pairs.get(1).factor(m.objectives().window())) + " (6h and 30m).", "x")
        .step(1.0, "orange").step(pairs.get(1).factor(m.objectives().window()), "red");
    for (String w : Windows.sli(m)) {
      p.query(PromQl.expr(ratio.apply(w), m).inline("/", Expr.number(budget)), w);
    }
    return p;
  }

  private static MetricNames names(ObservedServiceModel m) {
    return m.metrics().names();
  }

  private static boolean latency(ObservedServiceModel m) {
    return names(m).hasLatency();
  }

  private static boolean latencySlo(ObservedServiceModel m) {
    return m.latencySli();
  }

  private static boolean jvm(ObservedServiceModel m) {
    return names(m).jvmMetrics();
  }

  private static double errorThreshold(ObservedServiceModel m) {
    return m.alerts().highErrorRate().threshold() / 100.0;
  }

  private static double latencyThreshold(ObservedServiceModel m) {
    return m.objectives().latency() != null ? m.objectives().latency().thresholdSeconds()
        : m.alerts().highLatency().thresholdSeconds();
  }

  private static String requests(ObservedServiceModel m, Map<String, String> extra) {
    return raw(m, names(m).requestsTotal(), extra);
  }

  private static String errors(ObservedServiceModel m) {
    return requests(m, Map.of(names(m).statusLabel(), "=~" + PromQl.quote(m.metrics().errorStatusRegex())));
  }

  /** Raw-series selector that also honours the $instance variable. */
  private static String raw(ObservedServiceModel m, String metric, Map<String, String> extra) {
    Map<String, String> matchers = new LinkedHashMap<>(extra);
    matchers.put("instance", "=~\"$instance\"");
    return PromQl.series(metric, m, matchers);
  }

  private static Expr sumRate(String by, String series) {
    return Expr.sumBy(by, Expr.rate(series, "$__rate_interval"));
  }

  private static Expr top10(Expr e) {
    return Expr.call("topk", Expr.number(10), e);
  }
}
