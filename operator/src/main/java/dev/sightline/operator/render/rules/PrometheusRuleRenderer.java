package dev.sightline.operator.render.rules;

import dev.sightline.operator.render.GeneratedMetadata;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroupBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the PrometheusRule: the service's group (recording rules, then golden-signal alerts, then SLO burn-rate
 * alerts) and the slow group (budgets, and the named objectives' slow-burn tickets).
 */
public final class PrometheusRuleRenderer {
  private PrometheusRuleRenderer() {}

  public static PrometheusRule render(ObservedServiceModel model) {
    // One group: Prometheus evaluates a group's rules in order, so every alert sees the recording rules of
    // the same evaluation. Separate groups run independently and an alert could lag a recording by one interval.
    List<Rule> rules = new ArrayList<>(RecordingRules.render(model));
    rules.addAll(ObjectiveRules.render(model));
    rules.addAll(GoldenSignalAlerts.render(model));
    rules.addAll(BurnRateAlerts.render(model));
    List<RuleGroup> groups = new ArrayList<>();
    groups.add(new RuleGroupBuilder().withName(GeneratedNames.ruleGroup(model)).withRules(rules).build());
    // the budgets and the named objectives' slow-burn tickets: read days of samples, need no fresher answer
    groups.add(new RuleGroupBuilder().withName(GeneratedNames.slowRuleGroup(model))
        .withInterval(ObjectiveRules.SLOW_INTERVAL).withRules(ObjectiveRules.slow(model)).build());
    return new PrometheusRuleBuilder()
        .withMetadata(GeneratedMetadata.forPrometheusRule(model, GeneratedNames.prometheusRule(model.name())))
        .withNewSpec()
        .withGroups(groups)
        .endSpec()
        .build();
  }

  /**
   * The names of the alerts the rule defines, in its order, for the dashboard's tiles and the routing's
   * matchers: read from the definitions, without rendering a rule.
   */
  public static List<String> alertNames(ObservedServiceModel model) {
    List<String> names = new ArrayList<>();
    GoldenSignalAlerts.defined(model).forEach(d -> names.add(model.alerts().namePrefix() + d.name()));
    BurnRateAlerts.names(model).forEach(n -> names.add(model.alerts().namePrefix() + n));
    return names;
  }
}
