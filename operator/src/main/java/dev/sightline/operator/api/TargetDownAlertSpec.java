package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetDownAlertSpec extends AlertSpec {
  @JsonPropertyDescription(
      "Fire when more than this percentage of the service's scrape targets is down. Default: "
          + Defaults.TARGET_DOWN_THRESHOLD + ".")
  @ValidationRule(
      value = "self >= 0.0 && self < 100.0",
      message = "alerts.targetDown.threshold is a percentage from 0 (any target down) to below 100, e.g. 10")
  @Default(Defaults.TARGET_DOWN_THRESHOLD)
  public Double threshold;
}
