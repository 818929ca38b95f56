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
      "Low-traffic guard: a window pair alerts only when its long window (1h, 6h, 1d, 3d) saw at least this many"
          + " requests. Counted over the long window, so a total outage of a small service still pages, and a"
          + " page does not resolve while callers back off. Default: " + Defaults.MIN_REQUESTS + ".")
  @ValidationRule(value = "self >= 0",
      message = "alerts.budgetBurn.minRequests must be 0 or more requests, e.g. 100")
  @Default(Defaults.MIN_REQUESTS)
  public Integer minRequests;

  @JsonPropertyDescription(
      "keep_firing_for of the burn-rate alerts, damping flapping around the threshold (Prometheus"
          + " >= 2.42). 0s disables it. Default: " + Defaults.KEEP_FIRING_FOR + ".")
  @Size(max = 32)
  @ValidationRule(value = Syntax.PROMETHEUS_DURATION,
      message = "alerts.budgetBurn.keepFiringFor must be " + Syntax.PROMETHEUS_DURATION_WORDS + "; 0s disables it")
  @Default(Defaults.KEEP_FIRING_FOR)
  public String keepFiringFor;
}
