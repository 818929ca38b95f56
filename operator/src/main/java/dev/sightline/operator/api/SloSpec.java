package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * One named objective over chosen requests of the service: its own SLI, error budget, burn-rate alerts
 * (labelled slo: its name), routing and dashboard row. Without a route or method matcher it covers every
 * request. Its window defaults to objectives.window.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// required by class rules, not by the schema: a schema "required" stops every rule and says only "Required value"
@ValidationRule(value = "has(self.name)",
    message = "slos[].name is required: it names the objective on its alerts (label slo) and dashboard row,"
        + " e.g. {name: checkout, routes: [/checkout], availability: 99.9}")
@ValidationRule(value = "has(self.availability) || has(self.latency)",
    message = "each of slos needs a target: availability, latency or both, e.g. {name: checkout, routes:"
        + " [/checkout], availability: 99.9, latency: {threshold: 300ms, target: 99}}")
@ValidationRule(value = "!(has(self.routes) && has(self.routeRegex))",
    message = "slos[]: set routes (exact values) or routeRegex (one RE2 regular expression), not both, e.g."
        + " routeRegex: /api/v1/orders.*")
@ValidationRule(value = "!(has(self.methods) && has(self.methodRegex))",
    message = "slos[]: set methods (exact values) or methodRegex (one RE2 regular expression), not both, e.g."
        + " methods: [GET, HEAD]")
public class SloSpec {
  static final String NAME_RE = "^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$";

  @JsonPropertyDescription("Required. The objective's name, unique in this ObservedService: lowercase letters,"
      + " digits and -, at most 40, e.g. checkout. Alerts and recorded series carry it as label slo.")
  @Size(max = 40)
  @ValidationRule(value = "self.matches('" + NAME_RE + "')",
      message = "slos[].name must be lowercase letters, digits and -, starting with a letter and ending with a"
          + " letter or digit, at most 40, e.g. checkout")
  public String name;

  @JsonPropertyDescription("The requests that count: these values of the route label (exactly), e.g."
      + " [/checkout, /cart]. Default: every route.")
  @Size(min = 1, max = 32)
  @ValidationRule(value = "self.all(r, r != '')",
      message = "slos[].routes must not contain an empty value, e.g. [/checkout, /cart]")
  public List<@Size(max = 256) String> routes;

  @JsonPropertyDescription("The requests that count: route label values this RE2 regular expression matches"
      + " whole (as PromQL's =~), e.g. /api/v1/orders.*. Default: every route.")
  @Size(max = 256)
  @ValidationRule(value = Syntax.RE2, message = "slos[].routeRegex must be " + Syntax.RE2_WORDS
      + ", e.g. /api/v1/orders.*")
  public String routeRegex;

  @JsonPropertyDescription("The requests that count: these HTTP methods (values of the method label, exactly),"
      + " e.g. [POST]. Default: every method.")
  @Size(min = 1, max = 16)
  @ValidationRule(value = "self.all(m, m.matches('^[A-Za-z_]{1,20}$'))",
      message = "slos[].methods must be HTTP methods as the method label spells them (letters and _), e.g."
          + " [GET, POST]")
  public List<@Size(max = 20) String> methods;

  @JsonPropertyDescription("The requests that count: method label values this RE2 regular expression matches"
      + " whole, e.g. GET|HEAD. Default: every method.")
  @Size(max = 128)
  @ValidationRule(value = Syntax.RE2, message = "slos[].methodRegex must be " + Syntax.RE2_WORDS
      + ", e.g. GET|HEAD")
  public String methodRegex;

  @JsonPropertyDescription("Availability objective in percent of the chosen requests that must not fail, e.g."
      + " 99.9. Default: none (at least one of availability and latency).")
  @ValidationRule(value = Syntax.PERCENT_OBJECTIVE,
      message = "slos[].availability is a percentage strictly between 0 and 100, e.g. 99.9")
  public Double availability;

  @JsonPropertyDescription("Latency objective: share of the chosen requests faster than a threshold. Default:"
      + " none.")
  public LatencyObjectiveSpec latency;

  @JsonPropertyDescription("SLO window in whole days or weeks, at most 90 days, e.g. 28d. Default:"
      + " objectives.window.")
  @Size(max = 8)
  @ValidationRule(value = Syntax.WINDOW_FORMAT, message = "slos[].window must be " + Syntax.WINDOW_WORDS)
  @ValidationRule(value = Syntax.WINDOW_AT_MOST_90_DAYS, message = "slos[].window must be at most 90 days (12w),"
      + " e.g. 30d")
  public String window;

  @JsonPropertyDescription("route: one SLO per route value (label route on its series and alerts), from one rule"
      + " set, each with its own budget and alerts. Default: one SLO over all the chosen requests.")
  public SloGrouping groupBy;
}
