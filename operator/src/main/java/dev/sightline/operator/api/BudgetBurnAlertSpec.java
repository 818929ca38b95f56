package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Multi-window, multi-burn-rate SLO alerts (Google SRE workbook), one pair per objective. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BudgetBurnAlertSpec {
  @JsonPropertyDescription("false switches the SLO burn-rate alerts off. Default: " + Defaults.ENABLED + ".")
  @Default(Defaults.ENABLED)
  public Boolean enabled;

  @JsonPropertyDescription(
      "Low-traffic guard: no burn-rate alert while the service handles fewer requests per second"
          + " than this. Default: " + Defaults.MIN_REQUESTS_PER_SECOND + ".")
  @ValidationRule(value = "self >= 0.0",
      message = "alerts.budgetBurn.minRequestsPerSecond must be 0 or more requests per second, e.g. 0.1")
  @Default(Defaults.MIN_REQUESTS_PER_SECOND)
  public Double minRequestsPerSecond;

  @JsonPropertyDescription(
      "keep_firing_for of the burn-rate alerts, damping flapping around the threshold (Prometheus"
          + " >= 2.42). 0s disables it. Default: " + Defaults.KEEP_FIRING_FOR + ".")
  @Size(max = 32)
  @ValidationRule(value = Syntax.PROMETHEUS_DURATION,
      message = "alerts.budgetBurn.keepFiringFor must be " + Syntax.PROMETHEUS_DURATION_WORDS + "; 0s disables it")
  @Default(Defaults.KEEP_FIRING_FOR)
  public String keepFiringFor;
}
