package dev.sightline.operator.status;

/**
 * What the selecting Prometheus servers said about one ObservedService, as conditions and counts.
 *
 * @param targets targets up / targets, e.g. 2/3, or null when no Prometheus was asked
 * @param firing alerts of this service firing where its rules are evaluated, or null when no evaluator answered
 * @param objectives what Prometheus has per objective, by name ("" for the service-wide one)
 */
public record LiveChecks(Check scraped, Check rulesLoaded, Check metricsFound, String targets, Integer firing,
    java.util.Map<String, ObjectiveLive> objectives) {
  public LiveChecks {
    objectives = java.util.Map.copyOf(objectives);
  }

  /** Nothing to ask when no Prometheus selects the service's objects. */
  public static final LiveChecks NOT_SELECTED;

  static {
    Check notSelected = Check.unknown(Reason.NotSelected,
        "not checked: no Prometheus selects this service's objects (condition Selected says why)");
    NOT_SELECTED = new LiveChecks(notSelected, notSelected, notSelected, null, null, java.util.Map.of());
  }
}
