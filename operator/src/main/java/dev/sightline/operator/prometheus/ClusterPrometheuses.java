package dev.sightline.operator.prometheus;

import dev.sightline.operator.prometheus.PrometheusSelection.Instance;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.api.model.monitoring.v1.Alertmanager;
import io.fabric8.openshift.api.model.monitoring.v1.Prometheus;
import io.fabric8.openshift.api.model.monitoring.v1.ThanosRuler;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.PrometheusAgent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The cluster's Prometheus, PrometheusAgent and ThanosRuler resources and its namespaces' labels, read
 * once per check cycle: all that prometheus-operator itself uses to decide which instance picks up a
 * ServiceMonitor or PrometheusRule.
 *
 * @param instances every instance, sorted by kind then namespace/name
 * @param namespaceLabels labels of every namespace (the API server adds kubernetes.io/metadata.name)
 * @param alertmanagers every Alertmanager, sorted by namespace/name
 * @param problem why the resources could not be read (forbidden, API error), or null
 */
public record ClusterPrometheuses(
    List<Instance> instances, Map<String, Map<String, String>> namespaceLabels,
    List<AlertmanagerSelection.Instance> alertmanagers, String problem) {

  public static final ClusterPrometheuses NONE = new ClusterPrometheuses(List.of(), Map.of(), List.of(), null);

  /**
   * Five list calls: Prometheuses, PrometheusAgents, ThanosRulers, Alertmanagers, Namespaces. A missing
   * CRD reads as no instances.
   */
  public static ClusterPrometheuses read(KubernetesClient client, Runnable countCall) {
    List<Instance> instances = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    list(() -> client.resources(Prometheus.class).inAnyNamespace().list().getItems(), countCall, problems,
        "prometheuses.monitoring.coreos.com")
        .forEach(p -> instances.add(Instance.of(p)));
    list(() -> client.resources(PrometheusAgent.class).inAnyNamespace().list().getItems(), countCall, problems,
        "prometheusagents.monitoring.coreos.com")
        .forEach(a -> instances.add(Instance.of(a)));
    list(() -> client.resources(ThanosRuler.class).inAnyNamespace().list().getItems(), countCall, problems,
        "thanosrulers.monitoring.coreos.com")
        .forEach(t -> instances.add(Instance.of(t)));
    instances.sort(Comparator.comparing(Instance::kind).thenComparing(Instance::id));
    List<AlertmanagerSelection.Instance> alertmanagers = new ArrayList<>();
    list(() -> client.resources(Alertmanager.class).inAnyNamespace().list().getItems(), countCall, problems,
        "alertmanagers.monitoring.coreos.com")
        .forEach(a -> alertmanagers.add(AlertmanagerSelection.Instance.of(a)));
    alertmanagers.sort(Comparator.comparing(a -> a.namespace() + "/" + a.name()));
    Map<String, Map<String, String>> namespaces = new TreeMap<>();
    for (Namespace n : list(() -> client.namespaces().list().getItems(), countCall, problems, "namespaces")) {
      Map<String, String> labels = n.getMetadata().getLabels();
      namespaces.put(n.getMetadata().getName(), labels == null ? Map.of() : new TreeMap<>(labels));
    }
    return new ClusterPrometheuses(List.copyOf(instances), namespaces, List.copyOf(alertmanagers),
        problems.isEmpty() ? null : String.join("; ", problems));
  }

  /** The labels of a namespace; the API server's own name label when the namespace could not be read. */
  public Map<String, String> labelsOf(String namespace) {
    return namespaceLabels.getOrDefault(namespace, Map.of("kubernetes.io/metadata.name", namespace));
  }

  private static <T> List<T> list(Supplier<List<T>> call, Runnable countCall, List<String> problems, String what) {
    countCall.run();
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) { // 404: prometheus-operator's CRDs are not installed, so there are no instances
        problems.add("cannot list " + what + " (HTTP " + e.getCode() + "): "
            + (e.getCode() == 403 ? "the operator's RBAC must allow get and list on it" : e.getMessage()));
      }
      return List.of();
    }
  }
}
