package dev.sightline.operator.prometheus;

import dev.sightline.operator.prometheus.PrometheusSelection.Fix;
import dev.sightline.operator.prometheus.PrometheusSelection.Instance;
import dev.sightline.operator.prometheus.PrometheusSelection.Kind;
import dev.sightline.operator.status.Check;
import dev.sightline.operator.status.Reason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which Prometheus servers pick up one ObservedService's ServiceMonitor and PrometheusRule, the
 * labels Sightline adds so that one does, and, when none does, what to change. Rules may also be
 * evaluated by a ThanosRuler (over all of a sharded Prometheus's data, through a Thanos Querier):
 * then one Prometheus scrapes and the ThanosRuler evaluates. Where the rules run is judged too
 * ({@link #placement}): a sharded Prometheus evaluates them on its share of the targets only, and
 * two evaluators record every series and fire every alert twice.
 *
 * @param selectedBy the instances to ask: who scrapes and who evaluates
 * @param addedLabels the selector labels to add to the ServiceMonitor (empty when commonLabels suffice or adding
 *     is off)
 * @param outcome NoPrometheus, NotSelected or Selected
 * @param message for status: who selects, or what to change
 * @param scrapedBy the Prometheus servers (or, for a ThanosRuler, PrometheusAgents) that scrape the service
 * @param evaluatedBy the Prometheus servers and ThanosRulers that evaluate the PrometheusRule
 * @param placement why the rules are evaluated where their results are not true, or null
 * @param addedRuleLabels the selector labels to add to the PrometheusRule: the same as the ServiceMonitor's, but
 *     when a ThanosRuler evaluates what a sharded Prometheus scrapes, only those the ThanosRuler selects by
 */
public record Selection(List<Instance> selectedBy, Map<String, String> addedLabels, Outcome outcome, String message,
    List<Instance> scrapedBy, List<Instance> evaluatedBy, Check placement, Map<String, String> addedRuleLabels) {

  /** Selected by instances that each scrape the service and evaluate its rules. */
  public Selection(List<Instance> selectedBy, Map<String, String> addedLabels, Outcome outcome, String message) {
    this(selectedBy, addedLabels, outcome, message, selectedBy, selectedBy, null, addedLabels);
  }

  /** How selection turned out. */
  public enum Outcome { SELECTED, NOT_SELECTED, NO_PROMETHEUS, UNKNOWN }

  /** The Selected condition. */
  public Check check() {
    return switch (outcome) {
      case SELECTED -> Check.ok(Reason.Selected, message);
      case NOT_SELECTED -> Check.failed(Reason.NotSelected, message);
      case NO_PROMETHEUS -> Check.failed(Reason.NoPrometheus, message);
      case UNKNOWN -> Check.unknown(Reason.PrometheusesUnreadable, message);
    };
  }

  public boolean selected() {
    return outcome == Outcome.SELECTED;
  }

  /**
   * Decides selection as prometheus-operator does, from the labels the objects carry without any
   * selector label.
   *
   * @param labels the labels of the ServiceMonitor and PrometheusRule before selector labels
   * @param addLabels whether Sightline may add the labels a Prometheus selects by
   */
  public static Selection of(ClusterPrometheuses cluster, String namespace, Map<String, String> labels,
      boolean addLabels) {
    if (cluster.problem() != null && cluster.instances().isEmpty()) {
      return new Selection(List.of(), Map.of(), Outcome.UNKNOWN, cluster.problem());
    }
    List<Instance> servers = of(cluster, Kind.PROMETHEUS);
    List<Instance> agents = of(cluster, Kind.AGENT);
    List<Instance> rulers = of(cluster, Kind.THANOS_RULER);
    // a ThanosRuler can evaluate what agents scrape (remote-written where its Thanos Querier reads)
    if (servers.isEmpty() && (agents.isEmpty() || rulers.isEmpty())) {
      List<String> lacking = new ArrayList<>();
      agents.forEach(a -> lacking.add(a.title() + " evaluates no rules"));
      rulers.forEach(r -> lacking.add(r.title() + " scrapes nothing"));
      return new Selection(List.of(), Map.of(), Outcome.NO_PROMETHEUS, "no Prometheus resource in the cluster"
          + (lacking.isEmpty() ? "" : " (" + String.join(", ", lacking) + ")")
          + ": install prometheus-operator with a Prometheus, e.g. the kube-prometheus-stack Helm chart");
    }
    Map<String, String> nsLabels = cluster.labelsOf(namespace);
    Selection placed = placed(servers, agents, rulers, namespace, nsLabels, Labelled.of(labels, Map.of()),
        Labelled.of(labels, Map.of()), "");
    if (placed != null) {
      return placed;
    }
    // what each instance needs; impossible ones say why
    Map<Instance, Fix> fixes = new LinkedHashMap<>(); // a Prometheus for both objects
    Map<Instance, Fix> ruleFixes = new LinkedHashMap<>(); // a ThanosRuler for the PrometheusRule
    List<String> problems = new ArrayList<>();
    for (Instance p : servers) {
      Fix both = merge(p, p.serviceMonitorFix(namespace, nsLabels, labels), p.ruleFix(namespace, nsLabels, labels));
      if (both.possible()) {
        fixes.put(p, both);
      } else {
        problems.add(both.problem());
      }
    }
    for (Instance r : rulers) {
      Fix rule = r.ruleFix(namespace, nsLabels, labels);
      if (rule.possible()) {
        ruleFixes.put(r, rule);
      } else {
        problems.add(rule.problem());
      }
    }
    List<Need> needs = new ArrayList<>();
    if (ruleFixes.isEmpty() || fixes.keySet().stream().anyMatch(p -> p.shards() == 1)) {
      // a whole Prometheus can scrape and evaluate: as without ThanosRulers (the Thanos docs' advice too)
      fixes.forEach((p, fix) -> needs.add(new Need(p, fix, true, true)));
    } else {
      // only sharded servers or agents scrape: a ThanosRuler evaluates, and its labels help only with a scraper's
      Stream.concat(servers.stream(), agents.stream()).forEach(p -> {
        Fix monitor = p.serviceMonitorFix(namespace, nsLabels, labels);
        if (monitor.possible()) {
          needs.add(new Need(p, monitor, true, false));
        } else if (p.kind() == Kind.AGENT) {
          problems.add(monitor.problem());
        }
      });
      if (!needs.isEmpty()) { // a scraper's labels, so a ThanosRuler's help
        ruleFixes.forEach((r, fix) -> needs.add(new Need(r, fix, false, true)));
      }
    }
    if (addLabels && !needs.isEmpty()) {
      Map<String, String> monitorAdded = new TreeMap<>();
      Map<String, String> ruleAdded = new TreeMap<>();
      String conflict = null;
      for (Need need : needs) {
        String onMonitor = need.onMonitor() ? add(monitorAdded, need.fix().labels()) : null;
        String onRule = need.onRule() ? add(ruleAdded, need.fix().labels()) : null;
        if (onRule != null || onMonitor != null) {
          conflict = onRule != null ? onRule : onMonitor;
        }
      }
      if (conflict == null) {
        String note = monitorAdded.equals(ruleAdded) ? describe(monitorAdded)
            : (monitorAdded.isEmpty() ? "" : describe(monitorAdded) + " on the ServiceMonitor")
                + (monitorAdded.isEmpty() || ruleAdded.isEmpty() ? "" : ", ")
                + (ruleAdded.isEmpty() ? "" : describe(ruleAdded) + " on the PrometheusRule");
        Selection selected = placed(servers, agents, rulers, namespace, nsLabels, Labelled.of(labels, monitorAdded),
            Labelled.of(labels, ruleAdded), " (labels added: " + note + "; addSelectorLabels: false turns this off)");
        if (selected != null) {
          return selected;
        }
      } else {
        problems.add(0, conflict);
      }
    }
    List<String> advice = new ArrayList<>();
    needs.forEach(n -> advice.add(n.who().title() + " selects " + n.what() + " labelled " + describe(n.fix().labels())
        + ": add commonLabels: {" + yaml(n.fix().labels()) + "}"
        + (addLabels ? "" : " or remove addSelectorLabels: false")));
    advice.addAll(problems);
    return new Selection(List.of(), Map.of(), Outcome.NOT_SELECTED, (servers.isEmpty()
        ? "no PrometheusAgent selects the ServiceMonitor with a ThanosRuler selecting the PrometheusRule: "
        : "no Prometheus selects the ServiceMonitor and PrometheusRule: ") + String.join("; ", advice));
  }

  /** The labels an instance selects objects by, and the objects they go on. */
  private record Need(Instance who, Fix fix, boolean onMonitor, boolean onRule) {
    String what() {
      return onMonitor && onRule ? "ServiceMonitors and PrometheusRules" : onMonitor ? "ServiceMonitors"
          : "PrometheusRules";
    }
  }

  /** Adds the labels to those an object gets; the last label whose value differs from one added before, in words. */
  private static String add(Map<String, String> added, Map<String, String> labels) {
    String conflict = null;
    for (var l : labels.entrySet()) {
      String before = added.putIfAbsent(l.getKey(), l.getValue());
      if (before != null && !before.equals(l.getValue())) {
        conflict = "the Prometheus servers select by conflicting labels (" + l.getKey() + "=" + before + " and "
            + l.getKey() + "=" + l.getValue() + "): choose one in commonLabels, e.g. {" + l.getKey() + ": "
            + before + "}";
      }
    }
    return conflict;
  }

  /** An object's labels: all it carries, and those of them Sightline adds for a selector. */
  private record Labelled(Map<String, String> all, Map<String, String> added) {
    static Labelled of(Map<String, String> own, Map<String, String> added) {
      Map<String, String> all = new TreeMap<>(own);
      all.putAll(added);
      return new Labelled(all, added);
    }
  }

  /**
   * Selected with these labels, or null: by the Prometheus servers that select both objects (and the
   * ThanosRulers that select the rules as well), else by those that select the ServiceMonitor with the
   * ThanosRulers that select the rules.
   */
  private static Selection placed(List<Instance> servers, List<Instance> agents, List<Instance> rulers,
      String namespace, Map<String, String> nsLabels, Labelled monitor, Labelled rule, String addedNote) {
    List<Instance> rulersSelecting = rulers.stream().filter(r -> r.selectsRule(namespace, nsLabels, rule.all()))
        .toList();
    List<Instance> both = servers.stream()
        .filter(p -> p.selectsServiceMonitor(namespace, nsLabels, monitor.all())
            && p.selectsRule(namespace, nsLabels, rule.all()))
        .toList();
    List<Instance> scrapers;
    List<Instance> evaluators = new ArrayList<>();
    String message;
    if (!both.isEmpty() && rulersSelecting.isEmpty()) {
      scrapers = both;
      evaluators.addAll(both);
      message = "selected by " + titles(both);
    } else {
      scrapers = both.isEmpty()
          ? Stream.concat(servers.stream(), agents.stream())
              .filter(p -> p.selectsServiceMonitor(namespace, nsLabels, monitor.all())).toList()
          : both;
      if (scrapers.isEmpty() || rulersSelecting.isEmpty()) {
        return null;
      }
      evaluators.addAll(both);
      evaluators.addAll(rulersSelecting);
      message = "ServiceMonitor selected by " + titles(scrapers) + ", PrometheusRule by " + titles(evaluators);
    }
    List<Instance> asked = new ArrayList<>(scrapers);
    evaluators.stream().filter(e -> !asked.contains(e)).forEach(asked::add);
    return new Selection(List.copyOf(asked), monitor.added(), Outcome.SELECTED, message + addedNote, scrapers,
        List.copyOf(evaluators), placement(evaluators), rule.added());
  }

  /** Why the rules' results are not true where they are evaluated, or null. */
  private static Check placement(List<Instance> evaluators) {
    List<Instance> sharded = evaluators.stream().filter(e -> e.shards() > 1).toList();
    List<Instance> rulers = evaluators.stream().filter(e -> e.kind() == Kind.THANOS_RULER).toList();
    if (!sharded.isEmpty()) {
      Instance p = sharded.get(0);
      return Check.failed(Reason.ShardedRules, p.title() + " runs " + p.shards() + " shards and evaluates the"
          + " PrometheusRule: each shard scrapes part of the targets and evaluates every rule on its part only, so"
          + " the error ratios, budgets and burn-rate alerts see part of the traffic, and the shards record the same"
          + " series with different values. " + (rulers.isEmpty()
              ? "Evaluate the rules in a ThanosRuler that queries all shards through a Thanos Querier"
              : "Leave them to " + titles(rulers))
          + ", and stop " + p.title() + " from selecting them (with spec.ruleSelector unset it evaluates no"
          + " PrometheusRules)");
    }
    if (evaluators.size() > 1 && !rulers.isEmpty()) {
      Instance keep = rulers.get(0);
      List<Instance> others = evaluators.stream().filter(e -> e != keep).toList();
      return Check.failed(Reason.DoubleEvaluation, titles(evaluators) + (evaluators.size() == 2 ? " both" : " all")
          + " evaluate the PrometheusRule: each"
          + " records the same series and fires the same alerts, so queries through Thanos see them twice and"
          + " Alertmanager gets every alert from two senders. Keep one: e.g. only " + keep.title() + ", with "
          + titles(others) + " no longer selecting the PrometheusRule (spec.ruleSelector)");
    }
    return null;
  }

  private static Fix merge(Instance p, Fix monitor, Fix rule) {
    if (!monitor.possible()) {
      return monitor;
    }
    if (!rule.possible()) {
      return rule;
    }
    Map<String, String> labels = new TreeMap<>(monitor.labels());
    for (var e : rule.labels().entrySet()) {
      String before = labels.putIfAbsent(e.getKey(), e.getValue());
      if (before != null && !before.equals(e.getValue())) {
        return new Fix(Map.of(), p.title() + " selects ServiceMonitors labelled " + e.getKey() + "=" + before
            + " but PrometheusRules labelled " + e.getKey() + "=" + e.getValue()
            + ": one label cannot satisfy both");
      }
    }
    return new Fix(labels, null);
  }

  private static List<Instance> of(ClusterPrometheuses cluster, Kind kind) {
    return cluster.instances().stream().filter(i -> i.kind() == kind).toList();
  }

  private static String titles(List<Instance> instances) {
    return instances.stream().map(Instance::title).collect(Collectors.joining(", "));
  }

  private static String describe(Map<String, String> labels) {
    return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  private static String yaml(Map<String, String> labels) {
    return labels.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
  }
}
