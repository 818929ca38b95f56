package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Settings every generated alert has; each alert's defaults are in the description of its field in AlertsSpec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertSpec {
  @JsonPropertyDescription("false switches this alert off. Default: " + Defaults.ENABLED + ".")
  @Default(Defaults.ENABLED)
  public Boolean enabled;

  @JsonProperty("for")
  @JsonPropertyDescription("How long the condition must hold before the alert fires, a Prometheus duration.")
  @Size(max = 32)
  @ValidationRule(value = Syntax.PROMETHEUS_DURATION, message = "for must be " + Syntax.PROMETHEUS_DURATION_WORDS)
  public String forDuration;

  @JsonPropertyDescription("page or ticket; mapped to a severity label by alerts.severities.")
  public Severity severity;
}
