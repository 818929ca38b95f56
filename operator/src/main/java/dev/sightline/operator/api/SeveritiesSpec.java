package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SeveritiesSpec {
  private static final String RULE = "self.matches('^[a-zA-Z0-9_.-]{1,63}$')";
  private static final String WORDS = " must be 1 to 63 letters, digits, _, . and -";

  @JsonPropertyDescription("severity label value of paging alerts. Default: " + Defaults.PAGE_SEVERITY + ".")
  @Size(max = 64)
  @ValidationRule(value = RULE, message = "alerts.severities.page" + WORDS + ", e.g. critical or P1")
  @Default(Defaults.PAGE_SEVERITY)
  public String page;

  @JsonPropertyDescription("severity label value of ticket alerts. Default: " + Defaults.TICKET_SEVERITY + ".")
  @Size(max = 64)
  @ValidationRule(value = RULE, message = "alerts.severities.ticket" + WORDS + ", e.g. warning or P3")
  @Default(Defaults.TICKET_SEVERITY)
  public String ticket;
}
