package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.DashboardDelivery;
import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceStatus;
import dev.sightline.operator.reconcile.Conditions.DashboardEnabled;
import dev.sightline.operator.reconcile.Conditions.GrafanaDashboardCrdPresent;
import dev.sightline.operator.reconcile.Conditions.GrafanaOperatorRequested;
import dev.sightline.operator.reconcile.Conditions.PrometheusRuleCrdPresent;
import dev.sightline.operator.reconcile.Conditions.ServiceMonitorCrdPresent;
import dev.sightline.operator.render.BucketBoundary;
import dev.sightline.operator.render.GeneratedNames;
import dev.sightline.operator.render.GrafanaDashboardRenderer;
import dev.sightline.operator.render.InvalidSpecException;
import dev.sightline.operator.render.ResolvedSpec;
import dev.sightline.operator.render.Selectors;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an ObservedService into ServiceMonitor, PrometheusRule and dashboard objects (a JOSDK
 * workflow of server-side-applied dependents) and reports what it found in status and Events.
 * Problems never escape: dependents' errors are collected and shown as conditions.
 */
@Workflow(
    handleExceptionsInReconciler = true,
    dependents = {
      @Dependent(name = ObservedServiceReconciler.SERVICE_MONITOR, type = ServiceMonitorDependent.class,
          activationCondition = ServiceMonitorCrdPresent.class),
      @Dependent(name = ObservedServiceReconciler.PROMETHEUS_RULE, type = PrometheusRuleDependent.class,
          activationCondition = PrometheusRuleCrdPresent.class),
      @Dependent(name = ObservedServiceReconciler.DASHBOARD_CONFIGMAP, type = DashboardConfigMapDependent.class,
          reconcilePrecondition = DashboardEnabled.class),
      @Dependent(name = ObservedServiceReconciler.GRAFANA_DASHBOARD, type = GrafanaDashboardDependent.class,
          dependsOn = ObservedServiceReconciler.DASHBOARD_CONFIGMAP,
          activationCondition = GrafanaDashboardCrdPresent.class,
          reconcilePrecondition = GrafanaOperatorRequested.class)
    })
@ControllerConfiguration(name = ObservedServiceReconciler.NAME)
public class ObservedServiceReconciler implements Reconciler<ObservedService> {
  public static final String NAME = "observedservice";
  static final String SERVICE_MONITOR = "service-monitor";
  static final String PROMETHEUS_RULE = "prometheus-rule";
  static final String DASHBOARD_CONFIGMAP = "dashboard-configmap";
  static final String GRAFANA_DASHBOARD = "grafana-dashboard";
  private static final String SERVICES = "services";
  private static final String ENDPOINT_SLICES = "endpointslices";
  private static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  /** While something is wrong that no watched object announces (a CRD install, a clash removed), look again. */
  static final Duration RETRY_WHILE_BLOCKED = Duration.ofSeconds(15);

  private static final Logger log = LoggerFactory.getLogger(ObservedServiceReconciler.class);

  private volatile InformerEventSource<Service, ObservedService> services;
  private volatile InformerEventSource<EndpointSlice, ObservedService> endpointSlices;

  @Override
  public List<EventSource<?, ObservedService>> prepareEventSources(EventSourceContext<ObservedService> context) {
    var primaries = context.getPrimaryCache();
    services = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Service.class, ObservedService.class)
            .withName(SERVICES)
            .withSecondaryToPrimaryMapper(svc -> primaries
                .list(svc.getMetadata().getNamespace(), p -> targets(p, svc))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()))
            .build(),
        context);
    endpointSlices = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(EndpointSlice.class, ObservedService.class)
            .withName(ENDPOINT_SLICES)
            .withSecondaryToPrimaryMapper(slice -> {
              String svcName = labels(slice.getMetadata().getLabels()).get(SERVICE_NAME_LABEL);
              if (svcName == null) {
                return Set.of();
              }
              String ns = slice.getMetadata().getNamespace();
              Optional<Service> svc = services.get(new ResourceID(svcName, ns));
              return primaries
                  .list(ns, p -> svc.map(s -> targets(p, s)).orElse(svcName.equals(ResolvedSpec.serviceNameOf(p))))
                  .map(ResourceID::fromResource)
                  .collect(Collectors.toSet());
            })
            .build(),
        context);
    return List.of(services, endpointSlices);
  }

  @Override
  public UpdateControl<ObservedService> reconcile(ObservedService resource, Context<ObservedService> context) {
    ResolvedSpec spec;
    try {
      spec = Resolved.of(resource, context);
    } catch (InvalidSpecException e) {
      return finish(resource, context, invalid(resource, e.getMessage()), true);
    }
    WorkflowReconcileResult result = context.managedWorkflowAndDependentResourceContext()
        .getWorkflowReconcileResult().orElse(WorkflowReconcileResult.EMPTY);

    List<Service> matched = services.list(resource.getMetadata().getNamespace(), s -> targets(resource, s))
        .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()))
        .toList();
    int endpoints = matched.stream().mapToInt(this::readyEndpoints).sum();
    String serviceProblem = null;
    String serviceMessage;
    if (matched.isEmpty()) {
      serviceProblem = "ServiceNotFound";
      serviceMessage = spec.serviceName() != null
          ? "Service " + spec.serviceName() + " not found in namespace " + spec.namespace()
              + "; create it or point spec.serviceName / spec.selector at an existing one. Generated"
              + " objects are in place and start working when it appears."
          : "No Service in namespace " + spec.namespace() + " matches " + spec.serviceSummary()
              + "; fix spec.selector or label the Service.";
    } else {
      serviceMessage = matched.size() + " Service(s) ("
          + matched.stream().map(s -> s.getMetadata().getName()).collect(Collectors.joining(", "))
          + ") with " + endpoints + " ready endpoint(s)";
    }

    Apply apply = applyOutcome(spec, result, context);
    var observation = new StatusUpdater.Observation(
        generation(resource),
        spec.serviceSummary(), spec.sloSummary(), matched.size(), endpoints,
        serviceProblem, serviceMessage, apply.reason, apply.message, apply.ok, apply.generated,
        spec.latency() != null && spec.metrics().hasLatency()
            ? BucketBoundary.describe(spec.latency().thresholdSeconds()) : null);
    ObservedServiceStatus next = StatusUpdater.next(resource.getStatus(), observation, Instant.now());
    return finish(resource, context, next, apply.retry);
  }

  @Override
  public ErrorStatusUpdateControl<ObservedService> updateErrorStatus(
      ObservedService resource, Context<ObservedService> context, Exception e) {
    // Only reached for failures outside the workflow (e.g. the API server rejecting the status patch).
    log.warn("reconciling {}/{} failed: {}", resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(), e.toString());
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private record Apply(boolean ok, String reason, String message, boolean retry, List<GeneratedObject> generated) {}

  private Apply applyOutcome(ResolvedSpec spec, WorkflowReconcileResult result, Context<ObservedService> context) {
    List<GeneratedObject> generated = new ArrayList<>();
    List<String> missingCrds = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String reason = null;
    var client = context.getClient();
    boolean smCrd = CrdAvailability.isPresent(client, Conditions.SERVICE_MONITOR_CRD);
    boolean prCrd = CrdAvailability.isPresent(client, Conditions.PROMETHEUS_RULE_CRD);
    if (smCrd) {
      generated.add(new GeneratedObject("monitoring.coreos.com/v1", "ServiceMonitor",
          GeneratedNames.serviceMonitor(spec.name())));
    } else {
      missingCrds.add(Conditions.SERVICE_MONITOR_CRD);
    }
    if (prCrd) {
      generated.add(new GeneratedObject("monitoring.coreos.com/v1", "PrometheusRule",
          GeneratedNames.prometheusRule(spec.name())));
    } else {
      missingCrds.add(Conditions.PROMETHEUS_RULE_CRD);
    }
    if (spec.dashboard().enabled()) {
      generated.add(new GeneratedObject("v1", "ConfigMap", GeneratedNames.dashboardConfigMap(spec.name())));
      if (spec.dashboard().delivery() == DashboardDelivery.GRAFANA_OPERATOR) {
        if (CrdAvailability.isPresent(client, Conditions.GRAFANA_DASHBOARD_CRD)) {
          generated.add(new GeneratedObject(GrafanaDashboardRenderer.API_VERSION, GrafanaDashboardRenderer.KIND,
              GeneratedNames.grafanaDashboard(spec.name())));
        } else {
          missingCrds.add(Conditions.GRAFANA_DASHBOARD_CRD);
        }
      }
    }
    for (Map.Entry<DependentResource, Exception> e : sortedErrors(result)) {
      Throwable cause = rootCause(e.getValue());
      log.debug("dependent {} of {}/{} failed", e.getKey().name(), spec.namespace(), spec.name(), e.getValue());
      if (cause instanceof NameClashException) {
        reason = reason == null ? "NameClash" : reason;
      } else if (cause instanceof InvalidSpecException) {
        reason = reason == null ? "InvalidSpec" : reason;
      }
      errors.add(cause.getMessage());
    }
    if (!errors.isEmpty()) {
      return new Apply(false, reason == null ? "ApplyFailed" : reason, String.join("; ", errors), true, generated);
    }
    if (!missingCrds.isEmpty()) {
      String message = "CRD(s) not installed: " + String.join(", ", missingCrds) + ". Install "
          + (missingCrds.stream().anyMatch(c -> c.endsWith("coreos.com"))
              ? "prometheus-operator (e.g. kube-prometheus-stack)" : "grafana-operator")
          + "; Sightline creates the objects as soon as the CRDs exist.";
      return new Apply(false, "CrdMissing", message, true, generated);
    }
    return new Apply(true, "Applied", generated.stream().map(g -> g.kind + " " + g.name)
        .collect(Collectors.joining(", ")) + " up to date", false, generated);
  }

  @SuppressWarnings("rawtypes")
  private static List<Map.Entry<DependentResource, Exception>> sortedErrors(WorkflowReconcileResult result) {
    return result.getErroredDependents().entrySet().stream()
        .sorted((a, b) -> a.getKey().name().compareTo(b.getKey().name()))
        .toList();
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c && !(c instanceof NameClashException)
        && !(c instanceof InvalidSpecException)) {
      c = c.getCause();
    }
    return c;
  }

  private ObservedServiceStatus invalid(ObservedService resource, String message) {
    var observation = new StatusUpdater.Observation(
        generation(resource),
        null, null, 0, 0, "InvalidSpec", message, "InvalidSpec", message, false, List.of(), null);
    return StatusUpdater.next(resource.getStatus(), observation, Instant.now());
  }

  private UpdateControl<ObservedService> finish(
      ObservedService resource, Context<ObservedService> context, ObservedServiceStatus next, boolean retry) {
    UpdateControl<ObservedService> control;
    if (Objects.equals(next, resource.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      announce(resource, context, next);
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

  /**
   * An Event per problem (a condition turning False or changing its reason) and per recovery (Ready
   * turning True after being False). Becoming Ready the first time is only in the status: at a
   * thousand ObservedServices an Event each would be a thousand writes that say nothing new.
   */
  private void announce(ObservedService resource, Context<ObservedService> context, ObservedServiceStatus next) {
    for (Condition c : next.conditions) {
      Condition before = StatusUpdater.find(resource.getStatus(), c.getType());
      if (before != null && before.getStatus().equals(c.getStatus()) && before.getReason().equals(c.getReason())) {
        continue;
      }
      boolean problem = !"True".equals(c.getStatus());
      boolean recovery = c.getType().equals(StatusUpdater.READY) && before != null && !"True".equals(before.getStatus());
      if (problem || recovery) {
        EventRecorder.record(context.getClient(), resource, problem, c.getReason(), c.getMessage());
      }
    }
  }

  private int readyEndpoints(Service svc) {
    String name = svc.getMetadata().getName();
    return endpointSlices
        .list(svc.getMetadata().getNamespace(), s -> name.equals(labels(s.getMetadata().getLabels()).get(SERVICE_NAME_LABEL)))
        .mapToInt(s -> s.getEndpoints() == null ? 0 : (int) s.getEndpoints().stream().filter(READY).count())
        .sum();
  }

  private static final Predicate<Endpoint> READY =
      e -> e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady();

  /** Whether the ObservedService watches this Service. */
  static boolean targets(ObservedService p, Service svc) {
    var spec = p.getSpec();
    if (spec != null && spec.selector != null) {
      return Selectors.matches(spec.selector, svc.getMetadata().getLabels());
    }
    return svc.getMetadata().getName().equals(ResolvedSpec.serviceNameOf(p));
  }

  private static long generation(ObservedService resource) {
    Long g = resource.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }

  private static Map<String, String> labels(Map<String, String> labels) {
    return labels == null ? Map.of() : labels;
  }
}
