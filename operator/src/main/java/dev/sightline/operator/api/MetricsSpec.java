package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "(has(self.convention) && self.convention == 'custom') == has(self.custom)",
    message =
        "metrics.custom is required when metrics.convention is 'custom' and not allowed for the"
            + " built-in conventions (micrometer, prometheus-client, otel), e.g. {convention: custom, custom:"
            + " {requestsTotal: http_requests_total}}")
public class MetricsSpec {
  @JsonPropertyDescription(
      "micrometer (http_server_requests_seconds_*), prometheus-client (http_requests_total,"
          + " http_request_duration_seconds), otel (http_server_request_duration_seconds) or custom."
          + " Default: " + Defaults.CONVENTION + ".")
  @Default(Defaults.CONVENTION)
  public MetricConvention convention;

  @JsonPropertyDescription("Explicit metric and label names; only with convention: custom.")
  public CustomMetricsSpec custom;

  @JsonPropertyDescription(
      "RE2 regular expression matched against the status label to count a request as failed."
          + " Default: " + Defaults.ERROR_STATUS_REGEX + " (any 5xx).")
  @Size(max = 128)
  @ValidationRule(value = Syntax.RE2, message = "metrics.errorStatusRegex must be " + Syntax.RE2_WORDS
      + ", e.g. 5.. or 5..|429")
  @Default(Defaults.ERROR_STATUS_REGEX)
  public String errorStatusRegex;
}
