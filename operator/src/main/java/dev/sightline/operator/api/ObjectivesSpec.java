package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectivesSpec {
  private static final String WINDOW_FORMAT = "self.matches('^[1-9][0-9]{0,2}[dw]$')";

  @JsonPropertyDescription(
      "Availability objective in percent of requests that must not fail, e.g. 99.5. Default: "
          + Defaults.AVAILABILITY + ".")
  @ValidationRule(
      value = "self > 0.0 && self < 100.0",
      message = "objectives.availability is a percentage strictly between 0 and 100, e.g. 99.5")
  @Default(Defaults.AVAILABILITY)
  public Double availability;

  @JsonPropertyDescription("Latency objective (optional): share of requests faster than a threshold.")
  public LatencyObjectiveSpec latency;

  @JsonPropertyDescription("SLO window in whole days or weeks, at most 90 days, e.g. 7d, 28d, 30d, 4w. Default: "
      + Defaults.WINDOW + ".")
  @Size(max = 8)
  @ValidationRule(
      value = WINDOW_FORMAT,
      message = "objectives.window must be a whole number of days or weeks, e.g. 7d, 30d or 4w (no other unit:"
          + " write 720h as 30d)")
  @ValidationRule(
      value = "!" + WINDOW_FORMAT + " || int(self.substring(0, self.size() - 1)) * (self.endsWith('w') ? 7 : 1) <= 90",
      message = "objectives.window must be at most 90 days (12w), e.g. 30d")
  @Default(Defaults.WINDOW)
  public String window;
}
