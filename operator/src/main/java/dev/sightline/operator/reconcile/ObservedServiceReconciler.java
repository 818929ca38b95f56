package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceStatus;
import dev.sightline.operator.dependent.AlertmanagerConfigDependent;
import dev.sightline.operator.dependent.CrdPresent;
import dev.sightline.operator.dependent.DashboardConfigMapDependent;
import dev.sightline.operator.dependent.GrafanaDashboardDependent;
import dev.sightline.operator.dependent.OwnedDependent;
import dev.sightline.operator.dependent.PrometheusRuleDependent;
import dev.sightline.operator.dependent.Resolution;
import dev.sightline.operator.dependent.ServiceMonitorDependent;
import dev.sightline.operator.dependent.Wanted;
import dev.sightline.operator.model.ApiSpelling;
import dev.sightline.operator.model.InvalidSpecException;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.prometheus.CheckSettings;
import dev.sightline.operator.prometheus.PrometheusChecks;
import dev.sightline.operator.render.rules.BucketBoundary;
import dev.sightline.operator.status.Reason;
import dev.sightline.operator.status.StatusBuilder;
import dev.sightline.operator.status.StatusBuilder.Observation;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.Arrays;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an ObservedService into ServiceMonitor, PrometheusRule and dashboard objects (a JOSDK
 * workflow of server-side-applied dependents, the annotation's list) and reports what the workflow did
 * in status and Events. It resolves the ObservedService once ({@link Resolution}), runs the workflow on
 * that, then builds the status from it. Problems never escape: dependents' errors are collected and
 * shown as conditions.
 */
@Workflow(
    explicitInvocation = true,
    handleExceptionsInReconciler = true,
    dependents = {
      @Dependent(name = ObservedServiceReconciler.SERVICE_MONITOR, type = ServiceMonitorDependent.class,
          activationCondition = CrdPresent.ServiceMonitors.class),
      @Dependent(name = ObservedServiceReconciler.PROMETHEUS_RULE, type = PrometheusRuleDependent.class,
          activationCondition = CrdPresent.PrometheusRules.class),
      @Dependent(name = ObservedServiceReconciler.DASHBOARD_CONFIGMAP, type = DashboardConfigMapDependent.class,
          reconcilePrecondition = Wanted.class),
      @Dependent(name = ObservedServiceReconciler.GRAFANA_DASHBOARD, type = GrafanaDashboardDependent.class,
          dependsOn = ObservedServiceReconciler.DASHBOARD_CONFIGMAP,
          activationCondition = CrdPresent.GrafanaDashboards.class,
          reconcilePrecondition = Wanted.class),
      @Dependent(name = ObservedServiceReconciler.ALERTMANAGER_CONFIG, type = AlertmanagerConfigDependent.class,
          activationCondition = CrdPresent.AlertmanagerConfigs.class,
          reconcilePrecondition = Wanted.class)
    })
@ControllerConfiguration(name = ObservedServiceReconciler.NAME)
public class ObservedServiceReconciler implements Reconciler<ObservedService> {
  public static final String NAME = "observedservice";
  static final String SERVICE_MONITOR = "service-monitor";
  static final String PROMETHEUS_RULE = "prometheus-rule";
  static final String DASHBOARD_CONFIGMAP = "dashboard-configmap";
  static final String GRAFANA_DASHBOARD = "grafana-dashboard";
  static final String ALERTMANAGER_CONFIG = "alertmanager-config";
  /** The workflow's dependents, in the order status.generated lists their objects. */
  private static final List<String> DEPENDENTS = Arrays.stream(
      ObservedServiceReconciler.class.getAnnotation(Workflow.class).dependents()).map(Dependent::name).toList();
  /** While something is wrong that no watched object announces (a CRD install, a clash removed), look again. */
  static final Duration RETRY_WHILE_BLOCKED = Duration.ofSeconds(15);

  private static final Logger log = LoggerFactory.getLogger(ObservedServiceReconciler.class);

  private final CheckSettings checkSettings;
  private final MeterRegistry registry;
  private volatile WatchedServices services;
  private volatile EventRecorder events;
  private volatile PrometheusChecks checks;

  /**
   * @param checkSettings how the live checks reach Prometheus
   * @param registry where the checks count their calls
   */
  public ObservedServiceReconciler(CheckSettings checkSettings, MeterRegistry registry) {
    this.checkSettings = checkSettings;
    this.registry = registry;
  }

  @Override
  public List<EventSource<?, ObservedService>> prepareEventSources(EventSourceContext<ObservedService> context) {
    services = new WatchedServices(context);
    events = new EventRecorder(context.getClient());
    List<EventSource<?, ObservedService>> sources = new ArrayList<>(services.eventSources());
    checks = PrometheusChecks.create(context, checkSettings, registry);
    sources.add(checks);
    return sources;
  }

  @Override
  public UpdateControl<ObservedService> reconcile(ObservedService resource, Context<ObservedService> context) {
    Resolution resolution;
    try {
      resolution = Resolution.of(resource, checks);
    } catch (InvalidSpecException e) {
      return finish(resource, Observation.invalid(generation(resource), e.getMessage()), true);
    }
    ObservedServiceModel model = resolution.model();
    resolution.share(context);
    WorkflowOutcome outcome =
        outcome(context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow(), model);
    WatchedServices.Found found = services.find(model);
    var observation = new Observation(generation(resource),
        new StatusBuilder.Summary(model.scrape().summary(), model.objectives().summary(),
            ApiSpelling.of(model.metrics().convention()), model.metrics().histogram(),
            ObjectiveSummaries.latencySli(model, model.objectives().latency()), ObjectiveSummaries.of(model)),
        new StatusBuilder.Services(found.matched(), found.readyEndpoints(), found.problem()),
        new StatusBuilder.Applied(outcome.applied(), outcome.apply()),
        new StatusBuilder.Checks(resolution.selection().check(),
            resolution.report() == null ? null : resolution.report().live(), resolution.routed()));
    return finish(resource, observation, outcome.retry());
  }

  @Override
  public ErrorStatusUpdateControl<ObservedService> updateErrorStatus(
      ObservedService resource, Context<ObservedService> context, Exception e) {
    // Only reached for failures outside the workflow (e.g. the API server rejecting the status patch).
    log.warn("reconciling {}/{} failed: {}", resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(), e.toString());
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  /** Reads the workflow's result: what its dependents applied, which CRDs they found missing, how they failed. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static WorkflowOutcome outcome(WorkflowReconcileResult result, ObservedServiceModel model) {
    Map<DependentResource, Exception> errored = result.getErroredDependents();
    List<DependentResource> reconciled = result.getReconciledDependents();
    List<GeneratedObject> applied = new ArrayList<>();
    for (String name : DEPENDENTS) {
      result.getDependentResourceByName(name)
          .filter(d -> reconciled.contains(d) && !errored.containsKey(d) && d instanceof OwnedDependent<?>)
          .ifPresent(d -> applied.add(((OwnedDependent<?>) d).generated(model)));
    }
    List<String> missing = new ArrayList<>();
    for (String name : DEPENDENTS) { // a CRD counts as missing only for an object the spec asks for
      boolean wanted = result.getDependentResourceByName(name)
          .map(d -> d instanceof OwnedDependent<?> o && o.wanted(model)).orElse(false);
      result.getDependentConditionResult(name, Condition.Type.ACTIVATION, CrdPresent.Check.class)
          .filter(check -> wanted && !check.present())
          .ifPresent(check -> missing.add(check.crd()));
    }
    missing.sort(null);
    List<Throwable> errors = errored.entrySet().stream()
        .sorted(Comparator.comparing(e -> e.getKey().name()))
        .map(e -> rootCause(e.getValue()))
        .toList();
    errors.forEach(e -> log.debug("a dependent of {}/{} failed", model.namespace(), model.name(), e));
    return new WorkflowOutcome(applied, missing, errors);
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c && WorkflowOutcome.reasonOf(c) == Reason.ApplyFailed) {
      c = c.getCause();
    }
    return c;
  }

  private UpdateControl<ObservedService> finish(ObservedService resource, Observation observation, boolean retry) {
    if (!services.running()) {
      // the operator is stopping: JOSDK stops the informers before the reconciliations in flight end, and what
      // those then see (no Service, applies failing) is not the cluster's state; the next operator reconciles again
      log.debug("{}/{}: stopping, status left as it is", resource.getMetadata().getNamespace(),
          resource.getMetadata().getName());
      return UpdateControl.noUpdate();
    }
    ObservedServiceStatus next = StatusBuilder.next(resource.getStatus(), observation, Instant.now());
    UpdateControl<ObservedService> control;
    if (Objects.equals(next, resource.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      StatusBuilder.announcements(resource.getStatus(), next).forEach(a -> events.record(resource, a));
      ObservedService patch = new ObservedService();
      patch.setMetadata(new ObjectMetaBuilder()
          .withName(resource.getMetadata().getName())
          .withNamespace(resource.getMetadata().getNamespace())
          .build());
      patch.setStatus(next);
      control = UpdateControl.patchStatus(patch);
    }
    return retry ? control.rescheduleAfter(RETRY_WHILE_BLOCKED) : control;
  }

  /** How the latency SLI counts fast requests: the bucket at the threshold, or the two it interpolates between. */
  private static long generation(ObservedService resource) {
    Long g = resource.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }
}
