package dev.sightline.operator.render;

import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroupBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders the PrometheusRule: recording rules, then golden-signal alerts, then SLO burn-rate alerts. */
public final class PrometheusRuleRenderer {
  private PrometheusRuleRenderer() {}

  public static PrometheusRule render(ObservedServiceModel model) {
    // One group: Prometheus evaluates a group's rules in order, so every alert sees the recording rules of
    // the same evaluation. Separate groups run independently and an alert could lag a recording by one interval.
    List<Rule> rules = new ArrayList<>(RecordingRules.render(model));
    rules.addAll(GoldenSignalAlerts.render(model));
    rules.addAll(BurnRateAlerts.render(model));
    RuleGroup group = new RuleGroupBuilder().withName("sightline." + model.name()).withRules(rules).build();
    return new PrometheusRuleBuilder()
        .withMetadata(GeneratedMetadata.of(model, GeneratedNames.prometheusRule(model.name()), Map.of()))
        .withNewSpec()
        .withGroups(group)
        .endSpec()
        .build();
  }
}
