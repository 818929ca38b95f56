package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectivesSpec {
  @JsonPropertyDescription(
      "Availability objective in percent of requests that must not fail, e.g. 99.5. Default: "
          + Defaults.AVAILABILITY + ".")
  @ValidationRule(
      value = Syntax.PERCENT_OBJECTIVE,
      message = "objectives.availability is a percentage strictly between 0 and 100, e.g. 99.5")
  @Default(Defaults.AVAILABILITY)
  public Double availability;

  @JsonPropertyDescription("Latency objective (optional): share of requests faster than a threshold.")
  public LatencyObjectiveSpec latency;

  @JsonPropertyDescription("SLO window in whole days or weeks, at most 90 days, e.g. 7d, 28d, 30d, 4w. Default: "
      + Defaults.WINDOW + ".")
  @Size(max = 8)
  @ValidationRule(
      value = Syntax.WINDOW_FORMAT,
      message = "objectives.window must be " + Syntax.WINDOW_WORDS)
  @ValidationRule(
      value = Syntax.WINDOW_AT_MOST_90_DAYS,
      message = "objectives.window must be at most 90 days (12w), e.g. 30d")
  @Default(Defaults.WINDOW)
  public String window;
}
