package dev.sightline.operator.prometheus;

import dev.sightline.operator.model.Selectors;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.openshift.api.model.monitoring.v1.Prometheus;
import io.fabric8.openshift.api.model.monitoring.v1.ThanosRuler;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.PrometheusAgent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which Prometheus instances pick up a ServiceMonitor or a PrometheusRule, by prometheus-operator's
 * rules (the field docs of its CRDs): an object selector that is null matches no object, an empty one
 * every object; a namespace selector that is null matches the instance's own namespace only, an
 * empty one every namespace. A PrometheusAgent evaluates no rules; a ThanosRuler evaluates rules and
 * scrapes nothing.
 */
public final class PrometheusSelection {
  private PrometheusSelection() {}

  /** Prometheus, PrometheusAgent or ThanosRuler, as messages name the kind. */
  public enum Kind {
    PROMETHEUS("Prometheus"), AGENT("PrometheusAgent"), THANOS_RULER("ThanosRuler");

    private final String title;

    Kind(String title) {
      this.title = title;
    }
  }

  /**
   * The selectors of one instance.
   *
   * @param shards how many servers split its targets (prometheus-operator's spec.shards, at least 1);
   *     each shard scrapes its share and evaluates every selected rule on that share only
   * @param queryUrl where what it records can be queried when that is not the instance itself: a
   *     ThanosRuler's first query endpoint (a Thanos Querier), or null
   */
  public record Instance(
      Kind kind,
      String namespace,
      String name,
      LabelSelector serviceMonitorSelector,
      LabelSelector serviceMonitorNamespaceSelector,
      LabelSelector ruleSelector,
      LabelSelector ruleNamespaceSelector,
      String routePrefix,
      int shards,
      String queryUrl) {

    public Instance {
      shards = Math.max(1, shards);
    }

    public Instance(Kind kind, String namespace, String name, LabelSelector serviceMonitorSelector,
        LabelSelector serviceMonitorNamespaceSelector, LabelSelector ruleSelector, LabelSelector ruleNamespaceSelector,
        String routePrefix, int shards) {
      this(kind, namespace, name, serviceMonitorSelector, serviceMonitorNamespaceSelector, ruleSelector,
          ruleNamespaceSelector, routePrefix, shards, null);
    }

    /** An instance of one shard. */
    public Instance(Kind kind, String namespace, String name, LabelSelector serviceMonitorSelector,
        LabelSelector serviceMonitorNamespaceSelector, LabelSelector ruleSelector, LabelSelector ruleNamespaceSelector,
        String routePrefix) {
      this(kind, namespace, name, serviceMonitorSelector, serviceMonitorNamespaceSelector, ruleSelector,
          ruleNamespaceSelector, routePrefix, 1);
    }

    public static Instance of(Prometheus p) {
      var s = p.getSpec();
      return new Instance(Kind.PROMETHEUS, p.getMetadata().getNamespace(), p.getMetadata().getName(),
          s == null ? null : s.getServiceMonitorSelector(), s == null ? null : s.getServiceMonitorNamespaceSelector(),
          s == null ? null : s.getRuleSelector(), s == null ? null : s.getRuleNamespaceSelector(),
          s == null ? null : s.getRoutePrefix(), s == null || s.getShards() == null ? 1 : s.getShards());
    }

    public static Instance of(PrometheusAgent a) {
      var s = a.getSpec();
      return new Instance(Kind.AGENT, a.getMetadata().getNamespace(), a.getMetadata().getName(),
          s == null ? null : s.getServiceMonitorSelector(), s == null ? null : s.getServiceMonitorNamespaceSelector(),
          null, null, s == null ? null : s.getRoutePrefix(), s == null || s.getShards() == null ? 1 : s.getShards());
    }

    public static Instance of(ThanosRuler t) {
      var s = t.getSpec();
      return new Instance(Kind.THANOS_RULER, t.getMetadata().getNamespace(), t.getMetadata().getName(), null, null,
          s == null ? null : s.getRuleSelector(), s == null ? null : s.getRuleNamespaceSelector(),
          s == null ? null : s.getRoutePrefix(), 1, s == null ? null : queryUrl(s.getQueryEndpoints()));
    }

    /**
     * The HTTP API of the first of a ThanosRuler's queryEndpoints, written as Thanos takes them (host:port,
     * dns+host:port or a URL): the ThanosRuler serves no queries itself, its Querier does. Null for none, or
     * for an SRV lookup (dnssrv+), which only Thanos resolves.
     */
    static String queryUrl(List<String> endpoints) {
      if (endpoints == null || endpoints.isEmpty() || endpoints.get(0).isBlank()
          || endpoints.get(0).startsWith("dnssrv")) {
        return null;
      }
      String endpoint = endpoints.get(0).strip().replaceFirst("^dns\\+", "");
      return endpoint.contains("://") ? endpoint : "http://" + endpoint;
    }

    /** e.g. Prometheus monitoring/k8s or ThanosRuler monitoring/global, as messages name the instance. */
    public String title() {
      return kind.title + " " + id();
    }

    /** namespace/name, as users name the instance. */
    public String id() {
      return namespace + "/" + name;
    }

    /** Kind, namespace and name: a Prometheus and a ThanosRuler may share a namespace/name. */
    public String key() {
      return kind + " " + id();
    }

    /** Whether it evaluates the PrometheusRules it selects (a PrometheusAgent does not). */
    public boolean evaluatesRules() {
      return kind != Kind.AGENT;
    }

    /**
     * The pod prometheus-operator runs as the first replica of a shard: the StatefulSet of shard 0 is
     * prometheus-NAME, of shard n prometheus-NAME-shard-n (prom-agent- for an agent).
     */
    public String podOf(int shard) {
      String base = (kind == Kind.AGENT ? "prom-agent-" : kind == Kind.THANOS_RULER ? "thanos-ruler-" : "prometheus-")
          + name;
      return (shard == 0 ? base : base + "-shard-" + shard) + "-0";
    }

    public boolean selectsServiceMonitor(String objectNamespace, Map<String, String> namespaceLabels,
        Map<String, String> labels) {
      return selects(serviceMonitorSelector, serviceMonitorNamespaceSelector, objectNamespace, namespaceLabels, labels);
    }

    public boolean selectsRule(String objectNamespace, Map<String, String> namespaceLabels, Map<String, String> labels) {
      return evaluatesRules()
          && selects(ruleSelector, ruleNamespaceSelector, objectNamespace, namespaceLabels, labels);
    }

    /** What would make this instance select a ServiceMonitor with these labels in this namespace. */
    public Fix serviceMonitorFix(String objectNamespace, Map<String, String> namespaceLabels, Map<String, String> labels) {
      return fix("ServiceMonitors", "serviceMonitorSelector", serviceMonitorSelector, "serviceMonitorNamespaceSelector",
          serviceMonitorNamespaceSelector, objectNamespace, namespaceLabels, labels);
    }

    /** What would make this instance select a PrometheusRule with these labels in this namespace. */
    public Fix ruleFix(String objectNamespace, Map<String, String> namespaceLabels, Map<String, String> labels) {
      if (kind == Kind.AGENT) {
        return Fix.impossible("PrometheusAgent " + id() + " evaluates no rules");
      }
      return fix("PrometheusRules", "ruleSelector", ruleSelector, "ruleNamespaceSelector", ruleNamespaceSelector,
          objectNamespace, namespaceLabels, labels);
    }

    private boolean selects(LabelSelector objects, LabelSelector namespaces, String objectNamespace,
        Map<String, String> namespaceLabels, Map<String, String> labels) {
      return PrometheusSelection.selects(objects, namespaces, namespace, objectNamespace, namespaceLabels, labels);
    }

    private Fix fix(String what, String selectorField, LabelSelector objects, String namespaceField,
        LabelSelector namespaces, String objectNamespace, Map<String, String> namespaceLabels,
        Map<String, String> labels) {
      return PrometheusSelection.fix(title(), what, selectorField, objects, namespaceField, namespaces, namespace,
          objectNamespace, namespaceLabels, labels);
    }
  }

  /**
   * Whether an instance in {@code instanceNamespace} with these selectors picks up an object, by
   * prometheus-operator's rules for every kind it selects (ServiceMonitors, rules, AlertmanagerConfigs).
   */
  static boolean selects(LabelSelector objects, LabelSelector namespaces, String instanceNamespace,
      String objectNamespace, Map<String, String> namespaceLabels, Map<String, String> labels) {
    return objects != null && watches(namespaces, instanceNamespace, objectNamespace, namespaceLabels)
        && Selectors.matches(objects, labels);
  }

  private static boolean watches(LabelSelector namespaces, String instanceNamespace, String objectNamespace,
      Map<String, String> namespaceLabels) {
    return namespaces == null ? instanceNamespace.equals(objectNamespace) : Selectors.matches(namespaces, namespaceLabels);
  }

  /** What would make the instance {@code who} select an object of kind {@code what} with these labels. */
  static Fix fix(String who, String what, String selectorField, LabelSelector objects, String namespaceField,
      LabelSelector namespaces, String instanceNamespace, String objectNamespace, Map<String, String> namespaceLabels,
      Map<String, String> labels) {
    if (objects == null) {
      return Fix.impossible(who + " selects no " + what + " (spec." + selectorField + " is not set)");
    }
    if (!watches(namespaces, instanceNamespace, objectNamespace, namespaceLabels)) {
      return Fix.impossible(who + " does not watch namespace " + objectNamespace + " (spec." + namespaceField + ": "
          + (namespaces == null ? "not set, so only " + instanceNamespace : Selectors.describe(namespaces)) + ")");
    }
    if (objects.getMatchExpressions() != null && !objects.getMatchExpressions().isEmpty()) {
      LabelSelector expressionsOnly = new LabelSelector(objects.getMatchExpressions(), null);
      if (!Selectors.matches(expressionsOnly, labels)) {
        return Fix.impossible(who + " selects " + what + " by expression (" + Selectors.describe(expressionsOnly)
            + "); Sightline does not guess labels for it");
      }
    }
    Map<String, String> missing = new TreeMap<>();
    if (objects.getMatchLabels() != null) {
      for (var e : new TreeMap<>(objects.getMatchLabels()).entrySet()) {
        String have = labels.get(e.getKey());
        if (have != null && !have.equals(e.getValue())) {
          return Fix.impossible(who + " selects " + what + " labelled " + e.getKey() + "=" + e.getValue()
              + ", but commonLabels sets " + e.getKey() + "=" + have);
        }
        if (have == null) {
          missing.put(e.getKey(), e.getValue());
        }
      }
    }
    return new Fix(missing, null);
  }

  /**
   * The labels to add for an instance to select an object (empty: it already does), or why no labels
   * can do it.
   */
  public record Fix(Map<String, String> labels, String problem) {
    static Fix impossible(String problem) {
      return new Fix(Map.of(), problem);
    }

    public boolean possible() {
      return problem == null;
    }
  }
}
