package dev.sightline.operator.prometheus;

import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.model.ApiSpelling;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.model.MetricNames;
import dev.sightline.operator.model.Objectives;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.prometheus.PrometheusApi.Rule;
import dev.sightline.operator.prometheus.PrometheusApi.RuleGroup;
import dev.sightline.operator.prometheus.PrometheusApi.Target;
import dev.sightline.operator.status.Check;
import dev.sightline.operator.status.LiveChecks;
import dev.sightline.operator.status.ObjectiveLive;
import dev.sightline.operator.status.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges one ObservedService from what the selecting Prometheus servers said (pure: the same input
 * gives an equal report). Each check is made per server, Scraped and MetricsFound by those that
 * scrape it, RulesLoaded, budgets and firing alerts by those that evaluate its rules (a ThanosRuler
 * among them); the report keeps the worst. A sharded Prometheus is one state, its shards' answers
 * merged ({@link PrometheusState#merge}).
 */
public final class ServiceChecks {
  private ServiceChecks() {}

  /** The metric names the series query must cover for this service: its own, and every built-in one. */
  public static Set<String> metricNames(ObservedServiceModel model) {
    Set<String> names = new TreeSet<>();
    for (MetricConvention c : MetricNames.CONVENTIONS.keySet()) {
      names.add(MetricNames.CONVENTIONS.get(c).requestsTotal());
      if (model.metrics().auto() && model.objectives().anyLatency()) {
        names.add(MetricNames.CONVENTIONS.get(c).bucket());
        names.add(MetricNames.CONVENTIONS.get(c).durationHistogram());
      }
    }
    names.add(model.metrics().names().requestsTotal());
    if (model.objectives().anyLatency() && model.metrics().names().hasLatency()) {
        names.add(model.metrics().names().bucket());
        names.add(model.metrics().names().durationHistogram());
    }
    return names;
  }

  public static LiveReport evaluate(ObservedServiceModel model, Selection selection, List<PrometheusState> states) {
    if (!selection.selected()) {
      return new LiveReport(selection.message(), LiveChecks.NOT_SELECTED, null, Histogram.UNKNOWN);
    }
    List<Check> scraped = new ArrayList<>();
    List<Check> rules = new ArrayList<>();
    List<Check> metrics = new ArrayList<>();
    int up = 0;
    int total = 0;
    Integer firing = null; // counted once an evaluator answers: a ThanosRuler answers when the scrapers do not
    Map<String, ObjectiveLive> objectives = new java.util.TreeMap<>();
    boolean asked = false;
    MetricConvention found = null;
    Histogram histogram = null;
    String job = PrometheusState.key(model.namespace(), model.name());
    if (selection.placement() != null) {
      rules.add(selection.placement());
    }
    for (PrometheusState s : states) {
      String who = s.instance().title();
      boolean scrapes = selection.scrapedBy().contains(s.instance());
      boolean evaluates = selection.evaluatedBy().contains(s.instance());
      if (s.unreachable() != null) {
        Check unknown = Check.unknown(Reason.PrometheusUnreachable, who + ": " + s.unreachable());
        if (scrapes) {
          scraped.add(unknown);
          metrics.add(unknown);
        }
        if (evaluates) {
          rules.add(unknown);
        }
        continue;
      }
      if (evaluates) {
        rules.add(rules(model, who, s));
        // several evaluators: the first that has an objective's budget says it; a shard's budget is of its
        // part of the traffic only, so a sharded evaluator's is not shown (RulesLoaded says why)
        Map<String, ObjectiveLive> budgets = s.instance().shards() > 1 ? Map.of()
            : s.objectives().getOrDefault(job, Map.of());
        budgets.forEach((slo, live) -> objectives.merge(slo, live,
            (a, b) -> new ObjectiveLive(a.budgetLeft() != null ? a.budgetLeft() : b.budgetLeft(),
                a.budgetLeft() != null ? a.worstRoute() : b.worstRoute(), a.requests() || b.requests())));
        int firingHere = s.firing().getOrDefault(job, Map.of()).entrySet().stream()
            .filter(e -> model.alerts().defines(e.getKey())).mapToInt(Map.Entry::getValue).sum();
        firing = (firing == null ? 0 : firing) + firingHere;
      }
      if (!scrapes) {
        continue;
      }
      asked = true;
      List<Target> targets = s.targets().getOrDefault(GeneratedNames.scrapePool(model), List.of());
      long upHere = targets.stream().filter(t -> "up".equals(t.health())).count();
      up += (int) upHere;
      total += targets.size();
      scraped.add(scraped(model, who, targets, upHere));
      if (s.instance().kind() == PrometheusSelection.Kind.AGENT) {
        metrics.add(Check.unknown(Reason.NotCheckedYet, who + " answers no queries (agent mode): its series are"
            + " where it remote-writes them, which Sightline does not ask yet"));
        continue;
      }
      Map<String, Set<String>> series = s.series().getOrDefault(job, Map.of());
      MetricConvention here = detect(series);
      if (found == null) {
        found = here;
      }
      MetricNames inUse = model.metrics().auto() ? (here == null ? null : MetricNames.CONVENTIONS.get(here))
          : model.metrics().names();
      if (histogram == null && inUse != null && inUse.hasLatency()) {
        histogram = histogram(series, inUse);
      }
      metrics.add(metrics(model, who, series, here, upHere > 0));
    }
    return new LiveReport(selection.message(),
        new LiveChecks(worst(scraped), worst(rules), worst(metrics), asked ? up + "/" + total : null, firing,
            objectives),
        model.metrics().auto() ? found : null, histogram == null ? Histogram.UNKNOWN : histogram);
  }

  private static Check scraped(ObservedServiceModel model, String who, List<Target> targets, long up) {
    if (targets.isEmpty()) {
      return Check.failed(Reason.NoTargets, who + " has no target for ServiceMonitor " + model.namespace() + "/"
          + GeneratedNames.serviceMonitor(model.name()) + ": it scrapes the ready endpoints of "
          + model.scrape().summary()
          + " on port " + model.scrape().port().getValue() + " (spec.port); a new ServiceMonitor takes up to a few"
          + " minutes to reach Prometheus");
    }
    if (up == targets.size()) {
      return Check.ok(Reason.TargetsUp, up + "/" + targets.size() + " targets up in " + who);
    }
    // a new target is "unknown" until its first scrape: not down, not up yet
    Target down = targets.stream().filter(t -> "down".equals(t.health()))
        .min(Comparator.comparing(Target::instance)).orElse(null);
    if (down == null) {
      return Check.unknown(Reason.TargetsPending, up + "/" + targets.size() + " targets up in " + who + ", the others"
          + " not scraped yet");
    }
    return Check.failed(Reason.TargetsDown, up + "/" + targets.size() + " targets up in " + who + "; "
        + down.instance() + " is " + down.health() + (down.lastError().isEmpty() ? "" : ": " + down.lastError()));
  }

  private static Check rules(ObservedServiceModel model, String who, PrometheusState s) {
    // prometheus-operator writes each PrometheusRule to <namespace>-<name>-<uid>.yaml
    String file = "/" + model.namespace() + "-" + GeneratedNames.prometheusRule(model.name()) + "-";
    List<String> groups = GeneratedNames.ruleGroups(model);
    List<String> counts = new ArrayList<>();
    for (String group : groups) {
      RuleGroup loaded = s.groups().getOrDefault(group, List.of()).stream()
          .filter(g -> g.file().contains(file)).findFirst().orElse(null);
      if (loaded == null) {
        return Check.failed(Reason.RulesNotLoaded, "rule group " + group + " is not loaded in " + who + " yet:"
            + " prometheus-operator writes the PrometheusRule to a rule file and Prometheus reloads it, which takes up"
            + " to a few minutes");
      }
      for (Rule r : loaded.rules()) {
        if ("err".equals(r.health())) {
          return Check.failed(Reason.RuleErrors, "rule " + r.name() + " of group " + group + " fails in " + who + ": "
              + r.lastError());
        }
      }
      counts.add(String.valueOf(loaded.rules().size()));
    }
    return Check.ok(Reason.RulesHealthy, (groups.size() == 1 ? "rule group " : "rule groups ")
        + String.join(" and ", groups) + " loaded in " + who + " (" + String.join(" and ", counts) + " rules)");
  }

  private static Check metrics(ObservedServiceModel model, String who, Map<String, Set<String>> series,
      MetricConvention detected, boolean targetUp) {
    MetricNames names = model.metrics().auto()
        ? (detected == null ? null : MetricNames.CONVENTIONS.get(detected)) : model.metrics().names();
    String job = "job=\"" + model.name() + "\" in " + who;
    if (names == null || !series.containsKey(names.requestsTotal())) {
      if (!targetUp && series.isEmpty()) {
        return Check.failed(Reason.MetricsMissing, "no series of " + job + " yet: no target is up (see Scraped)");
      }
      if (names != null && detected != null) {
        return Check.failed(Reason.ConventionMismatch, "found " + MetricNames.CONVENTIONS.get(detected).requestsTotal()
            + ", not " + names.requestsTotal() + ", for " + job + ": set metrics.convention: " + ApiSpelling.of(detected));
      }
      return Check.failed(Reason.MetricsMissing, "none of " + known() + " exists for " + job
          + (model.metrics().auto() ? " (metrics.convention: auto)" : "")
          + ": set metrics.convention: custom with the names the service exposes");
    }
    String found = "found " + names.requestsTotal()
        + (model.metrics().auto() ? " (auto: " + ApiSpelling.of(detected) + ")" : "");
    if (model.objectives().latency() == null || !names.hasLatency()) {
      return Check.ok(Reason.MetricsPresent, found + " for " + job);
    }
    var objective = model.objectives().latency();
    double threshold = objective.thresholdSeconds();
    TreeSet<Double> bounds = bounds(series, names);
    Histogram histogram = histogram(series, names);
    if (!histogram.known()) {
      return Check.failed(Reason.BucketMissing, found + " but no " + names.bucket() + " series (nor a native histogram "
          + names.durationHistogram() + ") for " + job + ": the latency objective needs that histogram");
    }
    var latency = new Objectives.Latency(objective.threshold(), threshold, objective.target(), histogram);
    if (latency.method() == Objectives.Latency.Method.BUCKET) {
      return Check.ok(Reason.MetricsPresent, found + " with bucket le=\"" + Numbers.format(threshold) + "\" for " + job);
    }
    if (latency.method() == Objectives.Latency.Method.NATIVE) {
      return Check.ok(Reason.NativeHistogram, found + " with native histogram " + names.durationHistogram() + " for "
          + job + ": the latency SLI is histogram_fraction(0, " + Numbers.format(threshold) + ", ...)");
    }
    List<String> nearest = new ArrayList<>();
    Double below = bounds.lower(threshold);
    Double above = bounds.higher(threshold);
    if (below != null && below > 0) {
      nearest.add(Numbers.durationOf(below));
    }
    if (above != null && !above.isInfinite()) {
      nearest.add(Numbers.durationOf(above));
    }
    String layout = names.bucket() + " of " + job + " has no bucket le=\"" + Numbers.format(threshold)
        + "\" (buckets: " + String.join(", ", bounds.stream().map(ServiceChecks::le).toList()) + ")";
    String exact = (nearest.isEmpty() ? "" : "set objectives.latency.threshold to " + String.join(" or ", nearest)
        + ", or ") + "add a bucket at " + objective.threshold() + " to the service's histogram, or expose it as a"
        + " native histogram";
    if (latency.method() == Objectives.Latency.Method.NONE) {
      return Check.failed(Reason.BucketMissing, layout + " and none above the threshold but +Inf, so no latency SLI"
          + " can be computed: " + exact);
    }
    return Check.ok(Reason.BucketInterpolated, layout + ": the latency SLI interpolates between le=\""
        + Numbers.format(below == null ? 0 : below) + "\" and le=\"" + Numbers.format(above) + "\"; for an exact one, "
        + exact);
  }

  /** The latency histogram's layout in these series: its finite classic bounds, and native buckets or not. */
  static Histogram histogram(Map<String, Set<String>> series, MetricNames names) {
    // a native histogram is one series under the base name, without le
    return new Histogram(bounds(series, names).stream().filter(Double::isFinite).toList(),
        series.getOrDefault(names.durationHistogram(), Set.of()).contains(""));
  }

  /** The bucket bounds (+Inf included) of the convention's histogram in these series. */
  static TreeSet<Double> bounds(Map<String, Set<String>> series, MetricNames names) {
    TreeSet<Double> bounds = new TreeSet<>();
    for (String le : series.getOrDefault(names.bucket(), Set.of())) {
      if (!le.isEmpty()) {
        bounds.add(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le));
      }
    }
    return bounds;
  }

  /** The first built-in convention whose request counter exists. */
  static MetricConvention detect(Map<String, Set<String>> series) {
    return MetricNames.CONVENTIONS.entrySet().stream().filter(e -> series.containsKey(e.getValue().requestsTotal()))
        .map(Map.Entry::getKey).findFirst().orElse(null);
  }

  private static String known() {
    return String.join(", ", MetricNames.CONVENTIONS.entrySet().stream()
        .map(e -> e.getValue().requestsTotal() + " (" + ApiSpelling.of(e.getKey()) + ")").toList());
  }

  private static String le(double bound) {
    return Double.isInfinite(bound) ? "+Inf" : Numbers.format(bound);
  }


  /** False before Unknown before True; among equals, the first. */
  private static Check worst(List<Check> checks) {
    return checks.stream().min(Comparator.comparingInt(c -> switch (c.status()) {
      case FALSE -> 0;
      case UNKNOWN -> 1;
      case TRUE -> 2;
    })).orElse(Check.unknown(Reason.NotCheckedYet, "no selecting Prometheus was asked"));
  }
}
