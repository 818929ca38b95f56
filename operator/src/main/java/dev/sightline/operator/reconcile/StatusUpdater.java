package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.api.ObservedServiceStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
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

  /** What one reconciliation found. A null problem means "fine". */
  public record Observation(
      long generation,
      String serviceSummary,
      String sloSummary,
      int matchedServices,
      int readyEndpoints,
      String serviceProblem,
      String serviceMessage,
      String applyReason,
      String applyMessage,
      boolean applied,
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

    boolean serviceFound = o.serviceProblem() == null;
    Condition service = condition(old, SERVICE_FOUND, serviceFound,
        serviceFound ? "Found" : o.serviceProblem(), o.serviceMessage(), o.generation(), now);
    Condition applied = condition(old, RESOURCES_APPLIED, o.applied(), o.applyReason(), o.applyMessage(),
        o.generation(), now);
    boolean ready = serviceFound && o.applied();
    String readyReason = ready ? "Ready" : !o.applied() ? o.applyReason() : o.serviceProblem();
    String readyMessage = ready
        ? "All generated objects applied; " + o.serviceMessage()
        : !o.applied() ? o.applyMessage() : o.serviceMessage();
    s.conditions = new ArrayList<>(List.of(
        condition(old, READY, ready, readyReason, readyMessage, o.generation(), now), service, applied));
    return s;
  }

  private static Condition condition(
      List<Condition> old, String type, boolean status, String reason, String message, long generation, Instant now) {
    String st = status ? "True" : "False";
    String since = old.stream()
        .filter(c -> type.equals(c.getType()) && st.equals(c.getStatus()))
        .map(Condition::getLastTransitionTime)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    return new ConditionBuilder()
        .withType(type)
        .withStatus(st)
        .withReason(reason)
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
}
