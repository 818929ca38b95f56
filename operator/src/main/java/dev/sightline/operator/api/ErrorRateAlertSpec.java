package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ErrorRateAlertSpec extends AlertSpec {
  @JsonPropertyDescription("Fire when more than this percentage of requests fails. Default: "
      + Defaults.ERROR_RATE_THRESHOLD + ".")
  @ValidationRule(
      value = "self > 0.0 && self < 100.0",
      message = "alerts.highErrorRate.threshold is a percentage strictly between 0 and 100, e.g. 5")
  @Default(Defaults.ERROR_RATE_THRESHOLD)
  public Double threshold;

  @JsonPropertyDescription(
      "Low-traffic guard: no alert while the service handles fewer requests per second than this."
          + " Default: " + Defaults.MIN_REQUESTS_PER_SECOND + ".")
  @ValidationRule(
      value = "self >= 0.0",
      message = "alerts.highErrorRate.minRequestsPerSecond must be 0 or more requests per second, e.g. 0.1")
  @Default(Defaults.MIN_REQUESTS_PER_SECOND)
  public Double minRequestsPerSecond;
}
