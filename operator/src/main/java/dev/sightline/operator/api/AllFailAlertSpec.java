package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** (Nearly) every request fails, at any traffic level. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AllFailAlertSpec extends AlertSpec {
  @JsonPropertyDescription("Fire only once at least this many requests failed in the last 5 minutes, so a"
      + " handful of failures at near-zero traffic never pages. Default: " + Defaults.MIN_FAILURES + ".")
  @ValidationRule(value = "self >= 1", message = "alerts.allRequestsFail.minFailures must be 1 or more, e.g. 5")
  @Default(Defaults.MIN_FAILURES)
  public Integer minFailures;
}
