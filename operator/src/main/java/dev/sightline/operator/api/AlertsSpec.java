package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertsSpec {
  @JsonPropertyDescription(
      "Prefix of every generated alert name, so they do not collide with other rule sets."
          + " Default: " + Defaults.NAME_PREFIX + " (SightlineTargetDown, ...).")
  @Size(max = 64)
  @ValidationRule(
      value = "self.matches('^([A-Za-z][A-Za-z0-9_]*)?$')",
      message = "alerts.namePrefix must start with a letter and hold only letters, digits and _ (it begins every"
          + " alert name), e.g. Payments")
  @Default(Defaults.NAME_PREFIX)
  public String namePrefix;

  @JsonPropertyDescription(
      "Extra labels on every alert, e.g. team or routing keys for Alertmanager. Not severity or alertname"
          + " (use alerts.severities), not namespace or job (the rules group by them), not __reserved.")
  @ValidationRule(
      value = "self.all(k, k.matches('" + Syntax.LABEL_NAME_RE + "') && !k.startsWith('__'))",
      message = "alerts.labels keys must be Prometheus label names: letters, digits and _, not starting with a"
          + " digit or __, e.g. team")
  @ValidationRule(
      value = "self.all(k, !(k in ['severity', 'alertname', 'namespace', 'job']))",
      message = "alerts.labels must not set severity or alertname (use alerts.severities and alerts.namePrefix)"
          + " nor namespace or job (every rule groups by them, an override breaks the alert's link to the"
          + " service); e.g. {team: payments}")
  @ValidationRule(
      value = "self.all(k, self[k].size() <= 1024)",
      message = "alerts.labels values must be at most 1024 characters, e.g. payments")
  @Size(max = 32)
  public Map<String, String> labels;

  @JsonPropertyDescription("Base URL of the runbooks; each alert gets runbook_url = <base>/<alertname>.")
  @Size(max = 512)
  @ValidationRule(
      value = "self.matches('^https?://[^ ]+$')",
      message = "alerts.runbookUrlBase must be an http or https URL without spaces, e.g."
          + " https://runbooks.example.com/payments")
  public String runbookUrlBase;

  @JsonPropertyDescription("severity label values for page and ticket alerts.")
  public SeveritiesSpec severities;

  // Each alert setting below declares its alerts and their defaults (@Alert); "{defaults}" in its description is
  // replaced by them when the CRD is generated (SchemaRules), and Defaults.TABLE lists them (AlertCatalog).

  @Alert(names = "TargetDown", forDuration = "5m", severity = "page")
  @JsonPropertyDescription("Scrape targets down. Defaults: {defaults}, threshold " + Defaults.TARGET_DOWN_THRESHOLD
      + " %.")
  public TargetDownAlertSpec targetDown;

  @Alert(names = "HighErrorRate", forDuration = "3m30s", severity = "page")
  @JsonPropertyDescription(
      "Share of failed requests over 2 minutes too high. Defaults: {defaults}, threshold "
          + Defaults.ERROR_RATE_THRESHOLD + " %: a sustained error storm pages within 5 minutes, a one-minute blip"
          + " does not.")
  public ErrorRateAlertSpec highErrorRate;

  @Alert(names = "AllRequestsFail", forDuration = "2m", severity = "page")
  @JsonPropertyDescription("(Nearly) every request fails (" + Defaults.ALL_FAIL_PERCENT + " % or more over 5 minutes),"
      + " at any traffic. Defaults: {defaults}, " + Defaults.MIN_FAILURES + " failures at least.")
  public AllFailAlertSpec allRequestsFail;

  @Alert(names = "HighLatency", forDuration = "10m", severity = "ticket")
  @JsonPropertyDescription("Latency percentile too high. Defaults: {defaults}, p" + Defaults.LATENCY_PERCENTILE + ".")
  public LatencyAlertSpec highLatency;

  @Alert(names = "MetricsAbsent", forDuration = "10m", severity = "ticket")
  @JsonPropertyDescription("No scrape target exists at all (selector matches nothing). Defaults: {defaults}.")
  public AlertSpec metricsAbsent;

  @Alert(names = "LatencySliMissing", forDuration = "15m", severity = "ticket")
  @JsonPropertyDescription("A latency objective whose SLI has no series while requests flow (no histogram, no bucket"
      + " at or above the threshold, histogram not scraped): its burn-rate alerts cannot fire. Defaults: {defaults}.")
  public AlertSpec latencySliMissing;

  @Alert(names = "AvailabilitySliMissing", forDuration = "10m", severity = "ticket")
  @JsonPropertyDescription("Requests flow or targets answer, but the series the availability SLI reads are gone"
      + " while another metric convention's request counter is there (a library upgrade renamed them): every"
      + " error and SLO alert is blind. Defaults: {defaults}.")
  public AlertSpec availabilitySliMissing;

  @Alert(names = "RequestsStuck", forDuration = "3m", severity = "page")
  @JsonPropertyDescription("With an in-flight gauge: requests pile up in flight far above their usual level while"
      + " (almost) none completes, a hang every caller waits on. Defaults: {defaults}.")
  public AlertSpec requestsStuck;

  @Alert(names = {"AvailabilityBudgetBurnFast", "AvailabilityBudgetBurnSlow", "LatencyBudgetBurnFast",
      "LatencyBudgetBurnSlow"})
  @JsonPropertyDescription("SLO error-budget burn-rate alerts (fast burn pages, slow burn opens a ticket).")
  public BudgetBurnAlertSpec budgetBurn;

  @Alert(names = {"HighHeapUsage", "HighCpuUsage", "HighInFlight"}, forDuration = "15m", severity = "ticket")
  @JsonPropertyDescription("JVM heap and CPU saturation (micrometer only), requests in flight. Defaults: {defaults}, "
      + Defaults.HEAP_THRESHOLD + " %.")
  public SaturationAlertSpec saturation;
}
