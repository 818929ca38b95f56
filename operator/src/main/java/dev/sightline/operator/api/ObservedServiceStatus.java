package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObservedServiceStatus {
  @JsonPropertyDescription("metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription(
      "Ready (Sightline's own objects), ServiceFound, ResourcesApplied, and what Prometheus does with them:"
          + " Selected, Scraped, RulesLoaded, MetricsFound, and Monitored (all of them hold).")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Which Service(s) are watched, for humans.")
  public String service;

  @JsonPropertyDescription("The objectives, for humans, e.g. 99.5% / 30d.")
  public String slo;

  @JsonPropertyDescription("The service-wide objective and the named ones (spec.slos), each with its SLI and budget.")
  public List<ObjectiveStatus> objectives;

  @JsonPropertyDescription("Number of objectives: the service-wide one and the named ones.")
  public Integer objectiveCount;

  @JsonPropertyDescription("The lowest error budget left among the objectives, and whose, e.g. 42% checkout.")
  public String worstBudget;

  @JsonPropertyDescription("When the budgets in objectives were taken from Prometheus (they are refreshed every few"
      + " minutes, not every check, so that a moving budget is not a status write per check).")
  public String budgetsAt;

  @JsonPropertyDescription("Number of Services matched.")
  public Integer matchedServices;

  @JsonPropertyDescription("Number of ready endpoints behind the matched Services.")
  public Integer readyEndpoints;

  @JsonPropertyDescription(
      "How the latency SLI counts fast requests: the bucket at the threshold, e.g. le=\"0.3\", or, when the"
          + " histogram has none, the two buckets it interpolates between (found in Prometheus).")
  public String latencyBucket;

  @JsonPropertyDescription("Targets up / targets Prometheus scrapes for this service, e.g. 3/3.")
  public String targets;

  @JsonPropertyDescription("Number of this service's alerts firing where its rules are evaluated (Prometheus or"
      + " ThanosRuler); empty when none of them answered.")
  public Integer firing;

  @JsonPropertyDescription("The metric convention in use; with metrics.convention auto, the one Sightline found.")
  public String metricsConvention;

  @JsonPropertyDescription("The latency histogram's finite classic bucket bounds in seconds as Prometheus has them,"
      + " kept so that a restarted operator renders the same rules before it has asked Prometheus again.")
  public List<Double> latencyBuckets;

  @JsonPropertyDescription("Whether the latency histogram has native buckets in Prometheus (kept like latencyBuckets).")
  public Boolean nativeHistogram;

  @JsonPropertyDescription("Objects generated for this ObservedService.")
  public List<GeneratedObject> generated = new ArrayList<>();

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ObservedServiceStatus s)) {
      return false;
    }
    return Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(service, s.service)
        && Objects.equals(slo, s.slo)
        && Objects.equals(objectives, s.objectives)
        && Objects.equals(objectiveCount, s.objectiveCount)
        && Objects.equals(worstBudget, s.worstBudget)
        && Objects.equals(budgetsAt, s.budgetsAt)
        && Objects.equals(matchedServices, s.matchedServices)
        && Objects.equals(readyEndpoints, s.readyEndpoints)
        && Objects.equals(latencyBucket, s.latencyBucket)
        && Objects.equals(targets, s.targets)
        && Objects.equals(firing, s.firing)
        && Objects.equals(metricsConvention, s.metricsConvention)
        && Objects.equals(latencyBuckets, s.latencyBuckets)
        && Objects.equals(nativeHistogram, s.nativeHistogram)
        && Objects.equals(generated, s.generated);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, service, slo, objectives, objectiveCount, worstBudget, budgetsAt,
        matchedServices, readyEndpoints, latencyBucket,
        targets, firing, metricsConvention, latencyBuckets, nativeHistogram, generated);
  }
}
