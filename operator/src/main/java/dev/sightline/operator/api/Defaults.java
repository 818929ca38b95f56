package dev.sightline.operator.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every default of the ObservedService API, in one place. The CRD's {@code default:} values and the
 * "Default:" of the field descriptions are these constants, the model falls back to them for
 * objects the API server did not default (tests, old objects), and docs/reference.md's table is
 * generated from {@link #TABLE} (ApiReferenceTest checks all three). An alert's for and severity are
 * declared on its field in {@link AlertsSpec} ({@link Alert}) and join the table from there.
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
  public static final String TARGET_DOWN_THRESHOLD = "10";
  public static final String ERROR_RATE_THRESHOLD = "5";
  public static final String MIN_REQUESTS_PER_SECOND = "0.1";
  /** Requests the long window of a burn-rate pair must have seen. */
  public static final String MIN_REQUESTS = "100";
  public static final String MIN_FAILURES = "5";
  /** What "(nearly) every request" means: not configurable, an all-fail alert at 50 % would be HighErrorRate. */
  public static final String ALL_FAIL_PERCENT = "90";
  /** HighLatency's threshold without a latency objective (with one, the objective's threshold). */
  public static final String LATENCY_THRESHOLD = "1s";
  public static final String LATENCY_PERCENTILE = "99";
  /** keep_firing_for of the burn-rate alerts and of every page. */
  public static final String KEEP_FIRING_FOR = "5m";
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

  /** Each alert setting's defaults besides enabled, for and severity (which its @Alert declares), by field. */
  private static final Map<String, List<Entry>> ALERT_SETTINGS = Map.of(
      "targetDown", List.of(new Entry("threshold", TARGET_DOWN_THRESHOLD, true)),
      "highErrorRate", List.of(new Entry("threshold", ERROR_RATE_THRESHOLD, true),
          new Entry("minRequestsPerSecond", MIN_REQUESTS_PER_SECOND, true)),
      "allRequestsFail", List.of(new Entry("minFailures", MIN_FAILURES, true)),
      "highLatency", List.of(new Entry("threshold", "objectives.latency.threshold, else " + LATENCY_THRESHOLD, false),
          new Entry("percentile", LATENCY_PERCENTILE, true),
          new Entry("minRequestsPerSecond", MIN_REQUESTS_PER_SECOND, true)),
      "budgetBurn", List.of(new Entry("minRequests", MIN_REQUESTS, true),
          new Entry("keepFiringFor", KEEP_FIRING_FOR, true)),
      "saturation", List.of(new Entry("heapThreshold", HEAP_THRESHOLD, true),
          new Entry("cpuThreshold", CPU_THRESHOLD, true)));

  public static final List<Entry> TABLE = table(List.of(
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
      new Entry("slos[].latency.target", LATENCY_TARGET, true),
      new Entry("slos[].window", "objectives.window", false),
      new Entry("alerts.namePrefix", NAME_PREFIX, true),
      new Entry("alerts.severities.page", PAGE_SEVERITY, true),
      new Entry("alerts.severities.ticket", TICKET_SEVERITY, true),
      new Entry("dashboard.enabled", ENABLED, true),
      new Entry("dashboard.folder", DASHBOARD_FOLDER, true),
      new Entry("dashboard.delivery", DASHBOARD_DELIVERY, true),
      new Entry("addSelectorLabels", ADD_SELECTOR_LABELS, true),
      new Entry("routing.enabled", ROUTING_ENABLED, true)));

  private Defaults() {}

  /** The rows above with every alert setting's rows: enabled, the for and severity its @Alert declares, the rest. */
  private static List<Entry> table(List<Entry> rows) {
    List<Entry> all = new ArrayList<>(rows);
    for (AlertCatalog.Setting s : AlertCatalog.SETTINGS) {
      String at = "alerts." + s.field() + ".";
      all.add(new Entry(at + "enabled", ENABLED, true));
      if (s.forDuration() != null) {
        all.add(new Entry(at + "for", s.forDuration(), false));
        all.add(new Entry(at + "severity", s.severity(), false));
      }
      ALERT_SETTINGS.getOrDefault(s.field(), List.of())
          .forEach(e -> all.add(new Entry(at + e.field(), e.value(), e.inCrd())));
    }
    return List.copyOf(all);
  }
}
