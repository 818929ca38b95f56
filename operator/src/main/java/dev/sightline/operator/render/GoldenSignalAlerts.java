package dev.sightline.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** TargetDown, HighErrorRate and HighLatency alerts over the recording rules. */
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
    String traffic =
        "\nand on (namespace, job)\n" + PromQl.series(RecordingRules.REQUESTS_RATE5M, spec) + " >= ";
    if (a.highErrorRate().enabled()) {
      rules.add(
          alert(
              spec,
              "HighErrorRate",
              a.highErrorRate(),
              PromQl.series(RecordingRules.ERROR_RATIO5M, spec) + " > "
                  + Numbers.format(a.errorRateThreshold() / 100.0) + traffic
                  + Numbers.format(a.errorRateMinRps()),
              spec.name() + " fails too many requests",
              "{{ $value | humanizePercentage }} of the requests to " + who
                  + " failed over the last 5 minutes (threshold " + Numbers.format(a.errorRateThreshold()) + "%)."));
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
