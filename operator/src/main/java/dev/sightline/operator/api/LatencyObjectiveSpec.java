package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.threshold)",
    message = "latency.threshold is required: requests slower than it count against the objective,"
        + " e.g. {threshold: 300ms, target: 99}")
public class LatencyObjectiveSpec {
  // required by the class rule, not by the schema: a schema "required" stops every rule and says only
  // "Required value"
  @JsonPropertyDescription("Required. Requests slower than this count against the objective, e.g. 300ms.")
  @Size(max = 32)
  @ValidationRule(value = Syntax.LATENCY, message = "latency.threshold must be " + Syntax.LATENCY_WORDS)
  public String threshold;

  @JsonPropertyDescription(
      "Percent of requests that must be faster than threshold, e.g. 99. Default: " + Defaults.LATENCY_TARGET + ".")
  @ValidationRule(
      value = Syntax.PERCENT_OBJECTIVE,
      message = "latency.target is a percentage strictly between 0 and 100, e.g. 99")
  @Default(Defaults.LATENCY_TARGET)
  public Double target;
}
