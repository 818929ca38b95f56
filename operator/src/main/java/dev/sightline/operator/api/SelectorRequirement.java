package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** One matchExpressions entry of a label selector. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.key) && has(self.operator)",
    message = "matchExpressions entries need a key and an operator, e.g. {key: tier, operator: In, values: [web]}")
@ValidationRule(
    value = "!has(self.operator) || (self.operator in ['In', 'NotIn'] ? has(self.values) && size(self.values) > 0"
        + " : !has(self.values) || size(self.values) == 0)",
    message = "matchExpressions: operators In and NotIn need at least one value, Exists and DoesNotExist take"
        + " none, e.g. {key: tier, operator: In, values: [web]} or {key: canary, operator: DoesNotExist}")
public class SelectorRequirement {
  // key and operator: required by the class rule (a schema "required" would say only "Required value")
  @JsonPropertyDescription("Required. The label key, e.g. tier.")
  @Size(max = 317)
  @ValidationRule(value = "self.matches('" + Syntax.LABEL_KEY_RE + "')",
      message = "matchExpressions key must be " + Syntax.LABEL_KEY_WORDS)
  public String key;

  @JsonPropertyDescription("Required. In, NotIn, Exists or DoesNotExist.")
  public SelectorOperator operator;

  @JsonPropertyDescription("Values for In and NotIn; none for Exists and DoesNotExist.")
  @Size(max = 64)
  @ValidationRule(value = "self.all(v, v.matches('" + Syntax.LABEL_VALUE_RE + "'))",
      message = "matchExpressions values must be " + Syntax.LABEL_VALUE_WORDS)
  public List<String> values;
}
