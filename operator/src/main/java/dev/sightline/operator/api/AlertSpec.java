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

  @JsonPropertyDescription("How long the alert keeps firing after its condition clears (Prometheus keep_firing_for,"
      + " Prometheus >= 2.42), a Prometheus duration: an incident that comes and goes is one page, not one per"
      + " swing. 0s switches it off; unset, pages keep firing " + Defaults.KEEP_FIRING_FOR + " and tickets do not.")
  @Size(max = 32)
  @ValidationRule(value = Syntax.PROMETHEUS_DURATION,
      message = "keepFiringFor must be " + Syntax.PROMETHEUS_DURATION_WORDS + "; 0s switches it off")
  public String keepFiringFor;
}
