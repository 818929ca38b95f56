package dev.sightline.operator.model;

/**
 * Every alert Sightline defines, by its name without the prefix. The rule renderers define each of
 * them (one definition per golden-signal alert, a fast and a slow pair per objective); the closed loop
 * counts a service's firing alerts by these names without rendering any rule.
 */
public enum AlertName {
  TargetDown,
  MetricsAbsent,
  HighErrorRate,
  AllRequestsFail,
  HighLatency,
  LatencySliMissing,
  AvailabilitySliMissing,
  RequestsStuck,
  HighHeapUsage,
  HighCpuUsage,
  HighInFlight,
  AvailabilityBudgetBurnFast,
  AvailabilityBudgetBurnSlow,
  LatencyBudgetBurnFast,
  LatencyBudgetBurnSlow;

  /** The burn-rate alert of an objective ("Availability" or "Latency"), fast (it pages) or slow (a ticket). */
  public static AlertName budgetBurn(String objective, boolean fast) {
    return valueOf(objective + "BudgetBurn" + (fast ? "Fast" : "Slow"));
  }
}
