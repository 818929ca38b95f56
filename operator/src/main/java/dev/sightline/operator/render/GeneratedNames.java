package dev.sightline.operator.render;

/** Names of the objects generated for an ObservedService. */
public final class GeneratedNames {
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
}
