package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class CustomMetricsSpec {
  @JsonPropertyDescription("Counter of handled requests, full series name (e.g. http_requests_total).")
  @Required
  @Pattern(Durations.METRIC_NAME)
  public String requestsTotal;

  @JsonPropertyDescription(
      "Request duration histogram in seconds, base name without _bucket (e.g."
          + " http_request_duration_seconds). Without it no latency rules or panels are made.")
  @Pattern(Durations.METRIC_NAME)
  public String durationHistogram;

  @JsonPropertyDescription("Gauge of requests in flight (optional).")
  @Pattern(Durations.METRIC_NAME)
  public String inFlight;

  @JsonPropertyDescription("Label carrying the HTTP status code. Default: status.")
  @Pattern(Durations.LABEL_NAME)
  @Default("status")
  public String statusLabel;

  @JsonPropertyDescription("Label carrying the route template. Default: route.")
  @Pattern(Durations.LABEL_NAME)
  @Default("route")
  public String routeLabel;

  @JsonPropertyDescription("Label carrying the HTTP method. Default: method.")
  @Pattern(Durations.LABEL_NAME)
  @Default("method")
  public String methodLabel;
}
