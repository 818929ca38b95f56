package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatencyAlertSpec extends AlertSpec {
  @JsonPropertyDescription(
      "Fire when the percentile latency is above this duration. Default: the latency objective's"
          + " threshold, or 1s without one.")
  @Pattern(Durations.LATENCY_DURATION)
  @ValidationRule(
      value = "self != '' && duration(self) > duration('0s')",
      message = "alerts.highLatency.threshold must be a duration above zero, e.g. 500ms")
  public String threshold;

  @JsonPropertyDescription("Which latency percentile to watch: 50, 95 or 99. Default: 99.")
  @ValidationRule(
      value = "self == 50 || self == 95 || self == 99",
      message = "alerts.highLatency.percentile must be 50, 95 or 99 (the recorded quantiles)")
  public Integer percentile;

  @JsonPropertyDescription(
      "Low-traffic guard: no alert while the service handles fewer requests per second than this."
          + " Default: 0.1.")
  @ValidationRule(
      value = "self >= 0.0",
      message = "alerts.highLatency.minRequestsPerSecond must not be negative")
  public Double minRequestsPerSecond;
}
