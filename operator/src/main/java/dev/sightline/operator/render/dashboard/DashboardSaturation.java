package dev.sightline.operator.render.dashboard;

import static dev.sightline.operator.render.dashboard.DashboardPanels.always;
import static dev.sightline.operator.render.dashboard.DashboardPanels.when;

import dev.sightline.operator.render.Expr;
import dev.sightline.operator.render.PromQl;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.render.dashboard.DashboardPanels.Entry;
import dev.sightline.operator.render.dashboard.DashboardPanels.Q;
import java.util.List;
import java.util.Map;

/**
 * The saturation row: for any service, from what every kube-prometheus-stack cluster scrapes (the
 * kubelet's cAdvisor: container CPU, throttling, memory; kube-state-metrics: limits, restarts,
 * OOM kills, replicas), joined to the service's pods through its own scrape targets ({@code up} has
 * the pod label prometheus-operator sets); then the JVM, for services that expose micrometer's.
 */
final class DashboardSaturation {
  private static final String RATE = DashboardPanels.RATE;
  private static final Map<String, String> HEAP = Map.of("area", "=\"heap\"");

  static final List<Entry> ENTRIES = List.of(
      always((m, q) -> Panel.timeseries("CPU used and limit", "CPU cores each pod's containers use (cAdvisor) and"
              + " their limit (kube-state-metrics; no line without a limit).", "none")
          .query(perPod(q, Expr.rate(containers("container_cpu_usage_seconds_total"), RATE)),
              "used {{pod}}")
          .query(perPod(q, Expr.of(limits("cpu"))), "limit {{pod}}")),
      always((m, q) -> Panel.timeseries("CPU throttled", "Share of CPU periods in which the pods' containers were"
              + " throttled at their CPU limit (cAdvisor); above a few percent, latency suffers.", "percentunit")
          .query(Expr.block(
              perPod(q, Expr.rate(containers("container_cpu_cfs_throttled_periods_total"), RATE)), "/",
              perPod(q, Expr.rate(containers("container_cpu_cfs_periods_total"), RATE))), "{{pod}}")
          .step(0.05, "orange").step(0.25, "red")),
      always((m, q) -> Panel.timeseries("Memory working set and limit", "Memory each pod's containers use as the"
              + " kernel counts it for the OOM killer (cAdvisor working set) and their limit (kube-state-metrics).",
              "bytes")
          .query(perPod(q, Expr.of(containers("container_memory_working_set_bytes"))),
              "used {{pod}}")
          .query(perPod(q, Expr.of(limits("memory"))), "limit {{pod}}")),
      always((m, q) -> Panel.timeseries("Restarts and OOM kills", "Container restarts per pod over the rate"
              + " interval, and containers whose last termination was the OOM killer (kube-state-metrics).", "none")
          .query(perPod(q, Expr.call("increase",
              Expr.of("kube_pod_container_status_restarts_total{namespace=\"$namespace\"}[" + RATE + "]"))),
              "restarts {{pod}}")
          .query(perPod(q, Expr.of(
                  "kube_pod_container_status_last_terminated_reason{namespace=\"$namespace\", reason=\"OOMKilled\"}"))
              .inline("or", Expr.sumBy("pod", pods(q)).inline("*", Expr.number(0))), "OOM killed {{pod}}")),
      always((m, q) -> Panel.timeseries("Replicas available", "Available and desired replicas of the Deployments"
              + " whose pods the service's targets are (kube-state-metrics; through each pod's ReplicaSet).", "none")
          .query(deployments(q).inline("* on (namespace, deployment) group_left ()",
              Expr.of("kube_deployment_status_replicas_available{namespace=\"$namespace\"}")), "available {{deployment}}")
          .query(deployments(q).inline("* on (namespace, deployment) group_left ()",
              Expr.of("kube_deployment_spec_replicas{namespace=\"$namespace\"}")), "desired {{deployment}}")),
      when(DashboardSaturation::jvm, (m, q) -> Panel.timeseries("JVM heap used", "Heap in use and its maximum, per"
              + " instance.", "bytes")
          .query(Expr.sumBy("instance", Expr.of(q.series("jvm_memory_used_bytes", HEAP))), "used {{instance}}")
          .query(Expr.sumBy("instance", Expr.of(q.series("jvm_memory_max_bytes", HEAP))), "max {{instance}}")),
      when(DashboardSaturation::jvm, (m, q) -> Panel.timeseries("GC pause time", "Share of wall-clock time spent in"
              + " GC pauses.", "percentunit")
          .query(q.sumRate("instance", q.series("jvm_gc_pause_seconds_sum")), "{{instance}}")),
      when(DashboardSaturation::jvm, (m, q) -> Panel.timeseries("JVM process CPU", "Process CPU use as a share of"
              + " the CPUs the JVM sees.", "percentunit")
          .query(Expr.aggregate("max", "instance", Expr.of(q.series("process_cpu_usage"))), "{{instance}}")),
      when(DashboardSaturation::jvm, (m, q) -> Panel.timeseries("Threads", "Live JVM threads per instance.", "none")
          .query(Expr.sumBy("instance", Expr.of(q.series("jvm_threads_live_threads"))), "{{instance}}")));

  private DashboardSaturation() {}

  /** The service's pods in the chosen environment and instances: one series per pod, value 1. */
  private static Expr pods(Q q) {
    return Expr.aggregate("group", "namespace, pod", Expr.of(q.series("up")));
  }

  /**
   * The expression for the service's pods only (cAdvisor and kube-state-metrics series have namespace and
   * pod), summed per pod.
   */
  private static Expr perPod(Q q, Expr e) {
    return Expr.sumBy("pod", onPods(q, e));
  }

  private static Expr onPods(Q q, Expr e) {
    return e.inline("* on (namespace, pod) group_left ()", pods(q));
  }

  /** A cAdvisor series of the containers proper (not the pod's cgroup, not the pause container). */
  private static String containers(String metric) {
    return metric + "{namespace=\"$namespace\", container!=\"\", container!=\"POD\"}";
  }

  private static String limits(String resource) {
    return "kube_pod_container_resource_limits{namespace=\"$namespace\", resource=\"" + resource + "\"}";
  }

  /** The Deployments owning the service's pods (pod -> ReplicaSet -> Deployment): one series each, value 1. */
  private static Expr deployments(Q q) {
    Expr replicaSets = ownerAs("replicaset", Expr.aggregate("group", "namespace, owner_name",
        onPods(q, Expr.of("kube_pod_owner{namespace=\"$namespace\", owner_kind=\"ReplicaSet\"}"))));
    return ownerAs("deployment", Expr.aggregate("group", "namespace, owner_name",
        Expr.of("kube_replicaset_owner{namespace=\"$namespace\", owner_kind=\"Deployment\"}").inline(
            "* on (namespace, replicaset) group_left ()", Expr.aggregate("group", "namespace, replicaset", replicaSets))));
  }

  /** The owner_name label copied to a label named for the owner's kind, to join on. */
  private static Expr ownerAs(String label, Expr e) {
    return Expr.call("label_replace", e, Expr.of(PromQl.quote(label)), Expr.of("\"$1\""), Expr.of("\"owner_name\""),
        Expr.of("\"(.*)\""));
  }

  private static boolean jvm(ObservedServiceModel m) {
    return m.metrics().names().jvmMetrics();
  }
}
