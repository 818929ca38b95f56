package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertsSpec {
  @JsonPropertyDescription(
      "Prefix of every generated alert name, so they do not collide with other rule sets."
          + " Default: Sightline (SightlineTargetDown, ...).")
  @Pattern("^([A-Za-z][A-Za-z0-9_]*)?$")
  @Size(max = 64)
  @Default("Sightline")
  public String namePrefix;

  @JsonPropertyDescription("Extra labels on every alert, e.g. team or routing keys for Alertmanager.")
  @ValidationRule(
      value = "self.all(k, k.matches('^[a-zA-Z_][a-zA-Z0-9_]*$') && k != 'severity' && k != 'alertname')",
      message = "alerts.labels keys must be Prometheus label names and must not be severity or alertname (use alerts.severities)")
  @ValidationRule(value = "self.all(k, self[k].size() <= 1024)", message = "alerts.labels values must be at most 1024 characters")
  @Size(max = 32)
  public Map<String, String> labels;

  @JsonPropertyDescription(
      "Base URL of the runbooks; each alert gets runbook_url = <base>/<alertname>.")
  @Pattern("^https?://[^\\s]+$")
  @Size(max = 512)
  public String runbookUrlBase;

  @JsonPropertyDescription("severity label values for page and ticket alerts.")
  public SeveritiesSpec severities;

  @JsonPropertyDescription("Scrape targets down. Defaults: 5m, page, threshold 10 %.")
  public TargetDownAlertSpec targetDown;

  @JsonPropertyDescription(
      "Share of failed requests over 2 minutes too high. Defaults: 3m30s, page, threshold 5 %: a"
          + " sustained error storm pages within 5 minutes, a one-minute blip does not.")
  public ErrorRateAlertSpec highErrorRate;

  @JsonPropertyDescription("Latency percentile too high. Defaults: 10m, ticket, p99.")
  public LatencyAlertSpec highLatency;

  @JsonPropertyDescription("No scrape target exists at all (selector matches nothing). Defaults: 10m, ticket.")
  public AlertSpec metricsAbsent;

  @JsonPropertyDescription("SLO error-budget burn-rate alerts (fast burn pages, slow burn opens a ticket).")
  public BudgetBurnAlertSpec budgetBurn;

  @JsonPropertyDescription("JVM heap and CPU saturation (micrometer only). Defaults: 15m, ticket, 90 %.")
  public SaturationAlertSpec saturation;
}
