package dev.sightline.operator.model;

import dev.sightline.operator.api.CustomMetricsSpec;
import dev.sightline.operator.api.Defaults;
import dev.sightline.operator.api.MetricConvention;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The concrete series and label names of one metric convention.
 *
 * @param requestsTotal counter of handled requests (full series name)
 * @param durationHistogram request-duration histogram base name in seconds, or null if none
 * @param inFlight gauge of requests in flight, or null if none
 * @param statusLabel label with the HTTP status code
 * @param routeLabel label with the route template
 * @param methodLabel label with the HTTP method
 * @param exceptionLabel label with the exception class, or null if the convention has none
 * @param jvmMetrics whether the convention's library also exposes JVM and process metrics
 */
public record MetricNames(
    String requestsTotal,
    String durationHistogram,
    String inFlight,
    String statusLabel,
    String routeLabel,
    String methodLabel,
    String exceptionLabel,
    boolean jvmMetrics) {

  /**
   * The built-in conventions, as data: a new one is one entry here and one enum constant. The order is the
   * order in which {@code metrics.convention: auto} tries them: the first whose request counter exists wins.
   */
  public static final Map<MetricConvention, MetricNames> CONVENTIONS;

  static {
    Map<MetricConvention, MetricNames> m = new LinkedHashMap<>();
    m.put(MetricConvention.MICROMETER, new MetricNames(
        "http_server_requests_seconds_count",
        "http_server_requests_seconds",
        // Micrometer >= 1.13 exports the active-requests LongTaskTimer as a summary: _count = in flight
        "http_server_requests_active_seconds_count",
        "status", "uri", "method", "exception", true));
    m.put(MetricConvention.PROMETHEUS_CLIENT, new MetricNames(
        "http_requests_total", "http_request_duration_seconds", "http_requests_inprogress",
        "status", "handler", "method", null, false));
    m.put(MetricConvention.OTEL, new MetricNames(
        "http_server_request_duration_seconds_count", "http_server_request_duration_seconds",
        "http_server_active_requests", "http_response_status_code", "http_route", "http_request_method",
        "error_type", false));
    CONVENTIONS = Collections.unmodifiableMap(m);
  }

  public static MetricNames of(MetricConvention convention, CustomMetricsSpec custom) {
    if (convention != MetricConvention.CUSTOM) {
      return CONVENTIONS.get(convention);
    }
    if (custom == null || custom.requestsTotal == null) {
      throw new InvalidSpecException("metrics.custom.requestsTotal is required with convention custom");
    }
    return new MetricNames(
        custom.requestsTotal,
        custom.durationHistogram,
        custom.inFlight,
        orDefault(custom.statusLabel, Defaults.STATUS_LABEL),
        orDefault(custom.routeLabel, Defaults.ROUTE_LABEL),
        orDefault(custom.methodLabel, Defaults.METHOD_LABEL),
        null,
        false);
  }

  public boolean hasLatency() {
    return durationHistogram != null;
  }

  public String bucket() {
    return durationHistogram + "_bucket";
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
