package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatencyObjectiveSpec {
  @JsonPropertyDescription("Requests slower than this count against the objective, e.g. 300ms.")
  @Required
  @Pattern(Durations.LATENCY_DURATION)
  @ValidationRule(
      value = "self != '' && duration(self) > duration('0s')",
      message = "objectives.latency.threshold must be a duration above zero, e.g. 300ms or 1s")
  public String threshold;

  @JsonPropertyDescription(
      "Percent of requests that must be faster than threshold, e.g. 99. Default: 99.")
  @ValidationRule(
      value = "self > 0.0 && self < 100.0",
      message = "objectives.latency.target is a percentage strictly between 0 and 100, e.g. 99")
  @Default("99")
  public Double target;
}
