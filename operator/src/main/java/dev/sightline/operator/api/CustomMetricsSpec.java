package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.requestsTotal)",
    message = "metrics.custom.requestsTotal is required: the counter of handled requests, e.g. http_requests_total")
public class CustomMetricsSpec {
  // required by the class rule, not by the schema: a schema "required" stops every rule and says only
  // "Required value"
  @JsonPropertyDescription("Required. Counter of handled requests, full series name (e.g. http_requests_total).")
  @Size(max = 200)
  @ValidationRule(value = Syntax.METRIC_NAME,
      message = "metrics.custom.requestsTotal must be " + Syntax.METRIC_NAME_WORDS)
  public String requestsTotal;

  @JsonPropertyDescription(
      "Request duration histogram in seconds, base name without _bucket (e.g."
          + " http_request_duration_seconds). Without it no latency rules or panels are made.")
  @Size(max = 200)
  @ValidationRule(value = Syntax.METRIC_NAME,
      message = "metrics.custom.durationHistogram must be " + Syntax.METRIC_NAME_WORDS)
  @ValidationRule(value = "!self.endsWith('_bucket') && !self.endsWith('_count') && !self.endsWith('_sum')",
      message = "metrics.custom.durationHistogram is the histogram's base name, without _bucket, _count or _sum,"
          + " e.g. http_request_duration_seconds")
  public String durationHistogram;

  @JsonPropertyDescription("Gauge of requests in flight (optional).")
  @Size(max = 200)
  @ValidationRule(value = Syntax.METRIC_NAME, message = "metrics.custom.inFlight must be " + Syntax.METRIC_NAME_WORDS)
  public String inFlight;

  @JsonPropertyDescription("Label carrying the HTTP status code. Default: " + Defaults.STATUS_LABEL + ".")
  @Size(max = 128)
  @ValidationRule(value = Syntax.LABEL_NAME, message = "metrics.custom.statusLabel must be " + Syntax.LABEL_NAME_WORDS)
  @Default(Defaults.STATUS_LABEL)
  public String statusLabel;

  @JsonPropertyDescription("Label carrying the route template. Default: " + Defaults.ROUTE_LABEL + ".")
  @Size(max = 128)
  @ValidationRule(value = Syntax.LABEL_NAME, message = "metrics.custom.routeLabel must be " + Syntax.LABEL_NAME_WORDS)
  @Default(Defaults.ROUTE_LABEL)
  public String routeLabel;

  @JsonPropertyDescription("Label carrying the HTTP method. Default: " + Defaults.METHOD_LABEL + ".")
  @Size(max = 128)
  @ValidationRule(value = Syntax.LABEL_NAME, message = "metrics.custom.methodLabel must be " + Syntax.LABEL_NAME_WORDS)
  @Default(Defaults.METHOD_LABEL)
  public String methodLabel;
}
