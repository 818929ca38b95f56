package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.serviceName) && has(self.selector))",
    message =
        "set either spec.serviceName (one Service by name) or spec.selector (Services by label), not"
            + " both, e.g. serviceName: shop")
@ValidationRule(
    value = "!has(self.scrapeTimeout) || !has(self.interval)"
        + " || !self.scrapeTimeout.matches('" + Syntax.SCRAPE_DURATION_RE + "') || self.scrapeTimeout == ''"
        + " || !self.interval.matches('" + Syntax.SCRAPE_DURATION_RE + "') || self.interval == ''"
        + " || duration(self.scrapeTimeout) <= duration(self.interval)",
    message = "spec.scrapeTimeout must not be longer than spec.interval, e.g. interval: 30s with scrapeTimeout: 10s")
@ValidationRule(
    value = "!has(self.objectives) || !has(self.objectives.latency) || !has(self.metrics)"
        + " || !has(self.metrics.custom) || has(self.metrics.custom.durationHistogram)",
    message = "objectives.latency needs a request duration histogram: with metrics.convention custom set"
        + " metrics.custom.durationHistogram, e.g. http_request_duration_seconds")
@ValidationRule(
    value = "!has(self.slos) || !has(self.metrics) || !has(self.metrics.custom)"
        + " || has(self.metrics.custom.durationHistogram) || self.slos.all(s, !has(s.latency))",
    message = "slos[].latency needs a request duration histogram: with metrics.convention custom set"
        + " metrics.custom.durationHistogram, e.g. http_request_duration_seconds")
// label maps and selector values: see SchemaRules
@SchemaCustomizer(value = SchemaRules.class, input = "")
public class ObservedServiceSpec {

  @JsonPropertyDescription(
      "Name of the Service to scrape, in this namespace. Defaults to the name of this"
          + " ObservedService. Mutually exclusive with selector.")
  @Size(max = 63)
  @ValidationRule(value = "self.matches('" + Syntax.DNS_LABEL_RE + "')",
      message = "spec.serviceName must be a Service name: lowercase letters, digits and -, starting with a letter"
          + " and ending with a letter or digit, e.g. shop-api")
  public String serviceName;

  @JsonPropertyDescription(
      "Label selector for the Services to scrape (all in this namespace). Mutually exclusive with"
          + " serviceName.")
  @ValidationRule(
      value = "(has(self.matchLabels) && size(self.matchLabels) > 0)"
          + " || (has(self.matchExpressions) && size(self.matchExpressions) > 0)",
      message = "spec.selector must not be empty (it would scrape every Service in the namespace; a misspelt"
          + " matchLabel: also ends up empty): give matchLabels or matchExpressions, e.g. {matchLabels: {app: shop}}")
  public Selector selector;

  @JsonPropertyDescription(
      "Port to scrape: a name refers to a named Service port, a number to the container (target)"
          + " port. Default: " + Defaults.PORT + ".")
  @ValidationRule(
      // a Service port name is a DNS label (Kubernetes' own rule for Service.spec.ports[].name); IANA's 15
      // characters only bind container port names, which the ServiceMonitor never names. Digits alone are refused:
      // "8080" in quotes is a target port written as a string far more often than a port named 8080.
      value = "type(self) == int ? (self >= 1 && self <= 65535)"
          + " : self.size() <= 63 && self.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && self.matches('[a-z]')",
      message = "port must be a Service port name (at most 63 lowercase letters, digits and -, starting and ending"
          + " with a letter or digit, with at least one letter, e.g. http-metrics) or a target port number from 1 to"
          + " 65535 written without quotes, e.g. 8080")
  @Default(Defaults.PORT)
  public IntOrString port;

  @JsonPropertyDescription("HTTP path of the metrics endpoint. Default: " + Defaults.PATH + ".")
  @Size(max = 256)
  @ValidationRule(value = "self.matches('^/[^ ?#]*$')",
      message = "spec.path must be an absolute URL path without spaces, query string or fragment, e.g. /metrics"
          + " or /actuator/prometheus")
  @Default(Defaults.PATH)
  public String path;

  @JsonPropertyDescription("Scrape interval, at most " + Defaults.MAX_INTERVAL + ". Default: " + Defaults.INTERVAL + ".")
  @Size(max = 32)
  @ValidationRule(value = Syntax.SCRAPE_DURATION, message = "spec.interval must be " + Syntax.SCRAPE_DURATION_WORDS)
  @ValidationRule(
      value = "!self.matches('" + Syntax.SCRAPE_DURATION_RE + "') || self == ''"
          + " || duration(self) <= duration('" + Defaults.MAX_INTERVAL + "')",
      message = "spec.interval must be at most " + Defaults.MAX_INTERVAL + ": every alert window is at least four"
          + " scrapes long, so a longer interval would make the error alerts slower than their purpose, e.g. 30s")
  @Default(Defaults.INTERVAL)
  public String interval;

  @JsonPropertyDescription("Scrape timeout, no longer than interval. Default: " + Defaults.SCRAPE_TIMEOUT + ".")
  @Size(max = 32)
  @ValidationRule(value = Syntax.SCRAPE_DURATION,
      message = "spec.scrapeTimeout must be " + Syntax.SCRAPE_DURATION_WORDS + ", and no longer than interval")
  @Default(Defaults.SCRAPE_TIMEOUT)
  public String scrapeTimeout;

  @JsonPropertyDescription("Which metric names and labels the service exposes.")
  public MetricsSpec metrics;

  @JsonPropertyDescription("Service level objectives.")
  public ObjectivesSpec objectives;

  @JsonPropertyDescription(
      "Named objectives over chosen requests (routes, methods), each with its own SLI, error budget, burn-rate"
          + " alerts (label slo), routing and dashboard row, in addition to the service-wide objectives. Default:"
          + " none.")
  @Size(max = 20)
  @ValidationRule(value = "self.all(a, self.filter(b, has(a.name) && has(b.name) && b.name == a.name).size() <= 1)",
      message = "slos names must be unique within an ObservedService, e.g. checkout and search")
  public List<SloSpec> slos;

  @JsonPropertyDescription("Alert tuning.")
  public AlertsSpec alerts;

  @JsonPropertyDescription("Grafana dashboard generation.")
  public DashboardSpec dashboard;

  @JsonPropertyDescription("Alert routing and inhibition through Alertmanager (an AlertmanagerConfig).")
  public RoutingSpec routing;

  @JsonPropertyDescription(
      "Labels put on every generated object, e.g. team: shop. The labels a Prometheus selects by (e.g."
          + " release: kube-prometheus-stack) are added to the ServiceMonitor and PrometheusRule by Sightline"
          + " unless addSelectorLabels is false.")
  @Size(max = 32)
  @ValidationRule(
      value = "self.all(k, k.matches('" + Syntax.LABEL_KEY_RE + "'))",
      message = "commonLabels keys must be " + Syntax.LABEL_KEY_WORDS)
  @ValidationRule(
      value = "self.all(k, !k.startsWith('sightline.dev/') && k != 'app.kubernetes.io/managed-by')",
      message = "commonLabels must not set sightline.dev/* or app.kubernetes.io/managed-by: Sightline owns those"
          + " labels; e.g. {release: kube-prometheus-stack}")
  public Map<String, String> commonLabels;

  @JsonPropertyDescription(
      "Add to the ServiceMonitor and PrometheusRule the labels that the cluster's Prometheus instances select"
          + " by (their serviceMonitorSelector and ruleSelector matchLabels) when commonLabels does not already"
          + " satisfy one; status condition Selected says which. Default: " + Defaults.ADD_SELECTOR_LABELS + ".")
  @Default(Defaults.ADD_SELECTOR_LABELS)
  public Boolean addSelectorLabels;
}
