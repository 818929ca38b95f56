package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One objective as status shows it: what it promises, how its SLI is computed, its budget, what was found. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectiveStatus {
  @JsonPropertyDescription("The objective's name (slos[].name); absent for the service-wide objective.")
  public String name;

  @JsonPropertyDescription("What it promises, e.g. 99.9%, 99% < 300ms / 30d.")
  public String objective;

  @JsonPropertyDescription("How its SLIs are computed: availability from the request counter; latency from the"
      + " exact bucket at the threshold, by interpolation between two buckets, or from a native histogram.")
  public String sli;

  @JsonPropertyDescription("Error budget left over its window, in whole percent, the worst of its budgets (and of"
      + " its routes when grouped), as Prometheus records it; absent before Prometheus has it.")
  public String budgetRemaining;

  @JsonPropertyDescription("What Prometheus has for it, e.g. that no request matches its routes.")
  public String message;

  public ObjectiveStatus() {}

  public ObjectiveStatus(String name, String objective, String sli, String budgetRemaining, String message) {
    this.name = name;
    this.objective = objective;
    this.sli = sli;
    this.budgetRemaining = budgetRemaining;
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectiveStatus s && Objects.equals(name, s.name) && Objects.equals(objective, s.objective)
        && Objects.equals(sli, s.sli) && Objects.equals(budgetRemaining, s.budgetRemaining)
        && Objects.equals(message, s.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, objective, sli, budgetRemaining, message);
  }
}
