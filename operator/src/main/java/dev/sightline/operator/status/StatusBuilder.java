package dev.sightline.operator.status;

import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.api.ObjectiveStatus;
import dev.sightline.operator.api.ObservedServiceStatus;
import dev.sightline.operator.model.Histogram;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Duration;
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
public final class StatusBuilder {
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
   * What one reconciliation found, in typed parts; an invalid spec has only its services and applied parts.
   *
   * @param summary what the spec says, as status repeats it ({@link Summary#NONE} for an invalid spec)
   * @param checks the closed loop's findings (null for an invalid spec: nothing to check)
   */
  public record Observation(long generation, Summary summary, Services services, Applied applied, Checks checks) {
    /** A spec that cannot be turned into objects: nothing applied, nothing checked. */
    public static Observation invalid(long generation, String message) {
      Problem invalid = new Problem(Reason.InvalidSpec, message);
      return new Observation(generation, Summary.NONE, new Services(0, 0, invalid), new Applied(List.of(), invalid),
          null);
    }
  }

  /**
   * The spec as status repeats it.
   *
   * @param latencyBucket how the latency SLI counts fast requests, or null
   * @param histogram the latency histogram's layout found, or null
   */
  public record Summary(String service, String slo, String metricsConvention, Histogram histogram,
      String latencyBucket, List<ObjectiveSummary> objectives) {
    static final Summary NONE = new Summary(null, null, null, null, null, List.of());
  }

  /**
   * One objective as the spec says it.
   *
   * @param name its name, or null for the service-wide one
   * @param objective what it promises
   * @param sli how its SLIs count
   * @param requests which requests it counts, in PromQL matchers (null for the service-wide one)
   */
  public record ObjectiveSummary(String name, String objective, String sli, String requests) {}

  /** The watched Services: how many match, their ready endpoints, and Found or the problem with them. */
  public record Services(int matched, int readyEndpoints, Problem problem) {}

  /** The workflow: the objects applied, and Applied or its most important problem. */
  public record Applied(List<GeneratedObject> generated, Problem problem) {}

  /**
   * The closed loop.
   *
   * @param selected whether a Prometheus selects the ServiceMonitor and PrometheusRule
   * @param live what the selecting Prometheus servers said, or null when none was asked since the operator started
   * @param routed which Alertmanager picks up the AlertmanagerConfig, or null without routing
   */
  public record Checks(Check selected, LiveChecks live, Check routed) {}

  private StatusBuilder() {}


  public static ObservedServiceStatus next(ObservedServiceStatus previous, Observation o, Instant now) {
    List<Condition> old = previous == null ? List.of() : previous.conditions;
    ObservedServiceStatus s = new ObservedServiceStatus();
    Summary summary = o.summary();
    Problem service = o.services().problem();
    Problem apply = o.applied().problem();
    s.observedGeneration = o.generation();
    s.service = summary.service();
    s.slo = summary.slo();
    s.matchedServices = o.services().matched();
    s.readyEndpoints = o.services().readyEndpoints();
    s.generated = new ArrayList<>(o.applied().generated());
    s.latencyBucket = summary.latencyBucket();
    Problem worst = apply.reason().compareTo(service.reason()) <= 0 ? apply : service;
    boolean ready = !worst.reason().isProblem();
    String readyMessage = ready ? "All generated objects applied; " + service.message() : worst.message();
    s.metricsConvention = summary.metricsConvention();
    if (summary.histogram() != null && summary.histogram().known()) {
      s.latencyBuckets = summary.histogram().buckets().isEmpty() ? null : summary.histogram().buckets();
      s.nativeHistogram = summary.histogram().nativeBuckets() ? Boolean.TRUE : null;
    }
    Check readyCheck = new Check(ConditionStatus.of(ready), ready ? Reason.Ready : worst.reason(), readyMessage);
    s.conditions = new ArrayList<>(List.of(
        condition(old, READY, readyCheck, o.generation(), now),
        condition(old, SERVICE_FOUND, holdsUnless(service), o.generation(), now),
        condition(old, RESOURCES_APPLIED, holdsUnless(apply), o.generation(), now)));
    if (o.checks() == null) { // the spec is invalid: nothing to check
      return s;
    }
    Map<String, Check> checks = new LinkedHashMap<>();
    checks.put(READY, readyCheck);
    checks.put(SELECTED, o.checks().selected());
    LiveChecks live = o.checks().live();
    if (live == null && o.checks().selected().holds()) {
      // not asked since the operator started: what status says stays true until a check says otherwise
      for (String type : LIVE) {
        Condition before = find(previous, type);
        checks.put(type, before != null
            ? new Check(ConditionStatus.parse(before.getStatus()), Reason.valueOf(before.getReason()),
                before.getMessage())
            : Check.unknown(Reason.NotCheckedYet, "Prometheus has not been asked yet; it is, every check cycle"));
      }
      s.targets = previous == null ? null : previous.targets;
      s.firing = previous == null ? null : previous.firing;
    } else {
      if (live == null) {
        live = LiveChecks.NOT_SELECTED;
      }
      checks.put(SCRAPED, live.scraped());
      checks.put(RULES_LOADED, live.rulesLoaded());
      checks.put(METRICS_FOUND, live.metricsFound());
      s.targets = live.targets();
      s.firing = live.firing();
    }
    // a named objective without requests is reported once its rules are loaded: before, none can have a rate
    objectives(s, summary.objectives(), live == null ? null : live.objectives(),
        live != null && live.rulesLoaded().holds(), previous, now);
    Check monitored = checks.values().stream().filter(c -> !c.holds()).findFirst()
        .orElse(Check.ok(Reason.Monitored,
            "the service is scraped, its rules are evaluated and its series exist (Selected says where)"));
    checks.put(MONITORED, monitored);
    if (o.checks().routed() != null) {
      checks.put(ROUTED, o.checks().routed());
    }
    checks.remove(READY);
    checks.forEach((type, c) -> s.conditions.add(condition(old, type, c, o.generation(), now)));
    return s;
  }

  /**
   * How often status takes new budgets from Prometheus. A budget moves with every request; written each check
   * cycle it would be a status write per service per cycle (a young service's budget, after an incident, changes
   * by percents a minute). Appearing, disappearing and the objectives changing are written at once.
   */
  static final Duration BUDGET_REFRESH = Duration.ofMinutes(5);

  /**
   * status.objectives, their count and the worst budget: what the spec promises with what Prometheus last had
   * (kept from the previous status while no Prometheus was asked since the operator started, and while the
   * budgets it shows are younger than {@link #BUDGET_REFRESH}).
   */
  private static void objectives(ObservedServiceStatus s, List<ObjectiveSummary> summaries,
      Map<String, ObjectiveLive> live, boolean rulesLoaded, ObservedServiceStatus previous, Instant now) {
    if (summaries.isEmpty()) {
      return;
    }
    List<ObjectiveStatus> before = previous == null || previous.objectives == null ? List.of() : previous.objectives;
    List<ObjectiveStatus> next = new ArrayList<>();
    for (ObjectiveSummary o : summaries) {
      ObjectiveStatus st = new ObjectiveStatus(o.name(), o.objective(), o.sli(), null, null);
      ObjectiveStatus was = before.stream().filter(p -> Objects.equals(p.name, o.name())).findFirst().orElse(null);
      if (live == null) {
        st.budgetRemaining = was == null ? null : was.budgetRemaining;
        st.message = was == null ? null : was.message;
      } else {
        ObjectiveLive l = live.get(o.name() == null ? "" : o.name());
        if (l != null && l.budgetLeft() != null) {
          st.budgetRemaining = Math.round(l.budgetLeft() * 100) + "%"
              + (l.worstRoute() == null ? "" : " (route " + l.worstRoute() + ")");
        }
        if (rulesLoaded && o.name() != null && (l == null || !l.requests())) {
          st.message = "Prometheus has no request of this objective (" + o.requests() + "): none has been made"
              + " yet, or its routes or methods match none of the service's; its alerts cannot fire";
        }
      }
      next.add(st);
    }
    String at = previous == null ? null : previous.budgetsAt;
    if (live != null && at != null && Instant.parse(at).plus(BUDGET_REFRESH).isAfter(now)
        && sameBudgetsPresent(before, next)) {
      // too soon for new figures: the ones shown stay
      for (int i = 0; i < next.size(); i++) {
        next.get(i).budgetRemaining = before.get(i).budgetRemaining;
      }
    } else if (live != null) {
      at = now.truncatedTo(ChronoUnit.SECONDS).toString();
    }
    ObjectiveStatus worst = null;
    for (ObjectiveStatus st : next) {
      if (st.budgetRemaining != null && (worst == null || percent(st) < percent(worst))) {
        worst = st;
      }
    }
    s.objectives = next;
    s.budgetsAt = next.stream().anyMatch(o -> o.budgetRemaining != null) ? at : null;
    s.objectiveCount = next.size();
    s.worstBudget = worst == null ? null : worst.budgetRemaining.replaceAll(" .*", "")
        + " " + (worst.name == null ? "service" : worst.name);
  }

  /** The same objectives, in the same order, each with a budget in both or in neither. */
  private static boolean sameBudgetsPresent(List<ObjectiveStatus> before, List<ObjectiveStatus> next) {
    if (before.size() != next.size()) {
      return false;
    }
    for (int i = 0; i < next.size(); i++) {
      if (!Objects.equals(before.get(i).name, next.get(i).name)
          || (before.get(i).budgetRemaining == null) != (next.get(i).budgetRemaining == null)) {
        return false;
      }
    }
    return true;
  }

  private static long percent(ObjectiveStatus s) {
    return Long.parseLong(s.budgetRemaining.substring(0, s.budgetRemaining.indexOf('%')));
  }

  /** True with the reason when it is not a problem, else False. */
  private static Check holdsUnless(Problem p) {
    return new Check(ConditionStatus.of(!p.reason().isProblem()), p.reason(), p.message());
  }

  private static Condition condition(List<Condition> old, String type, Check check, long generation, Instant now) {
    String st = check.status().spelling();
    String since = old.stream()
        .filter(c -> type.equals(c.getType()) && st.equals(c.getStatus()))
        .map(Condition::getLastTransitionTime)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    return new ConditionBuilder()
        .withType(type)
        .withStatus(st)
        .withReason(check.reason().name())
        .withMessage(check.message())
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
      boolean problem = ConditionStatus.FALSE.spelling().equals(c.getStatus());
      boolean recovery = (c.getType().equals(READY) || c.getType().equals(MONITORED)) && before != null
          && !ConditionStatus.TRUE.spelling().equals(before.getStatus());
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
