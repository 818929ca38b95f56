package dev.sightline.operator.prometheus;

import dev.sightline.operator.prometheus.PrometheusSelection.Fix;
import dev.sightline.operator.prometheus.PrometheusSelection.Instance;
import dev.sightline.operator.prometheus.PrometheusSelection.Kind;
import dev.sightline.operator.status.Check;
import dev.sightline.operator.status.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which Prometheus servers pick up one ObservedService's ServiceMonitor and PrometheusRule, the
 * labels Sightline adds so that one does, and, when none does, what to change.
 *
 * @param selectedBy the Prometheus servers that select both objects (with the added labels)
 * @param addedLabels the selector labels to add (empty when commonLabels suffice or adding is off)
 * @param outcome NoPrometheus, NotSelected or Selected
 * @param message for status: who selects, or what to change
 */
public record Selection(List<Instance> selectedBy, Map<String, String> addedLabels, Outcome outcome, String message) {

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
    List<Instance> servers = cluster.instances().stream().filter(i -> i.kind() == Kind.PROMETHEUS).toList();
    if (servers.isEmpty()) {
      String agents = cluster.instances().isEmpty() ? ""
          : " (" + titles(cluster.instances()) + " evaluates no rules)";
      return new Selection(List.of(), Map.of(), Outcome.NO_PROMETHEUS,
          "no Prometheus resource in the cluster" + agents + ": install prometheus-operator with a Prometheus,"
              + " e.g. the kube-prometheus-stack Helm chart");
    }
    Map<String, String> nsLabels = cluster.labelsOf(namespace);
    List<Instance> selecting = selecting(servers, namespace, nsLabels, labels);
    if (!selecting.isEmpty()) {
      return new Selection(selecting, Map.of(), Outcome.SELECTED, "selected by " + titles(selecting));
    }
    // what each server needs; impossible ones say why
    Map<Instance, Fix> fixes = new java.util.LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Instance p : servers) {
      Fix monitor = p.serviceMonitorFix(namespace, nsLabels, labels);
      Fix rule = p.ruleFix(namespace, nsLabels, labels);
      Fix both = merge(p, monitor, rule);
      if (both.possible()) {
        fixes.put(p, both);
      } else {
        problems.add(both.problem());
      }
    }
    if (addLabels && !fixes.isEmpty()) {
      Map<String, String> added = new TreeMap<>();
      String conflict = null;
      for (var e : fixes.entrySet()) {
        for (var l : e.getValue().labels().entrySet()) {
          String before = added.putIfAbsent(l.getKey(), l.getValue());
          if (before != null && !before.equals(l.getValue())) {
            conflict = "the Prometheus servers select by conflicting labels (" + l.getKey() + "=" + before + " and "
                + l.getKey() + "=" + l.getValue() + "): choose one in commonLabels, e.g. {" + l.getKey() + ": "
                + before + "}";
          }
        }
      }
      if (conflict == null) {
        Map<String, String> with = new TreeMap<>(labels);
        with.putAll(added);
        List<Instance> now = selecting(servers, namespace, nsLabels, with);
        return new Selection(now, added, Outcome.SELECTED, "selected by " + titles(now) + " (labels added: "
            + describe(added) + "; addSelectorLabels: false turns this off)");
      }
      problems.add(0, conflict);
    }
    List<String> advice = new ArrayList<>();
    fixes.forEach((p, fix) -> advice.add(p.title() + " selects ServiceMonitors and PrometheusRules labelled "
        + describe(fix.labels()) + ": add commonLabels: {" + yaml(fix.labels()) + "}"
        + (addLabels ? "" : " or remove addSelectorLabels: false")));
    advice.addAll(problems);
    return new Selection(List.of(), Map.of(), Outcome.NOT_SELECTED, "no Prometheus selects the ServiceMonitor and"
        + " PrometheusRule: " + String.join("; ", advice));
  }

  private static List<Instance> selecting(List<Instance> servers, String namespace, Map<String, String> nsLabels,
      Map<String, String> labels) {
    return servers.stream()
        .filter(p -> p.selectsServiceMonitor(namespace, nsLabels, labels) && p.selectsRule(namespace, nsLabels, labels))
        .toList();
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
