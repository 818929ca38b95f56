package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Saturation alerts: JVM heap and process CPU for the micrometer convention, which exposes them, and
 * requests in flight for any convention with an in-flight gauge once a threshold is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SaturationAlertSpec extends AlertSpec {
  @JsonPropertyDescription("Fire when heap use is above this percentage of the maximum. Default: 90.")
  @ValidationRule(value = "self > 0.0 && self <= 100.0", message = "alerts.saturation.heapThreshold is a percentage between 0 and 100")
  public Double heapThreshold;

  @JsonPropertyDescription("Fire when process CPU use is above this percentage of the available CPUs. Default: 90.")
  @ValidationRule(value = "self > 0.0 && self <= 100.0", message = "alerts.saturation.cpuThreshold is a percentage between 0 and 100")
  public Double cpuThreshold;

  @JsonPropertyDescription(
      "Fire when more requests than this are in flight, summed over instances. No default: set it to"
          + " the concurrency the service is sized for.")
  @ValidationRule(value = "self > 0", message = "alerts.saturation.inFlightThreshold must be above 0")
  public Integer inFlightThreshold;
}
