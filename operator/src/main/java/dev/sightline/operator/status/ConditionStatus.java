package dev.sightline.operator.status;

/** A condition's status, as Kubernetes spells it in status.conditions[].status. */
public enum ConditionStatus {
  TRUE("True"),
  FALSE("False"),
  /** Sightline cannot tell (e.g. Prometheus away): not announced as a problem. */
  UNKNOWN("Unknown");

  private final String spelling;

  ConditionStatus(String spelling) {
    this.spelling = spelling;
  }

  public static ConditionStatus of(boolean holds) {
    return holds ? TRUE : FALSE;
  }

  /** The status of a condition as written, e.g. "True". */
  public static ConditionStatus parse(String spelling) {
    for (ConditionStatus s : values()) {
      if (s.spelling.equals(spelling)) {
        return s;
      }
    }
    throw new IllegalArgumentException("not a condition status: " + spelling);
  }

  public String spelling() {
    return spelling;
  }
}
