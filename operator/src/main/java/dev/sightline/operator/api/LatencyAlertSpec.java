package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatencyAlertSpec extends AlertSpec {
  @JsonPropertyDescription(
      "Fire when the percentile latency is above this duration. Default: the latency objective's"
          + " threshold, or " + Defaults.LATENCY_THRESHOLD + " without one.")
  @Size(max = 32)
  @ValidationRule(value = Syntax.LATENCY, message = "alerts.highLatency.threshold must be " + Syntax.LATENCY_WORDS)
  public String threshold;

  @JsonPropertyDescription("Which latency percentile to watch: 50, 95 or 99. Default: " + Defaults.LATENCY_PERCENTILE
      + ".")
  @ValidationRule(
      value = "self == 50 || self == 95 || self == 99",
      message = "alerts.highLatency.percentile must be 50, 95 or 99 (the recorded quantiles), e.g. 99")
  @Default(Defaults.LATENCY_PERCENTILE)
  public Integer percentile;

  @JsonPropertyDescription(
      "Low-traffic guard: no alert while the service handles fewer requests per second than this."
          + " Default: " + Defaults.MIN_REQUESTS_PER_SECOND + ".")
  @ValidationRule(
      value = "self >= 0.0",
      message = "alerts.highLatency.minRequestsPerSecond must be 0 or more requests per second, e.g. 0.1")
  @Default(Defaults.MIN_REQUESTS_PER_SECOND)
  public Double minRequestsPerSecond;
}
