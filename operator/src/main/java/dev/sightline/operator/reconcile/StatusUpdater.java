package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.api.ObservedServiceStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
      String latencyBucket) {}

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
    s.conditions = new ArrayList<>(List.of(
        condition(old, READY, ready, ready ? Reason.Ready : worst.reason(), readyMessage, o.generation(), now),
        condition(old, SERVICE_FOUND, !o.service().reason().isProblem(), o.service().reason(), o.service().message(),
            o.generation(), now),
        condition(old, RESOURCES_APPLIED, !o.apply().reason().isProblem(), o.apply().reason(), o.apply().message(),
            o.generation(), now)));
    return s;
  }

  private static Condition condition(
      List<Condition> old, String type, boolean status, Reason reason, String message, long generation, Instant now) {
    String st = status ? "True" : "False";
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
   * recovery (Ready turning True after being False). Becoming Ready the first time is only in the
   * status: at a thousand ObservedServices an Event each would be a thousand writes that say nothing.
   */
  public static List<Announcement> announcements(ObservedServiceStatus previous, ObservedServiceStatus next) {
    List<Announcement> out = new ArrayList<>();
    for (Condition c : next.conditions) {
      Condition before = find(previous, c.getType());
      if (before != null && before.getStatus().equals(c.getStatus()) && before.getReason().equals(c.getReason())
          && Objects.equals(before.getMessage(), c.getMessage())) {
        continue;
      }
      boolean problem = !"True".equals(c.getStatus());
      boolean recovery = c.getType().equals(READY) && before != null && !"True".equals(before.getStatus());
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
