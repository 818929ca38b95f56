package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Multi-window, multi-burn-rate SLO alerts (Google SRE workbook), one pair per objective. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BudgetBurnAlertSpec {
  @JsonPropertyDescription("false switches the SLO burn-rate alerts off. Default: true.")
  public Boolean enabled;

  @JsonPropertyDescription(
      "Low-traffic guard: no burn-rate alert while the service handles fewer requests per second"
          + " than this. Default: 0.1.")
  @ValidationRule(value = "self >= 0.0", message = "alerts.budgetBurn.minRequestsPerSecond must not be negative")
  public Double minRequestsPerSecond;

  @JsonPropertyDescription(
      "keep_firing_for of the burn-rate alerts, damping flapping around the threshold (Prometheus"
          + " >= 2.42). 0s disables it. Default: 5m.")
  @Pattern(Durations.PROMETHEUS_DURATION)
  public String keepFiringFor;

  public boolean isEnabled() {
    return enabled == null || enabled;
  }
}
