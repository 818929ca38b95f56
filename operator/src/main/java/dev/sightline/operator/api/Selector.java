package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector (same fields as metav1.LabelSelector), validated as Kubernetes
 * validates one, so a selector the API server would refuse elsewhere is refused here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Selector {
  @JsonPropertyDescription("Labels that must all match, e.g. {app: shop}.")
  @Size(max = 32)
  @ValidationRule(
      value = "self.all(k, k.matches('" + Syntax.LABEL_KEY_RE + "'))",
      message = "matchLabels keys must be " + Syntax.LABEL_KEY_WORDS)
  public Map<String, String> matchLabels;

  @JsonPropertyDescription("Requirements that must all hold, e.g. [{key: tier, operator: In, values: [web]}].")
  @Size(max = 16)
  public List<SelectorRequirement> matchExpressions;
}
