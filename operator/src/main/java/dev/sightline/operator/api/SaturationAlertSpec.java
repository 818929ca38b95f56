package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** JVM heap and process CPU alerts; only generated for the micrometer convention, which exposes them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SaturationAlertSpec extends AlertSpec {
  @JsonPropertyDescription("Fire when heap use is above this percentage of the maximum. Default: 90.")
  @ValidationRule(value = "self > 0.0 && self <= 100.0", message = "alerts.saturation.heapThreshold is a percentage between 0 and 100")
  public Double heapThreshold;

  @JsonPropertyDescription("Fire when process CPU use is above this percentage of the available CPUs. Default: 90.")
  @ValidationRule(value = "self > 0.0 && self <= 100.0", message = "alerts.saturation.cpuThreshold is a percentage between 0 and 100")
  public Double cpuThreshold;
}
