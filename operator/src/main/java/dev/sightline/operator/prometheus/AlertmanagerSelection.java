package dev.sightline.operator.prometheus;

import dev.sightline.operator.status.Check;
import dev.sightline.operator.status.Reason;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.openshift.api.model.monitoring.v1.Alertmanager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which Alertmanager instances pick up the AlertmanagerConfig of an ObservedService, by
 * prometheus-operator's rules (as for Prometheus: a null alertmanagerConfigSelector selects nothing,
 * a null namespace selector only the instance's own namespace), said as the Routed condition. Unlike
 * for Prometheus, Sightline adds no labels: it says which ones to put in commonLabels.
 */
public final class AlertmanagerSelection {
  private AlertmanagerSelection() {}

  /** The selectors of one Alertmanager. */
  public record Instance(String namespace, String name, LabelSelector configSelector,
      LabelSelector configNamespaceSelector) {
    public static Instance of(Alertmanager a) {
      var s = a.getSpec();
      return new Instance(a.getMetadata().getNamespace(), a.getMetadata().getName(),
          s == null ? null : s.getAlertmanagerConfigSelector(),
          s == null ? null : s.getAlertmanagerConfigNamespaceSelector());
    }

    String title() {
      return "Alertmanager " + namespace + "/" + name;
    }
  }

  /** The Routed condition for an AlertmanagerConfig with these labels in this namespace. */
  public static Check judge(ClusterPrometheuses cluster, String namespace, String name, Map<String, String> labels) {
    if (cluster.problem() != null) {
      return Check.unknown(Reason.AlertmanagersUnreadable, cluster.problem());
    }
    List<Instance> instances = cluster.alertmanagers();
    if (instances.isEmpty()) {
      return Check.failed(Reason.NoAlertmanager, "no Alertmanager resource in the cluster: prometheus-operator hands"
          + " AlertmanagerConfig " + namespace + "/" + name + " only to the Alertmanagers it manages");
    }
    Map<String, String> namespaceLabels = cluster.labelsOf(namespace);
    List<String> selecting = instances.stream().filter(i -> PrometheusSelection.selects(i.configSelector(),
        i.configNamespaceSelector(), i.namespace(), namespace, namespaceLabels, labels)).map(Instance::title).toList();
    if (!selecting.isEmpty()) {
      return Check.ok(Reason.AlertmanagerSelected, "AlertmanagerConfig " + namespace + "/" + name + " selected by "
          + String.join(", ", selecting));
    }
    List<String> why = new ArrayList<>();
    for (Instance i : instances) {
      PrometheusSelection.Fix fix = PrometheusSelection.fix(i.title(), "AlertmanagerConfigs", "alertmanagerConfigSelector",
          i.configSelector(), "alertmanagerConfigNamespaceSelector", i.configNamespaceSelector(), i.namespace(),
          namespace, namespaceLabels, labels);
      why.add(fix.possible() ? i.title() + " selects it with commonLabels " + fix.labels().entrySet().stream()
          .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ", "{", "}")) : fix.problem());
    }
    return Check.failed(Reason.AlertmanagerNotSelected, "no Alertmanager selects AlertmanagerConfig " + namespace + "/"
        + name + ": " + String.join("; ", why));
  }
}
