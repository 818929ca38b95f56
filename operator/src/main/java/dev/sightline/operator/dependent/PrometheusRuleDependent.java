package dev.sightline.operator.dependent;

import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = OwnedDependent.MANAGED_SELECTOR,
    itemStore = PrunedItemStore.GeneratedObjects.class, informerListLimit = OwnedDependent.LIST_PAGE))
public class PrometheusRuleDependent extends OwnedDependent<PrometheusRule> {
  public PrometheusRuleDependent() {
    super(PrometheusRule.class);
  }

  @Override
  protected String name(ObservedServiceModel model) {
    return GeneratedNames.prometheusRule(model.name());
  }

  @Override
  protected PrometheusRule render(ObservedServiceModel model) {
    return PrometheusRuleRenderer.render(model);
  }
}
