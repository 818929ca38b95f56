package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Saturation alerts: JVM heap and process CPU for the micrometer convention, which exposes them, and
 * requests in flight for any convention with an in-flight gauge once a threshold is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SaturationAlertSpec extends AlertSpec {
  @JsonPropertyDescription("Fire when heap use is above this percentage of the maximum. Default: "
      + Defaults.HEAP_THRESHOLD + ".")
  @ValidationRule(value = "self > 0.0 && self <= 100.0",
      message = "alerts.saturation.heapThreshold is a percentage above 0 and at most 100, e.g. 90")
  @Default(Defaults.HEAP_THRESHOLD)
  public Double heapThreshold;

  @JsonPropertyDescription("Fire when process CPU use is above this percentage of the available CPUs. Default: "
      + Defaults.CPU_THRESHOLD + ".")
  @ValidationRule(value = "self > 0.0 && self <= 100.0",
      message = "alerts.saturation.cpuThreshold is a percentage above 0 and at most 100, e.g. 90")
  @Default(Defaults.CPU_THRESHOLD)
  public Double cpuThreshold;

  @JsonPropertyDescription(
      "Fire when more requests than this are in flight, summed over instances. No default: set it to"
          + " the concurrency the service is sized for.")
  @ValidationRule(value = "self > 0",
      message = "alerts.saturation.inFlightThreshold must be a whole number of requests above 0, e.g. 200")
  public Integer inFlightThreshold;
}
