package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.api.ObservedServiceStatus;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.prometheus.LiveReport;
import dev.sightline.operator.prometheus.LiveReport.Check;
import dev.sightline.operator.prometheus.Selection;
import dev.sightline.operator.prometheus.ServiceChecks;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Computes the next status from what the reconciler observed. Pure: the same observation and
 * previous status give an equal status, so an unchanged world produces no status write;
 * lastTransitionTime only moves when a condition's status flips.
 */
public final class StatusUpdater {
  public static final String READY = "Ready";
  public static final String SERVICE_FOUND = "ServiceFound";
  public static final String RESOURCES_APPLIED = "ResourcesApplied";
  public static final String SELECTED = "Selected";
  public static final String SCRAPED = "Scraped";
  public static final String RULES_LOADED = "RulesLoaded";
  public static final String METRICS_FOUND = "MetricsFound";
  public static final String MONITORED = "Monitored";
  /** With spec.routing: whether an Alertmanager picks up the AlertmanagerConfig. */
  public static final String ROUTED = "Routed";
  /** Announced through Monitored, which reports the first of them that fails: one Event, not two. */
  private static final List<String> CARRIED_BY_MONITORED = List.of(SELECTED, SCRAPED, RULES_LOADED, METRICS_FOUND);
  /** The live checks' conditions, kept as they were while no check has run since the operator started. */
  private static final List<String> LIVE = List.of(SCRAPED, RULES_LOADED, METRICS_FOUND);

  /**
   * What one reconciliation found.
   *
   * @param service Found, or the problem with the watched Services, and its message
   * @param apply Applied, or the most important problem of the workflow, and its message
   */
  public record Observation(
      long generation,
      String serviceSummary,
      String sloSummary,
      int matchedServices,
      int readyEndpoints,
      WorkflowOutcome.Problem service,
      WorkflowOutcome.Problem apply,
      List<GeneratedObject> generated,
      String latencyBucket,
      Selection selection,
      LiveReport live,
      String metricsConvention,
      Histogram histogram,
      Check routed) {}

  private StatusUpdater() {}

  public static ObservedServiceStatus next(ObservedServiceStatus previous, Observation o, Instant now) {
    List<Condition> old = previous == null ? List.of() : previous.conditions;
    ObservedServiceStatus s = new ObservedServiceStatus();
    s.observedGeneration = o.generation();
    s.service = o.serviceSummary();
    s.slo = o.sloSummary();
    s.matchedServices = o.matchedServices();
    s.readyEndpoints = o.readyEndpoints();
    s.generated = new ArrayList<>(o.generated());
    s.latencyBucket = o.latencyBucket();
    WorkflowOutcome.Problem worst = o.apply().reason().compareTo(o.service().reason()) <= 0 ? o.apply() : o.service();
    boolean ready = !worst.reason().isProblem();
    String readyMessage = ready ? "All generated objects applied; " + o.service().message() : worst.message();
    s.metricsConvention = o.metricsConvention();
    if (o.histogram() != null && o.histogram().known()) {
      s.latencyBuckets = o.histogram().buckets().isEmpty() ? null : o.histogram().buckets();
      s.nativeHistogram = o.histogram().nativeBuckets() ? Boolean.TRUE : null;
    }
    s.conditions = new ArrayList<>(List.of(
        condition(old, READY, ready, ready ? Reason.Ready : worst.reason(), readyMessage, o.generation(), now),
        condition(old, SERVICE_FOUND, !o.service().reason().isProblem(), o.service().reason(), o.service().message(),
            o.generation(), now),
        condition(old, RESOURCES_APPLIED, !o.apply().reason().isProblem(), o.apply().reason(), o.apply().message(),
            o.generation(), now)));
    if (o.selection() == null) { // the spec is invalid: nothing to check
      return s;
    }
    Map<String, Check> checks = new LinkedHashMap<>();
    checks.put(READY, new Check(ready ? "True" : "False", ready ? Reason.Ready : worst.reason(), readyMessage));
    checks.put(SELECTED, selected(o.selection()));
    LiveReport live = o.live();
    if (live == null && o.selection().selected()) {
      // not asked since the operator started: what status says stays true until a check says otherwise
      for (String type : LIVE) {
        Condition before = find(previous, type);
        checks.put(type, before != null
            ? new Check(before.getStatus(), Reason.valueOf(before.getReason()), before.getMessage())
            : Check.unknown(Reason.NotCheckedYet, "Prometheus has not been asked yet; it is, every check cycle"));
      }
      s.targets = previous == null ? null : previous.targets;
      s.firing = previous == null ? null : previous.firing;
    } else {
      if (live == null) {
        live = ServiceChecks.evaluate(null, o.selection(), List.of());
      }
      checks.put(SCRAPED, live.scraped());
      checks.put(RULES_LOADED, live.rulesLoaded());
      checks.put(METRICS_FOUND, live.metricsFound());
      s.targets = live.targets();
      s.firing = live.targets() == null ? null : live.firing();
    }
    Check monitored = checks.values().stream().filter(c -> !c.holds()).findFirst()
        .orElse(Check.ok(Reason.Monitored, "Prometheus scrapes the service, evaluates its rules and has its series"));
    checks.put(MONITORED, monitored);
    if (o.routed() != null) {
      checks.put(ROUTED, o.routed());
    }
    checks.remove(READY);
    checks.forEach((type, c) -> s.conditions.add(
        condition(old, type, c.status(), c.reason(), c.message(), o.generation(), now)));
    return s;
  }

  private static Check selected(Selection selection) {
    return switch (selection.outcome()) {
      case SELECTED -> Check.ok(Reason.Selected, selection.message());
      case NOT_SELECTED -> Check.failed(Reason.NotSelected, selection.message());
      case NO_PROMETHEUS -> Check.failed(Reason.NoPrometheus, selection.message());
      case UNKNOWN -> Check.unknown(Reason.PrometheusesUnreadable, selection.message());
    };
  }

  private static Condition condition(
      List<Condition> old, String type, boolean status, Reason reason, String message, long generation, Instant now) {
    return condition(old, type, status ? "True" : "False", reason, message, generation, now);
  }

  private static Condition condition(
      List<Condition> old, String type, String st, Reason reason, String message, long generation, Instant now) {
    String since = old.stream()
        .filter(c -> type.equals(c.getType()) && st.equals(c.getStatus()))
        .map(Condition::getLastTransitionTime)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    return new ConditionBuilder()
        .withType(type)
        .withStatus(st)
        .withReason(reason.name())
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(since)
        .build();
  }

  /** The condition of a type, or null. */
  public static Condition find(ObservedServiceStatus status, String type) {
    if (status == null || status.conditions == null) {
      return null;
    }
    return status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  /**
   * The Events a status change calls for: one per problem (a condition newly False, or False with a
   * new reason or message), counted once even when several conditions report it, and one for
   * recovery (Ready or Monitored turning True after being False). Becoming Ready the first time is only in the
   * status: at a thousand ObservedServices an Event each would be a thousand writes that say nothing.
   */
  public static List<Announcement> announcements(ObservedServiceStatus previous, ObservedServiceStatus next) {
    List<Announcement> out = new ArrayList<>();
    for (Condition c : next.conditions) {
      if (CARRIED_BY_MONITORED.contains(c.getType())) {
        continue;
      }
      Condition before = find(previous, c.getType());
      if (before != null && before.getStatus().equals(c.getStatus()) && before.getReason().equals(c.getReason())
          && Objects.equals(before.getMessage(), c.getMessage())) {
        continue;
      }
      // Unknown is not announced: it says Sightline cannot tell (Prometheus away), not that the service is broken
      boolean problem = "False".equals(c.getStatus());
      boolean recovery = (c.getType().equals(READY) || c.getType().equals(MONITORED)) && before != null && !"True".equals(before.getStatus());
      Announcement a = new Announcement(problem, Reason.valueOf(c.getReason()), c.getMessage());
      if ((problem || recovery) && !out.contains(a)) {
        out.add(a);
      }
    }
    return out;
  }

  /** One Event to record: Warning for a problem, Normal for a recovery. */
  public record Announcement(boolean warning, Reason reason, String message) {}
}
