package dev.sightline.operator.api;

import java.util.List;

/**
 * Every default of the ObservedService API, in one place. The CRD's {@code default:} values and the
 * "Default:" of the field descriptions are these constants, the model falls back to them for
 * objects the API server did not default (tests, old objects), and the README's reference table is
 * generated from {@link #TABLE} (ApiReferenceTest checks all three).
 */
public final class Defaults {
  public static final String PORT = "http";
  public static final String PATH = "/metrics";
  public static final String INTERVAL = "30s";
  /** The longest scrape interval: four of them make HighErrorRate's 20m window at most. */
  public static final String MAX_INTERVAL = "5m";
  public static final String SCRAPE_TIMEOUT = "10s";
  public static final String CONVENTION = "micrometer";
  public static final String ERROR_STATUS_REGEX = "5..";
  public static final String STATUS_LABEL = "status";
  public static final String ROUTE_LABEL = "route";
  public static final String METHOD_LABEL = "method";
  public static final String AVAILABILITY = "99.5";
  public static final String LATENCY_TARGET = "99";
  public static final String WINDOW = "30d";
  public static final String NAME_PREFIX = "Sightline";
  public static final String PAGE_SEVERITY = "critical";
  public static final String TICKET_SEVERITY = "warning";
  public static final String ENABLED = "true";
  public static final String TARGET_DOWN_FOR = "5m";
  public static final String TARGET_DOWN_SEVERITY = "page";
  public static final String TARGET_DOWN_THRESHOLD = "10";
  public static final String ERROR_RATE_FOR = "3m30s";
  public static final String ERROR_RATE_SEVERITY = "page";
  public static final String ERROR_RATE_THRESHOLD = "5";
  public static final String MIN_REQUESTS_PER_SECOND = "0.1";
  /** Requests the long window of a burn-rate pair must have seen. */
  public static final String MIN_REQUESTS = "100";
  public static final String ALL_FAIL_FOR = "2m";
  public static final String ALL_FAIL_SEVERITY = "page";
  public static final String MIN_FAILURES = "5";
  /** What "(nearly) every request" means: not configurable, an all-fail alert at 50 % would be HighErrorRate. */
  public static final String ALL_FAIL_PERCENT = "90";
  public static final String LATENCY_FOR = "10m";
  public static final String LATENCY_SEVERITY = "ticket";
  /** HighLatency's threshold without a latency objective (with one, the objective's threshold). */
  public static final String LATENCY_THRESHOLD = "1s";
  public static final String LATENCY_PERCENTILE = "99";
  public static final String METRICS_ABSENT_FOR = "10m";
  public static final String METRICS_ABSENT_SEVERITY = "ticket";
  public static final String LATENCY_SLI_MISSING_FOR = "15m";
  public static final String LATENCY_SLI_MISSING_SEVERITY = "ticket";
  public static final String AVAILABILITY_SLI_MISSING_FOR = "10m";
  public static final String AVAILABILITY_SLI_MISSING_SEVERITY = "ticket";
  public static final String REQUESTS_STUCK_FOR = "3m";
  public static final String REQUESTS_STUCK_SEVERITY = "page";
  /** keep_firing_for of the burn-rate alerts and of every page. */
  public static final String KEEP_FIRING_FOR = "5m";
  public static final String SATURATION_FOR = "15m";
  public static final String SATURATION_SEVERITY = "ticket";
  public static final String HEAP_THRESHOLD = "90";
  public static final String CPU_THRESHOLD = "90";
  public static final String DASHBOARD_FOLDER = "Sightline";
  public static final String DASHBOARD_DELIVERY = "configMap";
  public static final String ADD_SELECTOR_LABELS = "true";
  public static final String ROUTING_ENABLED = "false";
  /** Alertmanager timings per severity: pages soon and often, tickets batched and daily. */
  public static final String PAGE_GROUP_WAIT = "30s";
  public static final String PAGE_GROUP_INTERVAL = "5m";
  public static final String PAGE_REPEAT_INTERVAL = "4h";
  public static final String TICKET_GROUP_WAIT = "5m";
  public static final String TICKET_GROUP_INTERVAL = "30m";
  public static final String TICKET_REPEAT_INTERVAL = "24h";

  /** One default: the field's path under spec, its value as YAML shows it, and whether the CRD sets it. */
  public record Entry(String field, String value, boolean inCrd) {}

  public static final List<Entry> TABLE = List.of(
      new Entry("serviceName", "metadata.name", false),
      new Entry("port", PORT, true),
      new Entry("path", PATH, true),
      new Entry("interval", INTERVAL, true),
      new Entry("scrapeTimeout", SCRAPE_TIMEOUT, true),
      new Entry("metrics.convention", CONVENTION, true),
      new Entry("metrics.errorStatusRegex", ERROR_STATUS_REGEX, true),
      new Entry("metrics.custom.statusLabel", STATUS_LABEL, true),
      new Entry("metrics.custom.routeLabel", ROUTE_LABEL, true),
      new Entry("metrics.custom.methodLabel", METHOD_LABEL, true),
      new Entry("objectives.availability", AVAILABILITY, true),
      new Entry("objectives.latency.target", LATENCY_TARGET, true),
      new Entry("objectives.window", WINDOW, true),
      new Entry("alerts.namePrefix", NAME_PREFIX, true),
      new Entry("alerts.severities.page", PAGE_SEVERITY, true),
      new Entry("alerts.severities.ticket", TICKET_SEVERITY, true),
      new Entry("alerts.targetDown.enabled", ENABLED, true),
      new Entry("alerts.targetDown.for", TARGET_DOWN_FOR, false),
      new Entry("alerts.targetDown.severity", TARGET_DOWN_SEVERITY, false),
      new Entry("alerts.targetDown.threshold", TARGET_DOWN_THRESHOLD, true),
      new Entry("alerts.highErrorRate.enabled", ENABLED, true),
      new Entry("alerts.highErrorRate.for", ERROR_RATE_FOR, false),
      new Entry("alerts.highErrorRate.severity", ERROR_RATE_SEVERITY, false),
      new Entry("alerts.highErrorRate.threshold", ERROR_RATE_THRESHOLD, true),
      new Entry("alerts.highErrorRate.minRequestsPerSecond", MIN_REQUESTS_PER_SECOND, true),
      new Entry("alerts.allRequestsFail.enabled", ENABLED, true),
      new Entry("alerts.allRequestsFail.for", ALL_FAIL_FOR, false),
      new Entry("alerts.allRequestsFail.severity", ALL_FAIL_SEVERITY, false),
      new Entry("alerts.allRequestsFail.minFailures", MIN_FAILURES, true),
      new Entry("alerts.highLatency.enabled", ENABLED, true),
      new Entry("alerts.highLatency.for", LATENCY_FOR, false),
      new Entry("alerts.highLatency.severity", LATENCY_SEVERITY, false),
      new Entry("alerts.highLatency.threshold", "objectives.latency.threshold, else " + LATENCY_THRESHOLD, false),
      new Entry("alerts.highLatency.percentile", LATENCY_PERCENTILE, true),
      new Entry("alerts.highLatency.minRequestsPerSecond", MIN_REQUESTS_PER_SECOND, true),
      new Entry("alerts.metricsAbsent.enabled", ENABLED, true),
      new Entry("alerts.metricsAbsent.for", METRICS_ABSENT_FOR, false),
      new Entry("alerts.metricsAbsent.severity", METRICS_ABSENT_SEVERITY, false),
      new Entry("alerts.latencySliMissing.enabled", ENABLED, true),
      new Entry("alerts.latencySliMissing.for", LATENCY_SLI_MISSING_FOR, false),
      new Entry("alerts.latencySliMissing.severity", LATENCY_SLI_MISSING_SEVERITY, false),
      new Entry("alerts.availabilitySliMissing.enabled", ENABLED, true),
      new Entry("alerts.availabilitySliMissing.for", AVAILABILITY_SLI_MISSING_FOR, false),
      new Entry("alerts.availabilitySliMissing.severity", AVAILABILITY_SLI_MISSING_SEVERITY, false),
      new Entry("alerts.requestsStuck.enabled", ENABLED, true),
      new Entry("alerts.requestsStuck.for", REQUESTS_STUCK_FOR, false),
      new Entry("alerts.requestsStuck.severity", REQUESTS_STUCK_SEVERITY, false),
      new Entry("alerts.budgetBurn.enabled", ENABLED, true),
      new Entry("alerts.budgetBurn.minRequests", MIN_REQUESTS, true),
      new Entry("alerts.budgetBurn.keepFiringFor", KEEP_FIRING_FOR, true),
      new Entry("alerts.saturation.enabled", ENABLED, true),
      new Entry("alerts.saturation.for", SATURATION_FOR, false),
      new Entry("alerts.saturation.severity", SATURATION_SEVERITY, false),
      new Entry("alerts.saturation.heapThreshold", HEAP_THRESHOLD, true),
      new Entry("alerts.saturation.cpuThreshold", CPU_THRESHOLD, true),
      new Entry("dashboard.enabled", ENABLED, true),
      new Entry("dashboard.folder", DASHBOARD_FOLDER, true),
      new Entry("dashboard.delivery", DASHBOARD_DELIVERY, true),
      new Entry("addSelectorLabels", ADD_SELECTOR_LABELS, true),
      new Entry("routing.enabled", ROUTING_ENABLED, true));

  private Defaults() {}
}
