package dev.sightline.operator.render;

import dev.sightline.operator.api.AlertSpec;
import dev.sightline.operator.api.AlertsSpec;
import dev.sightline.operator.api.BudgetBurnAlertSpec;
import dev.sightline.operator.api.SaturationAlertSpec;
import dev.sightline.operator.api.DashboardDelivery;
import dev.sightline.operator.api.DashboardSpec;
import dev.sightline.operator.api.ErrorRateAlertSpec;
import dev.sightline.operator.api.LatencyAlertSpec;
import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.api.MetricsSpec;
import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.api.SeveritiesSpec;
import dev.sightline.operator.api.Severity;
import dev.sightline.operator.api.TargetDownAlertSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ObservedService with every default applied: the single input of all renderers. Defaults live
 * here (and are mirrored as CRD defaults for kubectl explain), so an object created without the API
 * server's defaulting renders the same.
 */
public record ResolvedSpec(
    String namespace,
    String name,
    String serviceName,
    LabelSelector selector,
    IntOrString port,
    String path,
    String interval,
    String scrapeTimeout,
    MetricConvention convention,
    MetricNames metrics,
    String errorStatusRegex,
    double availability,
    Latency latency,
    String window,
    Alerts alerts,
    Dashboard dashboard,
    Map<String, String> commonLabels) {

  /** Latency objective: a threshold in seconds and the percent of requests that must beat it. */
  public record Latency(String threshold, double thresholdSeconds, double target) {}

  /** One alert's resolved settings. */
  public record Alert(boolean enabled, String forDuration, String severity) {}

  public record Alerts(
      String namePrefix,
      String pageSeverity,
      String ticketSeverity,
      Map<String, String> labels,
      String runbookUrlBase,
      Alert targetDown,
      double targetDownThreshold,
      Alert highErrorRate,
      double errorRateThreshold,
      double errorRateMinRps,
      Alert highLatency,
      String latencyThreshold,
      double latencyThresholdSeconds,
      int latencyPercentile,
      double latencyMinRps,
      Alert metricsAbsent,
      BudgetBurn budgetBurn,
      Alert saturation,
      double heapThreshold,
      double cpuThreshold,
      Integer inFlightThreshold) {}

  /** SLO burn-rate alert settings. */
  public record BudgetBurn(boolean enabled, double minRps, String keepFiringFor) {}

  public record Dashboard(
      boolean enabled, String folder, DashboardDelivery delivery, LabelSelector instanceSelector) {}

  public static ResolvedSpec of(ObservedService resource) {
    ObservedServiceSpec spec = resource.getSpec() == null ? new ObservedServiceSpec() : resource.getSpec();
    String name = resource.getMetadata().getName();
    MetricsSpec m = spec.metrics == null ? new MetricsSpec() : spec.metrics;
    MetricConvention convention = or(m.convention, MetricConvention.MICROMETER);
    ObjectivesSpec o = spec.objectives == null ? new ObjectivesSpec() : spec.objectives;
    Latency latency = null;
    if (o.latency != null && o.latency.threshold != null) {
      latency =
          new Latency(o.latency.threshold, DurationParser.seconds(o.latency.threshold), or(o.latency.target, 99.0));
    }
    return new ResolvedSpec(
        resource.getMetadata().getNamespace(),
        name,
        serviceNameOf(resource),
        spec.selector,
        spec.port == null ? new IntOrString("http") : spec.port,
        or(spec.path, "/metrics"),
        or(spec.interval, "30s"),
        or(spec.scrapeTimeout, "10s"),
        convention,
        MetricNames.of(convention, m.custom),
        or(m.errorStatusRegex, "5.."),
        or(o.availability, 99.5),
        latency,
        or(o.window, "30d"),
        alerts(spec.alerts, latency),
        dashboard(spec.dashboard),
        sorted(spec.commonLabels));
  }

  /** The Service watched by name: spec.serviceName, else the resource's name; null when a selector is used. */
  public static String serviceNameOf(ObservedService resource) {
    ObservedServiceSpec spec = resource.getSpec();
    if (spec != null && spec.selector != null) {
      return null;
    }
    return or(spec == null ? null : spec.serviceName, resource.getMetadata().getName());
  }

  private static Alerts alerts(AlertsSpec a, Latency latency) {
    if (a == null) {
      a = new AlertsSpec();
    }
    SeveritiesSpec sev = a.severities == null ? new SeveritiesSpec() : a.severities;
    String page = or(sev.page, "critical");
    String ticket = or(sev.ticket, "warning");
    TargetDownAlertSpec td = a.targetDown == null ? new TargetDownAlertSpec() : a.targetDown;
    ErrorRateAlertSpec er = a.highErrorRate == null ? new ErrorRateAlertSpec() : a.highErrorRate;
    LatencyAlertSpec hl = a.highLatency == null ? new LatencyAlertSpec() : a.highLatency;
    String latencyThreshold = or(hl.threshold, latency != null ? latency.threshold() : "1s");
    AlertSpec ma = a.metricsAbsent == null ? new AlertSpec() : a.metricsAbsent;
    BudgetBurnAlertSpec bb = a.budgetBurn == null ? new BudgetBurnAlertSpec() : a.budgetBurn;
    SaturationAlertSpec sat = a.saturation == null ? new SaturationAlertSpec() : a.saturation;
    return new Alerts(
        or(a.namePrefix, "Sightline"),
        page,
        ticket,
        sorted(a.labels),
        a.runbookUrlBase == null ? null : stripTrailingSlash(a.runbookUrlBase),
        alert(td, "5m", Severity.PAGE, page, ticket),
        or(td.threshold, 10.0),
        alert(er, "3m30s", Severity.PAGE, page, ticket),
        or(er.threshold, 5.0),
        or(er.minRequestsPerSecond, 0.1),
        alert(hl, "10m", Severity.TICKET, page, ticket),
        latencyThreshold,
        DurationParser.seconds(latencyThreshold),
        or(hl.percentile, 99),
        or(hl.minRequestsPerSecond, 0.1),
        alert(ma, "10m", Severity.TICKET, page, ticket),
        new BudgetBurn(bb.isEnabled(), or(bb.minRequestsPerSecond, 0.1), or(bb.keepFiringFor, "5m")),
        alert(sat, "15m", Severity.TICKET, page, ticket),
        or(sat.heapThreshold, 90.0),
        or(sat.cpuThreshold, 90.0),
        sat.inFlightThreshold);
  }

  private static Alert alert(AlertSpec s, String defaultFor, Severity defaultSeverity, String page, String ticket) {
    Severity severity = or(s.severity, defaultSeverity);
    return new Alert(s.isEnabled(), or(s.forDuration, defaultFor), severity == Severity.PAGE ? page : ticket);
  }

  private static Dashboard dashboard(DashboardSpec d) {
    if (d == null) {
      d = new DashboardSpec();
    }
    return new Dashboard(
        d.isEnabled(), or(d.folder, "Sightline"), or(d.delivery, DashboardDelivery.CONFIG_MAP), d.instanceSelector);
  }

  /** The error budget of the availability objective as a ratio, e.g. 0.005 for 99.5 %. */
  public double availabilityBudget() {
    return Numbers.round(1 - availability / 100.0);
  }

  /** The error budget of the latency objective as a ratio, e.g. 0.01 for 99 % under the threshold. */
  public double latencyBudget() {
    return Numbers.round(1 - latency.target() / 100.0);
  }

  /** Human summary of the objectives, e.g. "99.5% / 30d" or "99.5%, p99 < 300ms / 30d". */
  public String sloSummary() {
    StringBuilder sb = new StringBuilder(Numbers.format(availability)).append('%');
    if (latency != null) {
      sb.append(", ").append(Numbers.format(latency.target())).append("% < ").append(latency.threshold());
    }
    return sb.append(" / ").append(window).toString();
  }

  /** Human summary of the watched Service(s). */
  public String serviceSummary() {
    if (serviceName != null) {
      return serviceName;
    }
    return "selector " + Selectors.describe(selector);
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static String or(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return map == null ? Map.of() : new TreeMap<>(map);
  }
}
