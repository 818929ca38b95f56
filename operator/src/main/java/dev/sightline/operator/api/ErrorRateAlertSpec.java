package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ErrorRateAlertSpec extends AlertSpec {
  @JsonPropertyDescription("Fire when more than this percentage of requests fails. Default: 5.")
  @ValidationRule(
      value = "self > 0.0 && self < 100.0",
      message = "alerts.highErrorRate.threshold is a percentage strictly between 0 and 100, e.g. 5")
  public Double threshold;

  @JsonPropertyDescription(
      "Low-traffic guard: no alert while the service handles fewer requests per second than this."
          + " Default: 0.1.")
  @ValidationRule(
      value = "self >= 0.0",
      message = "alerts.highErrorRate.minRequestsPerSecond must not be negative")
  public Double minRequestsPerSecond;
}
