package dev.sightline.operator.render;

import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroupBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders the PrometheusRule: one group of recording rules, one of alerts (golden signals, then SLO burn rates). */
public final class PrometheusRuleRenderer {
  private PrometheusRuleRenderer() {}

  public static PrometheusRule render(ResolvedSpec spec) {
    List<RuleGroup> groups = new ArrayList<>();
    groups.add(
        new RuleGroupBuilder()
            .withName("sightline." + spec.name() + ".recording")
            .withRules(RecordingRules.render(spec))
            .build());
    var alerts = new ArrayList<>(GoldenSignalAlerts.render(spec));
    alerts.addAll(BurnRateAlerts.render(spec));
    if (!alerts.isEmpty()) {
      groups.add(new RuleGroupBuilder().withName("sightline." + spec.name() + ".alerts").withRules(alerts).build());
    }
    return new PrometheusRuleBuilder()
        .withMetadata(GeneratedMetadata.of(spec, GeneratedNames.prometheusRule(spec.name()), Map.of()))
        .withNewSpec()
        .withGroups(groups)
        .endSpec()
        .build();
  }
}
