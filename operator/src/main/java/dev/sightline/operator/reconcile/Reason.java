package dev.sightline.operator.reconcile;

/**
 * Reasons of the status conditions and Events, most important problem first: when several hold,
 * Ready reports the first.
 */
public enum Reason {
  /** The spec passed the API server but cannot be turned into objects. */
  InvalidSpec(true),
  /** An object with a generated name belongs to someone else. */
  NameClash(true),
  /** The API server refused an object. */
  ApplyFailed(true),
  /** An immutable field changed: the object is deleted and made again. */
  Replacing(true),
  /** prometheus-operator's or grafana-operator's CRD is not installed. */
  CrdMissing(true),
  /** No Service matches. */
  ServiceNotFound(true),
  /** Every generated object is applied. */
  Applied(false),
  /** The watched Services exist. */
  Found(false),
  /** Everything holds. */
  Ready(false);

  private final boolean problem;

  Reason(boolean problem) {
    this.problem = problem;
  }

  public boolean isProblem() {
    return problem;
  }
}
