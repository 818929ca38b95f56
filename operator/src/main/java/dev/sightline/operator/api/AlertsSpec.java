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

  @JsonPropertyDescription("Scrape targets down. Defaults: " + Defaults.TARGET_DOWN_FOR + ", "
      + Defaults.TARGET_DOWN_SEVERITY + ", threshold " + Defaults.TARGET_DOWN_THRESHOLD + " %.")
  public TargetDownAlertSpec targetDown;

  @JsonPropertyDescription(
      "Share of failed requests over 2 minutes too high. Defaults: " + Defaults.ERROR_RATE_FOR + ", "
          + Defaults.ERROR_RATE_SEVERITY + ", threshold " + Defaults.ERROR_RATE_THRESHOLD + " %: a"
          + " sustained error storm pages within 5 minutes, a one-minute blip does not.")
  public ErrorRateAlertSpec highErrorRate;

  @JsonPropertyDescription("(Nearly) every request fails (" + Defaults.ALL_FAIL_PERCENT + " % or more over 5 minutes),"
      + " at any traffic. Defaults: " + Defaults.ALL_FAIL_FOR + ", " + Defaults.ALL_FAIL_SEVERITY + ", "
      + Defaults.MIN_FAILURES + " failures at least.")
  public AllFailAlertSpec allRequestsFail;

  @JsonPropertyDescription("Latency percentile too high. Defaults: " + Defaults.LATENCY_FOR + ", "
      + Defaults.LATENCY_SEVERITY + ", p" + Defaults.LATENCY_PERCENTILE + ".")
  public LatencyAlertSpec highLatency;

  @JsonPropertyDescription("No scrape target exists at all (selector matches nothing). Defaults: "
      + Defaults.METRICS_ABSENT_FOR + ", " + Defaults.METRICS_ABSENT_SEVERITY + ".")
  public AlertSpec metricsAbsent;

  @JsonPropertyDescription("A latency objective whose SLI has no series while requests flow (no histogram, no bucket"
      + " at or above the threshold, histogram not scraped): its burn-rate alerts cannot fire. Defaults: "
      + Defaults.LATENCY_SLI_MISSING_FOR + ", " + Defaults.LATENCY_SLI_MISSING_SEVERITY + ".")
  public AlertSpec latencySliMissing;

  @JsonPropertyDescription("Requests flow or targets answer, but the series the availability SLI reads are gone"
      + " while another metric convention's request counter is there (a library upgrade renamed them): every"
      + " error and SLO alert is blind. Defaults: " + Defaults.AVAILABILITY_SLI_MISSING_FOR + ", "
      + Defaults.AVAILABILITY_SLI_MISSING_SEVERITY + ".")
  public AlertSpec availabilitySliMissing;

  @JsonPropertyDescription("With an in-flight gauge: requests pile up in flight far above their usual level while"
      + " (almost) none completes, a hang every caller waits on. Defaults: " + Defaults.REQUESTS_STUCK_FOR + ", "
      + Defaults.REQUESTS_STUCK_SEVERITY + ".")
  public AlertSpec requestsStuck;

  @JsonPropertyDescription("SLO error-budget burn-rate alerts (fast burn pages, slow burn opens a ticket).")
  public BudgetBurnAlertSpec budgetBurn;

  @JsonPropertyDescription("JVM heap and CPU saturation (micrometer only), requests in flight. Defaults: "
      + Defaults.SATURATION_FOR + ", " + Defaults.SATURATION_SEVERITY + ", " + Defaults.HEAP_THRESHOLD + " %.")
  public SaturationAlertSpec saturation;
}
