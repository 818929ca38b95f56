package dev.sightline.operator.dependent;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.grafana.GrafanaDashboard;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import io.javaoperatorsdk.operator.processing.dependent.workflow.DetailedCondition;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * Activation condition: the dependent's CRD is installed. JOSDK's condition stops asking after a
 * few misses and never asks again once found; this one keeps asking, at most every
 * {@link #RECHECK}, in both states, so a CRD installed late or removed is noticed. Its detail (the
 * CRD and whether it is there) is what the status reports, read back from the workflow's result.
 */
public class CrdPresent<R extends HasMetadata> extends CRDPresentActivationCondition<R, ObservedService>
    implements DetailedCondition<R, ObservedService, CrdPresent.Check> {
  static final Duration RECHECK = Duration.ofSeconds(10);

  /** The CRD's full name (plural.group) and whether it is installed. */
  public record Check(String crd, boolean present) {}

  public CrdPresent() {
    super(Integer.MAX_VALUE, RECHECK);
  }

  @Override
  public Result<Check> detailedIsMet(
      DependentResource<R, ObservedService> dependent, ObservedService primary, Context<ObservedService> context) {
    boolean present = isMet(dependent, primary, context);
    return Result.withResult(present, new Check(HasMetadata.getFullResourceName(dependent.resourceType()), present));
  }

  @Override
  protected boolean shouldCheckStateNow(CRDCheckState state) {
    return state.isCrdPresent() == null || LocalDateTime.now().isAfter(state.getLastChecked().plus(RECHECK));
  }

  public static class ServiceMonitors extends CrdPresent<ServiceMonitor> {}

  public static class PrometheusRules extends CrdPresent<PrometheusRule> {}

  public static class GrafanaDashboards extends CrdPresent<GrafanaDashboard> {}

  public static class AlertmanagerConfigs
      extends CrdPresent<io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig> {}
}
