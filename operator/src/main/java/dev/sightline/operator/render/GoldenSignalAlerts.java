package dev.sightline.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Golden-signal alerts: TargetDown, MetricsAbsent, HighErrorRate, HighLatency and, where the
 * convention exposes them, JVM heap and CPU saturation. Ratio alerts carry a low-traffic guard.
 */
public final class GoldenSignalAlerts {
  private GoldenSignalAlerts() {}

  public static List<Rule> render(ResolvedSpec spec) {
    ResolvedSpec.Alerts a = spec.alerts();
    List<Rule> rules = new ArrayList<>();
    String who = spec.name() + " in namespace " + spec.namespace();
    if (a.targetDown().enabled()) {
      String up = PromQl.series("up", spec);
      rules.add(
          alert(
              spec,
              "TargetDown",
              a.targetDown(),
              "100 * (\n  count by (namespace, job) (" + up + " == 0)\n/\n  count by (namespace, job) (" + up
                  + ")\n) > " + Numbers.format(a.targetDownThreshold()),
              "Scrape targets of " + spec.name() + " are down",
              "{{ $value | humanize }}% of the scrape targets of " + who
                  + " have been down for " + a.targetDown().forDuration() + "; Prometheus cannot see them."));
    }
    if (a.metricsAbsent().enabled()) {
      rules.add(
          alert(
              spec,
              "MetricsAbsent",
              a.metricsAbsent(),
              "absent(" + PromQl.series("up", spec) + ")",
              "Prometheus has no scrape target for " + spec.name(),
              "No target of " + who + " has been discovered for " + a.metricsAbsent().forDuration()
                  + ": the ServiceMonitor selects no endpoint (Service missing, selector or port wrong, or no"
                  + " ready pod)."));
    }
    String traffic =
        "\nand on (namespace, job)\n" + PromQl.series(RecordingRules.REQUESTS_RATE5M, spec) + " >= ";
    if (a.highErrorRate().enabled()) {
      rules.add(
          alert(
              spec,
              "HighErrorRate",
              a.highErrorRate(),
              PromQl.series(RecordingRules.errorRatio(RecordingRules.ERROR_RATIO_FAST_WINDOW), spec) + " > "
                  + Numbers.format(a.errorRateThreshold() / 100.0) + traffic
                  + Numbers.format(a.errorRateMinRps()),
              spec.name() + " fails too many requests",
              "{{ $value | humanizePercentage }} of the requests to " + who
                  + " failed over the last " + RecordingRules.ERROR_RATIO_FAST_WINDOW + " (threshold "
                  + Numbers.format(a.errorRateThreshold()) + "%) for " + a.highErrorRate().forDuration() + "."));
    }
    if (a.highLatency().enabled() && spec.metrics().hasLatency()) {
      int p = a.latencyPercentile();
      rules.add(
          alert(
              spec,
              "HighLatency",
              a.highLatency(),
              PromQl.series(RecordingRules.latencyQuantile(p), spec) + " > "
                  + Numbers.format(a.latencyThresholdSeconds()) + traffic + Numbers.format(a.latencyMinRps()),
              spec.name() + " is slow",
              "The p" + p + " latency of " + who + " is {{ $value | humanizeDuration }} (threshold "
                  + a.latencyThreshold() + ")."));
    }
    if (a.saturation().enabled() && spec.metrics().hasJvmMetrics()) {
      String heap = "sum by (namespace, job, instance) (" + PromQl.series("jvm_memory_used_bytes", spec,
          Map.of("area", "=\"heap\"")) + ")\n/\nsum by (namespace, job, instance) ("
          + PromQl.series("jvm_memory_max_bytes", spec, Map.of("area", "=\"heap\"")) + " > 0)";
      rules.add(
          alert(
              spec,
              "HighHeapUsage",
              a.saturation(),
              "(\n" + heap + "\n) > " + Numbers.format(a.heapThreshold() / 100.0),
              spec.name() + " is running out of JVM heap",
              "{{ $labels.instance }} of " + who + " uses {{ $value | humanizePercentage }} of its maximum heap"
                  + " (threshold " + Numbers.format(a.heapThreshold()) + "%)."));
      rules.add(
          alert(
              spec,
              "HighCpuUsage",
              a.saturation(),
              "max by (namespace, job, instance) (" + PromQl.series("process_cpu_usage", spec) + ") > "
                  + Numbers.format(a.cpuThreshold() / 100.0),
              spec.name() + " is CPU saturated",
              "{{ $labels.instance }} of " + who + " uses {{ $value | humanizePercentage }} of its available CPU"
                  + " (threshold " + Numbers.format(a.cpuThreshold()) + "%)."));
    }
    if (a.saturation().enabled() && a.inFlightThreshold() != null && spec.metrics().inFlight() != null) {
      rules.add(
          alert(
              spec,
              "HighInFlight",
              a.saturation(),
              PromQl.series(RecordingRules.IN_FLIGHT, spec) + " > " + a.inFlightThreshold(),
              spec.name() + " has too many requests in flight",
              "{{ $value | humanize }} requests to " + who + " are in flight (threshold " + a.inFlightThreshold()
                  + "): it is queueing or stuck on a dependency."));
    }
    return rules;
  }

  static Rule alert(
      ResolvedSpec spec, String baseName, ResolvedSpec.Alert alert, String expr, String summary, String description) {
    String name = spec.alerts().namePrefix() + baseName;
    Map<String, String> labels = new TreeMap<>(spec.alerts().labels());
    labels.put("severity", alert.severity());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", summary);
    annotations.put("description", description);
    if (spec.alerts().runbookUrlBase() != null) {
      annotations.put("runbook_url", spec.alerts().runbookUrlBase() + "/" + name);
    }
    return new RuleBuilder()
        .withAlert(name)
        .withExpr(new IntOrString(expr))
        .withFor(alert.forDuration())
        .withLabels(labels)
        .withAnnotations(annotations)
        .build();
  }
}
