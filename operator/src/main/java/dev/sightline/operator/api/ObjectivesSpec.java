package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectivesSpec {
  @JsonPropertyDescription(
      "Availability objective in percent of requests that must not fail, e.g. 99.5. Default: 99.5.")
  @ValidationRule(
      value = "self > 0.0 && self < 100.0",
      message = "objectives.availability is a percentage strictly between 0 and 100, e.g. 99.5")
  @Default("99.5")
  public Double availability;

  @JsonPropertyDescription("Latency objective (optional): share of requests faster than a threshold.")
  public LatencyObjectiveSpec latency;

  @JsonPropertyDescription("SLO window in days or weeks, e.g. 7d, 28d, 30d, 4w. Default: 30d.")
  @Pattern("^[1-9][0-9]*[dw]$")
  @ValidationRule(
      value = "self.endsWith('w') ? int(self.substring(0, self.size() - 1)) <= 13 : int(self.substring(0, self.size() - 1)) <= 90",
      message = "objectives.window must be at most 90 days (13 weeks), e.g. 30d")
  @Default("30d")
  public String window;
}
