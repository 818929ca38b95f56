package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The metric naming scheme a service's HTTP instrumentation follows. */
public enum MetricConvention {
  /**
   * Whichever built-in convention's series Prometheus has for the target, found by Sightline's
   * live checks and reported in status.metricsConvention.
   */
  @JsonProperty("auto")
  AUTO,
  /** Micrometer (Spring Boot, Quarkus, ...): http_server_requests_seconds_{count,bucket,sum}. */
  @JsonProperty("micrometer")
  MICROMETER,
  /** Prometheus client libraries and FastAPI instrumentators: http_requests_total, http_request_duration_seconds. */
  @JsonProperty("prometheus-client")
  PROMETHEUS_CLIENT,
  /** OpenTelemetry HTTP semantic conventions exported to Prometheus: http_server_request_duration_seconds. */
  @JsonProperty("otel")
  OTEL,
  /** Metric and label names given explicitly in metrics.custom. */
  @JsonProperty("custom")
  CUSTOM
}
