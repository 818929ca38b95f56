package dev.sightline.operator.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.operator.prometheus.PrometheusApi.RuleGroup;
import dev.sightline.operator.prometheus.PrometheusApi.Target;
import dev.sightline.operator.prometheus.PrometheusSelection.Instance;
import dev.sightline.operator.status.ObjectiveLive;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one Prometheus server said in one check cycle, for every ObservedService at once: four API
 * calls whatever the number of services (targets, rules, one series query, one ALERTS query).
 *
 * @param unreachable why the API could not be asked, or null
 * @param targets active targets by scrape pool (serviceMonitor/namespace/name/endpoint)
 * @param groups rule groups by name
 * @param series by job key (namespace/job): metric name to the {@code le} values seen ("" for none)
 * @param firing by job key: alert name to the number of firing series
 * @param objectives by job key: objective ("" for the service-wide one) to its recorded budget and requests
 */
public record PrometheusState(
    Instance instance,
    String unreachable,
    Map<String, List<Target>> targets,
    Map<String, List<RuleGroup>> groups,
    Map<String, Map<String, Set<String>>> series,
    Map<String, Map<String, Integer>> firing,
    Map<String, Map<String, ObjectiveLive>> objectives) {

  /** Every recorded error budget, service-wide and per objective (and per route of a grouped one). */
  static final String BUDGETS =
      "{__name__=~\"namespace_job(_slo)?:sightline_slo_(availability|latency):error_budget_remaining\"}";
  /** The named objectives whose requests have a recorded rate. */
  static final String OBJECTIVE_REQUESTS = "count by (namespace, job, slo) (namespace_job_slo:sightline_http_requests:rate5m)";
  /**
   * The labels of a budget that are not its route; thanos_ruler_replica is the external label a ThanosRuler's
   * series carry through a Querier that does not deduplicate on it.
   */
  private static final Set<String> KEYS = Set.of("__name__", "namespace", "job", "slo", "thanos_ruler_replica");
  private static final Logger log = LoggerFactory.getLogger(PrometheusState.class);

  /**
   * What the cycle keeps of Prometheus's answers: only the scrape pools, rule groups and jobs of the
   * ObservedServices, not every target and rule of the cluster.
   */
  public record Wanted(Set<String> pools, Set<String> groups, Set<String> jobs, Set<String> metricNames) {}

  /** Asks Prometheus; a failure of any call makes the whole instance unreachable for this cycle. */
  public static PrometheusState fetch(Instance instance, PrometheusApi api, Wanted wanted) {
    try {
      Map<String, List<Target>> targets = targets(api, wanted);
      Map<String, List<RuleGroup>> groups = groups(api, wanted);
      Map<String, Map<String, Set<String>>> series = new TreeMap<>();
      if (!wanted.metricNames().isEmpty()) {
        for (JsonNode sample : api.query(seriesQuery(wanted.metricNames()))) {
          JsonNode m = sample.path("metric");
          String job = key(m.path("namespace").asText(), m.path("job").asText());
          if (wanted.jobs().contains(job)) {
            series.computeIfAbsent(job, k -> new TreeMap<>())
                .computeIfAbsent(m.path("__name__").asText(), k -> new TreeSet<>())
                .add(m.path("le").asText(""));
          }
        }
      }
      Map<String, Map<String, Integer>> firing = new TreeMap<>();
      for (JsonNode sample : api.query("count by (namespace, job, alertname) (ALERTS{alertstate=\"firing\"})")) {
        JsonNode m = sample.path("metric");
        String job = key(m.path("namespace").asText(), m.path("job").asText());
        if (!wanted.jobs().contains(job)) {
          continue;
        }
        firing.computeIfAbsent(job, k -> new TreeMap<>())
            .merge(m.path("alertname").asText(), (int) Double.parseDouble(sample.path("value").path(1).asText("0")),
                Integer::sum);
      }
      return new PrometheusState(instance, null, targets, groups, series, firing, objectives(api, wanted));
    } catch (PrometheusApi.Unreachable e) {
      return unreachable(instance, e.getMessage());
    }
  }

  /** The recorded budgets and the named objectives with requests, by job key. */
  private static Map<String, Map<String, ObjectiveLive>> objectives(PrometheusApi api, Wanted wanted)
      throws PrometheusApi.Unreachable {
    Map<String, Map<String, ObjectiveLive>> objectives = new TreeMap<>();
    for (JsonNode sample : api.query(OBJECTIVE_REQUESTS)) {
      JsonNode m = sample.path("metric");
      String job = key(m.path("namespace").asText(), m.path("job").asText());
      if (wanted.jobs().contains(job)) {
        objectives.computeIfAbsent(job, k -> new TreeMap<>()).put(m.path("slo").asText(),
            new ObjectiveLive(null, null, true));
      }
    }
    for (JsonNode sample : api.query(BUDGETS)) {
      JsonNode m = sample.path("metric");
      String job = key(m.path("namespace").asText(), m.path("job").asText());
      double value = Double.parseDouble(sample.path("value").path(1).asText("NaN"));
      if (!wanted.jobs().contains(job) || Double.isNaN(value)) {
        continue;
      }
      String route = null;
      for (var f = m.fields(); f.hasNext(); ) {
        var e = f.next();
        if (!KEYS.contains(e.getKey())) {
          route = e.getValue().asText();
        }
      }
      String slo = m.path("slo").asText();
      String worstRoute = route;
      objectives.computeIfAbsent(job, k -> new TreeMap<>()).merge(slo, new ObjectiveLive(value, route, false),
          (a, b) -> a.budgetLeft() != null && a.budgetLeft() <= value ? a
              : new ObjectiveLive(value, worstRoute, a.requests()));
    }
    return objectives;
  }

  /**
   * What a ThanosRuler said: its rule groups and firing alerts. Its HTTP API has no targets and no
   * queries; what it records (the budgets) is read through {@code querier}, the Thanos Querier it queries
   * itself, when there is one. A Querier that does not answer leaves the budgets out, not the rules.
   */
  public static PrometheusState fetchRules(Instance instance, PrometheusApi api, PrometheusApi querier,
      Wanted wanted) {
    try {
      Map<String, List<RuleGroup>> groups = groups(api, wanted);
      Map<String, Map<String, Integer>> firing = new TreeMap<>();
      for (Map<String, String> labels : api.firingAlerts()) {
        String job = key(labels.getOrDefault("namespace", ""), labels.getOrDefault("job", ""));
        if (wanted.jobs().contains(job)) {
          firing.computeIfAbsent(job, k -> new TreeMap<>()).merge(labels.getOrDefault("alertname", ""), 1,
              Integer::sum);
        }
      }
      Map<String, Map<String, ObjectiveLive>> objectives = Map.of();
      if (querier != null) {
        try {
          objectives = objectives(querier, wanted);
        } catch (PrometheusApi.Unreachable e) {
          log.info("{}'s Querier {}: {}", instance.title(), instance.queryUrl(), e.getMessage());
        }
      }
      return new PrometheusState(instance, null, Map.of(), groups, Map.of(), firing, objectives);
    } catch (PrometheusApi.Unreachable e) {
      return unreachable(instance, e.getMessage());
    }
  }

  /** What a PrometheusAgent said: its targets (in agent mode Prometheus answers no queries and has no rules). */
  public static PrometheusState fetchTargets(Instance instance, PrometheusApi api, Wanted wanted) {
    try {
      return new PrometheusState(instance, null, targets(api, wanted), Map.of(), Map.of(), Map.of(), Map.of());
    } catch (PrometheusApi.Unreachable e) {
      return unreachable(instance, e.getMessage());
    }
  }

  /**
   * A sharded instance's shards as one server: the targets and series of all of them (each scrapes its
   * share), every shard's rule groups, alerts summed, the first budget found. One unreachable shard
   * makes the whole instance unreachable: its share of the targets cannot be judged.
   *
   * @param shards by shard number
   */
  public static PrometheusState merge(Instance instance, List<PrometheusState> shards) {
    if (shards.size() == 1) {
      return shards.get(0);
    }
    for (int i = 0; i < shards.size(); i++) {
      if (shards.get(i).unreachable() != null) {
        return unreachable(instance, "shard " + i + " (pod " + instance.podOf(i) + "): " + shards.get(i).unreachable());
      }
    }
    Map<String, List<Target>> targets = new TreeMap<>();
    Map<String, List<RuleGroup>> groups = new TreeMap<>();
    Map<String, Map<String, Set<String>>> series = new TreeMap<>();
    Map<String, Map<String, Integer>> firing = new TreeMap<>();
    Map<String, Map<String, ObjectiveLive>> objectives = new TreeMap<>();
    for (PrometheusState s : shards) {
      s.targets().forEach((pool, ts) -> targets.computeIfAbsent(pool, k -> new ArrayList<>()).addAll(ts));
      s.groups().forEach((name, gs) -> groups.computeIfAbsent(name, k -> new ArrayList<>()).addAll(gs));
      s.series().forEach((job, names) -> names.forEach((name, les) -> series.computeIfAbsent(job, k -> new TreeMap<>())
          .computeIfAbsent(name, k -> new TreeSet<>()).addAll(les)));
      s.firing().forEach((job, alerts) -> alerts.forEach((alert, n) -> firing.computeIfAbsent(job, k -> new TreeMap<>())
          .merge(alert, n, Integer::sum)));
      s.objectives().forEach((job, live) -> live.forEach((slo, l) ->
          objectives.computeIfAbsent(job, k -> new TreeMap<>()).putIfAbsent(slo, l)));
    }
    return new PrometheusState(instance, null, targets, groups, series, firing, objectives);
  }

  private static Map<String, List<Target>> targets(PrometheusApi api, Wanted wanted) throws PrometheusApi.Unreachable {
    return api.activeTargets().stream()
        .filter(t -> wanted.pools().contains(t.scrapePool()))
        .collect(Collectors.groupingBy(Target::scrapePool, TreeMap::new, Collectors.toList()));
  }

  private static Map<String, List<RuleGroup>> groups(PrometheusApi api, Wanted wanted)
      throws PrometheusApi.Unreachable {
    return api.ruleGroups().stream()
        .filter(g -> wanted.groups().contains(g.name()))
        .collect(Collectors.groupingBy(RuleGroup::name, TreeMap::new, Collectors.toList()));
  }

  public static PrometheusState unreachable(Instance instance, String why) {
    return new PrometheusState(instance, why, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** Which of these metrics exist, by job, and the {@code le} values of histogram buckets among them. */
  static String seriesQuery(Collection<String> metricNames) {
    List<String> names = new ArrayList<>(new TreeSet<>(metricNames));
    return "group by (namespace, job, __name__, le) ({__name__=~\"" + String.join("|", names) + "\"})";
  }

  public static String key(String namespace, String job) {
    return namespace + "/" + job;
  }
}
