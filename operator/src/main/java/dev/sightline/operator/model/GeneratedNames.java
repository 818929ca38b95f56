package dev.sightline.operator.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Names and labels of what is generated for an ObservedService: the renderers write them, the closed
 * loop looks them up (a scrape pool, a rule group, ALERTS series) without rendering anything.
 */
public final class GeneratedNames {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "sightline";
  public static final String OWNER_LABEL = "sightline.dev/observed-service";

  private GeneratedNames() {}

  public static String serviceMonitor(String name) {
    return name;
  }

  public static String prometheusRule(String name) {
    return name;
  }

  public static String dashboardConfigMap(String name) {
    return name + "-dashboard";
  }

  public static String alertmanagerConfig(String name) {
    return name;
  }

  public static String grafanaDashboard(String name) {
    return name;
  }

  /** ConfigMap key holding the dashboard JSON; the sidecar uses it as file name. */
  public static String dashboardKey(String namespace, String name) {
    return namespace + "-" + name + ".json";
  }

  /** The name of the PrometheusRule's one rule group, as Prometheus's rules API lists it. */
  public static String ruleGroup(ObservedServiceModel model) {
    return "sightline." + model.name();
  }

  /**
   * The rule group of the slow parts (the budgets; the named objectives' long windows and slow-burn tickets),
   * evaluated less often than the service's group.
   */
  public static String slowRuleGroup(ObservedServiceModel model) {
    return ruleGroup(model) + ".slow";
  }

  /** The rule groups the PrometheusRule has: the service's and the slow one. */
  public static java.util.List<String> ruleGroups(ObservedServiceModel model) {
    return java.util.List.of(ruleGroup(model), slowRuleGroup(model));
  }

  /** The scrape pool prometheus-operator gives the ServiceMonitor's one endpoint. */
  public static String scrapePool(ObservedServiceModel model) {
    return "serviceMonitor/" + model.namespace() + "/" + serviceMonitor(model.name()) + "/0";
  }

  /**
   * The labels every generated object carries before any selector label is added: what decides
   * whether a Prometheus selects them as the user wrote them.
   */
  public static Map<String, String> labels(ObservedServiceModel model) {
    Map<String, String> labels = new TreeMap<>(model.commonLabels());
    labels.putAll(ownLabels(model));
    return labels;
  }

  /** The labels that mark an object as this ObservedService's; nothing overrides them. */
  public static Map<String, String> ownLabels(ObservedServiceModel model) {
    return Map.of(MANAGED_BY, MANAGER, OWNER_LABEL, model.name());
  }
}
