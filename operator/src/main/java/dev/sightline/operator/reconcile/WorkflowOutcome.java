package dev.sightline.operator.reconcile;

import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.dependent.NameClashException;
import dev.sightline.operator.dependent.ReplacingException;
import dev.sightline.operator.model.InvalidSpecException;
import dev.sightline.operator.status.Problem;
import dev.sightline.operator.status.Reason;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the workflow did, in Sightline's terms: the objects it applied (read from the workflow's
 * reconciled dependents, so an object that failed or belongs to someone else is never listed), the
 * CRDs its activation conditions found missing, and the errors of the dependents that failed. Pure:
 * the reconciler extracts it from JOSDK's result, tests build it directly.
 *
 * @param applied objects applied in this reconciliation, sorted by kind
 * @param missingCrds CRDs needed by the spec but not installed, sorted
 * @param errors the failed dependents' errors, sorted by dependent name
 */
public record WorkflowOutcome(List<GeneratedObject> applied, List<String> missingCrds, List<Throwable> errors) {

  /** The most important problem and its message, or Applied with the list of objects. */
  public Problem apply() {
    if (!errors.isEmpty()) {
      Reason reason = errors.stream().map(WorkflowOutcome::reasonOf).min(Enum::compareTo).orElseThrow();
      return new Problem(reason, errors.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")));
    }
    if (!missingCrds.isEmpty()) {
      boolean prometheusOperator = missingCrds.stream().anyMatch(c -> c.endsWith("monitoring.coreos.com"));
      return new Problem(Reason.CrdMissing, "CRD(s) not installed: " + String.join(", ", missingCrds) + ". Install "
          + (prometheusOperator ? "prometheus-operator (e.g. kube-prometheus-stack)" : "grafana-operator")
          + "; Sightline creates the objects as soon as the CRDs exist.");
    }
    return new Problem(Reason.Applied, applied.stream().map(g -> g.kind + " " + g.name)
        .collect(Collectors.joining(", ")) + " up to date");
  }

  /** Whether a later look may succeed without any watched object changing (a CRD installed, a clash removed). */
  public boolean retry() {
    return !errors.isEmpty() || !missingCrds.isEmpty();
  }

  static Reason reasonOf(Throwable error) {
    if (error instanceof NameClashException) {
      return Reason.NameClash;
    }
    if (error instanceof InvalidSpecException) {
      return Reason.InvalidSpec;
    }
    if (error instanceof ReplacingException) {
      return Reason.Replacing;
    }
    return Reason.ApplyFailed;
  }
}
