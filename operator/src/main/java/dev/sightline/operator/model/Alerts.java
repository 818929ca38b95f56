package dev.sightline.operator.model;

import dev.sightline.operator.api.AlertCatalog;
import java.util.Map;

/**
 * Alert settings with every default applied: every alert's basics by its name ({@link #basics(String)}),
 * and a record of the settings of its own for an alert that has any.
 *
 * @param labels extra labels on every alert, sorted
 * @param runbookUrlBase runbook base URL without a trailing slash, or null
 */
public record Alerts(
    String namePrefix,
    String pageSeverity,
    String ticketSeverity,
    Map<String, String> labels,
    String runbookUrlBase,
    TargetDown targetDown,
    HighErrorRate highErrorRate,
    AllRequestsFail allRequestsFail,
    HighLatency highLatency,
    BudgetBurn budgetBurn,
    Saturation saturation,
    Map<String, Basics> basics) {

  /** Whether Sightline defines an alert of this name (as the ALERTS series carry it) for this service. */
  public boolean defines(String alertName) {
    return alertName.startsWith(namePrefix) && AlertCatalog.NAMES.contains(alertName.substring(namePrefix.length()));
  }

  /** The settings of an alert by its name without the prefix (null for the burn-rate alerts: see budgetBurn). */
  public Basics basics(String alertName) {
    return basics.get(alertName);
  }

  /**
   * What every alert has: on or off, how long its condition must hold, its severity label value, and how
   * long it keeps firing after the condition clears (null: not at all).
   */
  public record Basics(boolean enabled, String forDuration, String severity, String keepFiringFor) {}

  public record TargetDown(double threshold) {}

  public record HighErrorRate(double threshold, double minRequestsPerSecond) {}

  /** (Nearly) every request fails: at least minFailures failures in 5 minutes. */
  public record AllRequestsFail(int minFailures) {}

  public record HighLatency(
      String threshold, double thresholdSeconds, int percentile, double minRequestsPerSecond) {}

  /** SLO burn-rate alerts: on or off, the requests a long window must have seen, keep_firing_for (null when off). */
  public record BudgetBurn(boolean enabled, int minRequests, String keepFiringFor) {}

  public record Saturation(double heapThreshold, double cpuThreshold, Integer inFlightThreshold) {}
}
