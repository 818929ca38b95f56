package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.serviceName) && has(self.selector))",
    message =
        "set either spec.serviceName (one Service by name) or spec.selector (Services by label), not"
            + " both")
@ValidationRule(
    value = "!has(self.scrapeTimeout) || !has(self.interval) || !self.scrapeTimeout.matches('^[0-9]+(ms|s|m|h)$')"
        + " || !self.interval.matches('^[0-9]+(ms|s|m|h)$') || duration(self.scrapeTimeout) <= duration(self.interval)",
    message = "spec.scrapeTimeout must not be longer than spec.interval")
public class ObservedServiceSpec {

  @JsonPropertyDescription(
      "Name of the Service to scrape, in this namespace. Defaults to the name of this"
          + " ObservedService. Mutually exclusive with selector.")
  @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 63)
  public String serviceName;

  @JsonPropertyDescription(
      "Label selector for the Services to scrape (all in this namespace). Mutually exclusive with"
          + " serviceName.")
  public LabelSelector selector;

  @JsonPropertyDescription(
      "Port to scrape: a name refers to a named Service port, a number to the container (target)"
          + " port. Default: http.")
  @ValidationRule(
      value = "type(self) == int ? (self >= 1 && self <= 65535) : self.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')",
      message = "port must be a Service port name (e.g. http) or a port number between 1 and 65535")
  public IntOrString port;

  @JsonPropertyDescription("HTTP path of the metrics endpoint. Default: /metrics.")
  @Pattern("^/[^\\s]*$")
  @Size(max = 256)
  @Default("/metrics")
  public String path;

  @JsonPropertyDescription("Scrape interval, a Prometheus duration. Default: 30s.")
  @Pattern(Durations.PROMETHEUS_DURATION)
  @Default("30s")
  public String interval;

  @JsonPropertyDescription("Scrape timeout, a Prometheus duration no longer than interval. Default: 10s.")
  @Pattern(Durations.PROMETHEUS_DURATION)
  @Default("10s")
  public String scrapeTimeout;

  @JsonPropertyDescription("Which metric names and labels the service exposes.")
  public MetricsSpec metrics;

  @JsonPropertyDescription("Service level objectives.")
  public ObjectivesSpec objectives;

  @JsonPropertyDescription("Alert tuning.")
  public AlertsSpec alerts;

  @JsonPropertyDescription("Grafana dashboard generation.")
  public DashboardSpec dashboard;

  @JsonPropertyDescription(
      "Labels put on every generated object, e.g. release: kube-prometheus-stack so that the"
          + " Prometheus serviceMonitorSelector and ruleSelector pick them up.")
  @Size(max = 32)
  @ValidationRule(
      value = "self.all(k, !k.startsWith('sightline.dev/') && k != 'app.kubernetes.io/managed-by')",
      message = "commonLabels must not set sightline.dev/* or app.kubernetes.io/managed-by: Sightline owns those labels")
  public Map<String, String> commonLabels;
}
