package dev.sightline.operator.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alert settings with every default applied, one record per alert.
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
    MetricsAbsent metricsAbsent,
    LatencySliMissing latencySliMissing,
    AvailabilitySliMissing availabilitySliMissing,
    RequestsStuck requestsStuck,
    BudgetBurn budgetBurn,
    Saturation saturation) {

  /** The names of every alert Sightline may define for this service, as the ALERTS series carry them. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    for (AlertName a : AlertName.values()) {
      names.add(namePrefix + a.name());
    }
    return names;
  }

  /**
   * What every alert has: on or off, how long its condition must hold, its severity label value, and how
   * long it keeps firing after the condition clears (null: not at all).
   */
  public record Basics(boolean enabled, String forDuration, String severity, String keepFiringFor) {}

  public record TargetDown(Basics basics, double threshold) {}

  public record HighErrorRate(Basics basics, double threshold, double minRequestsPerSecond) {}

  /** (Nearly) every request fails: at least minFailures failures in 5 minutes. */
  public record AllRequestsFail(Basics basics, int minFailures) {}

  public record HighLatency(
      Basics basics, String threshold, double thresholdSeconds, int percentile, double minRequestsPerSecond) {}

  public record MetricsAbsent(Basics basics) {}

  /** A latency objective without an SLI series while requests flow. */
  public record LatencySliMissing(Basics basics) {}

  /** Requests flow or targets answer, but the availability SLI's series are gone (another convention's are there). */
  public record AvailabilitySliMissing(Basics basics) {}

  /** Requests pile up in flight while none completes. */
  public record RequestsStuck(Basics basics) {}

  /** SLO burn-rate alerts: on or off, the requests a long window must have seen, keep_firing_for (null when off). */
  public record BudgetBurn(boolean enabled, int minRequests, String keepFiringFor) {}

  public record Saturation(Basics basics, double heapThreshold, double cpuThreshold, Integer inFlightThreshold) {}
}
