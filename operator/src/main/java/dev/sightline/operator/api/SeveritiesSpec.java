package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SeveritiesSpec {
  @JsonPropertyDescription("severity label value of paging alerts. Default: critical.")
  @Pattern("^[a-zA-Z0-9_.-]{1,63}$")
  @Default("critical")
  public String page;

  @JsonPropertyDescription("severity label value of ticket alerts. Default: warning.")
  @Pattern("^[a-zA-Z0-9_.-]{1,63}$")
  @Default("warning")
  public String ticket;
}
