package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Settings every generated alert has. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertSpec {
  @JsonPropertyDescription("false switches this alert off. Default: true.")
  public Boolean enabled;

  @JsonProperty("for")
  @JsonPropertyDescription("How long the condition must hold before the alert fires, a Prometheus duration.")
  @Pattern(Durations.PROMETHEUS_DURATION)
  public String forDuration;

  @JsonPropertyDescription("page or ticket; mapped to a severity label by alerts.severities.")
  public Severity severity;

  public boolean isEnabled() {
    return enabled == null || enabled;
  }
}
