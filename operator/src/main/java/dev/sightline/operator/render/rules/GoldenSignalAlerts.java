package dev.sightline.operator.render.rules;

import dev.sightline.operator.render.Expr;
import dev.sightline.operator.render.PromQl;
import dev.sightline.operator.api.Defaults;
import dev.sightline.operator.model.Alerts;
import dev.sightline.operator.model.ApiSpelling;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.Objectives;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Golden-signal alerts as data: TargetDown, MetricsAbsent, HighErrorRate, HighLatency and the
 * saturation alerts, one {@link Definition} each. A new alert is one entry here and its field in the
 * API, which declares its name and defaults ({@code @Alert} in AlertsSpec); a settings record in the
 * model only when it has settings of its own. Ratio alerts carry a low-traffic guard.
 */
public final class GoldenSignalAlerts {
  /**
   * One alert: its name without the prefix (declared with its defaults on its field in AlertsSpec),
   * when it fires in words (docs/alerts.md's table is generated from it), when it applies beyond being
   * enabled, and its expression, summary and description for a model.
   */
  public record Definition(
      String name,
      String firesWhen,
      Predicate<ObservedServiceModel> applies,
      Function<ObservedServiceModel, Expr> expr,
      Function<ObservedServiceModel, String> summary,
      Function<ObservedServiceModel, String> description) {}

  private static final String BY_INSTANCE = Expr.BY_SERVICE + ", instance";
  private static final Map<String, String> HEAP = Map.of("area", "=\"heap\"");

  public static final List<Definition> DEFINITIONS = List.of(
      new Definition("TargetDown", "more than `alerts.targetDown.threshold` % of the *ready* scrape targets (the pods"
              + " the Service sends traffic to) " + TargetSilence.words() + "; or targets exist and none is ready."
              + " A pod starting or not ready does not count, nor one whose scrapes only sometimes fail",
          m -> true,
          TargetSilence::targetDown,
          m -> "Scrape targets of " + m.name() + " are down",
          m -> "{{ $value | humanize }}% of the ready scrape targets of " + who(m) + " have answered no scrape for "
              + TargetSilence.window(m) + " or more (100%: no target is ready), for "
              + m.alerts().basics("TargetDown").forDuration() + ": the Service sends traffic to pods Prometheus"
              + " cannot reach, or to none."),
      new Definition("MetricsAbsent", "no scrape target exists at all",
          m -> true,
          m -> Expr.call("absent", up(m)),
          m -> "Prometheus has no scrape target for " + m.name(),
          m -> "No target of " + who(m) + " has been discovered for " + m.alerts().basics("MetricsAbsent").forDuration()
              + ": the ServiceMonitor selects no endpoint (Service missing, selector or port wrong, or no ready pod)."),
      new Definition("HighErrorRate", "the " + Windows.FAST_ERROR + " error ratio (at least four"
              + " scrape intervals) is above"
              + " `alerts.highErrorRate.threshold` % and traffic is at least `minRequestsPerSecond` (once firing, it"
              + " holds at any traffic while the ratio stays above)",
          m -> true,
          m -> PromQl.expr(RecordingRules.errorRatio(Windows.fastError(m)), m)
              .gt(m.alerts().highErrorRate().threshold() / 100.0)
              .andOnService(traffic(m, "HighErrorRate", m.alerts().highErrorRate().minRequestsPerSecond())),
          m -> m.name() + " fails too many requests",
          m -> "{{ $value | humanizePercentage }} of the requests to " + who(m) + " failed over the last "
              + Windows.fastError(m) + " (threshold "
              + Numbers.format(m.alerts().highErrorRate().threshold()) + "%) for "
              + m.alerts().basics("HighErrorRate").forDuration() + "."),
      new Definition("AllRequestsFail", "(nearly) every request fails: " + Defaults.ALL_FAIL_PERCENT + " % or more over"
              + " 5 minutes with at least `alerts.allRequestsFail.minFailures` failures, at any traffic",
          m -> true,
          m -> PromQl.expr(RecordingRules.ERRORS_RATE5M, m).inline("/", PromQl.expr(RecordingRules.REQUESTS_RATE5M, m))
              .gte(Double.parseDouble(Defaults.ALL_FAIL_PERCENT) / 100)
              .andOnService(Expr.grouped(PromQl.expr(RecordingRules.ERRORS_RATE5M, m).inline("*", Expr.number(300)))
                  .gte(m.alerts().allRequestsFail().minFailures())),
          m -> m.name() + " fails (nearly) every request",
          m -> "{{ $value | humanizePercentage }} of the requests to " + who(m) + " failed over the last 5m (at least "
              + m.alerts().allRequestsFail().minFailures() + " failures), whatever the traffic."),
      new Definition("HighLatency", "the p99 (or p50/p95) is above the latency threshold, requests crossed it, and"
              + " traffic is at least `minRequestsPerSecond` (once firing, at any traffic)",
          m -> m.metrics().names().hasLatency(),
          m -> crossedThreshold(m, PromQl.expr(RecordingRules.latencyQuantile(m.alerts().highLatency().percentile()), m)
              .gt(m.alerts().highLatency().thresholdSeconds())
              .andOnService(traffic(m, "HighLatency", m.alerts().highLatency().minRequestsPerSecond()))),
          m -> m.name() + " is slow",
          m -> "The p" + m.alerts().highLatency().percentile() + " latency of " + who(m)
              + " is {{ $value | humanizeDuration }} (threshold " + m.alerts().highLatency().threshold() + ")."),
      new Definition("LatencySliMissing", "with a latency objective: requests flow but the latency SLI (the share of"
              + " requests slower than the threshold) has no series, so the latency burn-rate alerts cannot fire",
          m -> m.objectives().latency() != null,
          m -> PromQl.expr(RecordingRules.REQUESTS_RATE5M, m).gt(0)
              .then("unless on (" + Expr.BY_SERVICE + ")", PromQl.expr(RecordingRules.slowRatio(Windows.sli(m).get(0)), m)),
          m -> "The latency objective of " + m.name() + " cannot be measured",
          m -> who(m) + " serves {{ $value | humanize }} requests/s but its latency SLI (requests slower than "
              + m.objectives().latency().threshold() + ") has no series: " + whyNoLatencySli(m)
              + " The latency burn-rate alerts cannot fire until it has."),
      new Definition("AvailabilitySliMissing", "targets answer with another metric convention's request counter"
              + " but the configured one's series are gone (a library upgrade renamed them): every error and SLO"
              + " alert reads nothing",
          m -> !SliMissing.otherConventions(m).isEmpty(),
          SliMissing::expr,
          m -> "The availability SLI of " + m.name() + " has no series",
          SliMissing::description),
      new Definition("RequestsStuck", "with an in-flight gauge: requests in flight more than twice their 1-day mean"
              + " (plus one), and fewer requests completed in the last 5 minutes than are in flight now: a hang",
          m -> m.metrics().names().inFlight() != null,
          m -> PromQl.expr(RecordingRules.IN_FLIGHT, m).inline(">", Expr.number(2).inline("*",
                  Expr.avgOverTime(PromQl.series(RecordingRules.IN_FLIGHT, m), "1d")).inline("+", Expr.number(1)))
              .andOnService(PromQl.expr(RecordingRules.IN_FLIGHT, m).inline(">",
                  PromQl.expr(RecordingRules.REQUESTS_RATE5M, m).inline("*", Expr.number(300)))),
          m -> m.name() + " hangs: requests pile up and none completes",
          m -> "{{ $value | humanize }} requests to " + who(m) + " are in flight, far above their usual level, and"
              + " fewer than that completed in the last 5 minutes: the service hangs (a deadlock, an exhausted pool,"
              + " a dependency that never answers) and every caller is waiting."),
      new Definition("HighHeapUsage", "micrometer only: heap above `alerts.saturation.heapThreshold` % of its maximum",
          m -> m.metrics().names().jvmMetrics(),
          m -> Expr.grouped(
                  Expr.sumBy(BY_INSTANCE, Expr.of(PromQl.series("jvm_memory_used_bytes", m, HEAP))).then("/",
                  Expr.sumBy(BY_INSTANCE, Expr.of(PromQl.series("jvm_memory_max_bytes", m, HEAP)).gt(0))))
              .gt(m.alerts().saturation().heapThreshold() / 100.0),
          m -> m.name() + " is running out of JVM heap",
          m -> "{{ $labels.instance }} of " + who(m) + " uses {{ $value | humanizePercentage }} of its maximum heap"
              + " (threshold " + Numbers.format(m.alerts().saturation().heapThreshold()) + "%)."),
      new Definition("HighCpuUsage", "micrometer only: process CPU above `alerts.saturation.cpuThreshold` % of the available CPUs",
          m -> m.metrics().names().jvmMetrics(),
          m -> Expr.aggregate("max", BY_INSTANCE, PromQl.expr("process_cpu_usage", m))
              .gt(m.alerts().saturation().cpuThreshold() / 100.0),
          m -> m.name() + " is CPU saturated",
          m -> "{{ $labels.instance }} of " + who(m) + " uses {{ $value | humanizePercentage }} of its available CPU"
              + " (threshold " + Numbers.format(m.alerts().saturation().cpuThreshold()) + "%)."),
      new Definition("HighInFlight",
          "with `alerts.saturation.inFlightThreshold` and an in-flight gauge: more requests in flight than that",
          m -> m.alerts().saturation().inFlightThreshold() != null && m.metrics().names().inFlight() != null,
          m -> PromQl.expr(RecordingRules.IN_FLIGHT, m).gt(m.alerts().saturation().inFlightThreshold()),
          m -> m.name() + " has too many requests in flight",
          m -> "{{ $value | humanize }} requests to " + who(m) + " are in flight (threshold "
              + m.alerts().saturation().inFlightThreshold() + "): it is queueing or stuck on a dependency."));

  private GoldenSignalAlerts() {}

  public static List<Rule> render(ObservedServiceModel model) {
    return defined(model).stream()
        .map(d -> alert(model, d.name(), model.alerts().basics(d.name()), d.expr().apply(model),
            d.summary().apply(model), d.description().apply(model)))
        .toList();
  }

  /** The definitions of the alerts this service gets: enabled, and applying to it. */
  static List<Definition> defined(ObservedServiceModel model) {
    return DEFINITIONS.stream()
        .filter(d -> model.alerts().basics(d.name()).enabled() && d.applies().test(model))
        .toList();
  }

  static Rule alert(
      ObservedServiceModel model, String baseName, Alerts.Basics alert, Expr expr, String summary, String description) {
    String name = model.alerts().namePrefix() + baseName;
    Map<String, String> labels = new TreeMap<>(model.alerts().labels());
    labels.put("severity", alert.severity());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", summary);
    annotations.put("description", description);
    if (model.alerts().runbookUrlBase() != null) {
      annotations.put("runbook_url", model.alerts().runbookUrlBase() + "/" + name);
    }
    return new RuleBuilder()
        .withAlert(name)
        .withExpr(new IntOrString(expr.text()))
        .withFor(alert.forDuration())
        .withKeepFiringFor(alert.keepFiringFor())
        .withLabels(labels)
        .withAnnotations(annotations)
        .build();
  }

  private static Expr up(ObservedServiceModel m) {
    return PromQl.expr("up", m);
  }

  /** Why the latency SLI of a model can have no series, and what to do. */
  static String whyNoLatencySli(ObservedServiceModel m) {
    var latency = m.objectives().latency();
    if (!m.metrics().names().hasLatency()) {
      return "metrics.convention " + ApiSpelling.of(m.metrics().convention()) + " names no latency histogram: set"
          + " metrics.custom.durationHistogram or drop objectives.latency.";
    }
    if (latency.method() == Objectives.Latency.Method.NONE) {
      List<Double> buckets = latency.histogram().buckets();
      return m.metrics().names().bucket() + " has buckets up to " + Numbers.format(buckets.get(buckets.size() - 1))
          + "s only: add a bucket at or above " + latency.threshold() + " (at " + latency.threshold()
          + " is exact) or lower the threshold.";
    }
    return "no " + m.metrics().names().bucket() + " series for this job (the histogram is not exposed, not scraped, or"
        + " has no bucket " + BucketBoundary.describe(latency.thresholdSeconds()) + "); see the MetricsFound condition.";
  }

  private static String who(ObservedServiceModel m) {
    return m.name() + " in namespace " + m.namespace();
  }

  /**
   * With the histogram's bucket layout known: also more than (100 - percentile) % of the requests above
   * the first bucket at or above the threshold. histogram_quantile interpolates inside a bucket, so
   * with buckets at 0.1 and 0.5 a p99 of 0.367 s comes out of requests that all took 150 ms; counting
   * what lies above a real bucket bound never fires on that.
   */
  static Expr crossedThreshold(ObservedServiceModel m, Expr quantileAlert) {
    var latency = m.objectives().latency();
    if (latency == null || latency.histogram().buckets().isEmpty()) {
      return quantileAlert;
    }
    double t = m.alerts().highLatency().thresholdSeconds();
    Double bound = latency.histogram().buckets().stream().filter(b -> b >= t - 1e-9).findFirst().orElse(null);
    if (bound == null) {
      return quantileAlert;
    }
    Expr above = Expr.number(1).inline("-", Expr.block(Expr.serviceRate(RecordingRules.bucket(m, bound), "5m"), "/",
        Expr.serviceRate(RecordingRules.bucket(m, "+Inf"), "5m")));
    return quantileAlert.andOnService(Expr.grouped(above)
        .gt(Numbers.round(1 - m.alerts().highLatency().percentile() / 100.0)));
  }

  /**
   * The low-traffic guard with hysteresis: an alert starts only while the service handles at least this
   * many requests per second, and once it fires it holds at any traffic (its own ALERTS series) until
   * its condition clears. Without that, an outage whose callers back off to a trickle of failing
   * retries resolved mid-incident, and the page came back as a second one.
   */
  static Expr traffic(ObservedServiceModel m, String alert, double minRequestsPerSecond) {
    return Expr.grouped(PromQl.expr(RecordingRules.REQUESTS_RATE5M, m).gte(minRequestsPerSecond)
        .then("or on (" + Expr.BY_SERVICE + ")", firing(m, alert)));
  }

  /** The service's ALERTS series of one of its alerts (name without the prefix) while it fires: a hysteresis. */
  static Expr firing(ObservedServiceModel m, String alert) {
    Map<String, String> firing = new LinkedHashMap<>();
    firing.put("alertname", "=" + PromQl.quote(m.alerts().namePrefix() + alert));
    firing.put("alertstate", "=\"firing\"");
    return Expr.of(PromQl.series("ALERTS", m, firing));
  }
}
