package dev.sightline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The real API server rejects bad specs with the CRD's OpenAPI and CEL messages; good ones pass. */
class ValidationIT {
  static KubernetesClient client;
  static String ns;

  @BeforeAll
  static void setUp() {
    client = TestCluster.shared().client();
    ns = Fixtures.namespace(client, "validation");
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        Arguments.of("serviceName: a\nselector: {matchLabels: {app: a}}", "set either spec.serviceName"),
        Arguments.of("objectives: {availability: 100}", "objectives.availability is a percentage strictly between 0 and 100"),
        Arguments.of("objectives: {availability: 0}", "objectives.availability is a percentage strictly between 0 and 100"),
        Arguments.of("objectives: {availability: -5}", "objectives.availability is a percentage"),
        Arguments.of("objectives: {latency: {threshold: 0ms}}", "objectives.latency.threshold must be a duration above zero"),
        Arguments.of("objectives: {latency: {threshold: 3 seconds}}", "spec.objectives.latency.threshold: Invalid value"),
        Arguments.of("objectives: {latency: {threshold: 300ms, target: 100}}", "objectives.latency.target is a percentage"),
        Arguments.of("objectives: {latency: {target: 99}}", "spec.objectives.latency.threshold: Required value"),
        Arguments.of("objectives: {window: 30m}", "spec.objectives.window: Invalid value"),
        Arguments.of("objectives: {window: 400d}", "objectives.window must be at most 90 days"),
        Arguments.of("interval: 30 seconds", "spec.interval: Invalid value"),
        Arguments.of("interval: 10s\nscrapeTimeout: 30s", "spec.scrapeTimeout must not be longer than spec.interval"),
        Arguments.of("port: 70000", "port must be a Service port name (e.g. http) or a port number between 1 and 65535"),
        Arguments.of("port: HTTP_Port", "port must be a Service port name"),
        Arguments.of("path: metrics", "spec.path: Invalid value"),
        Arguments.of("metrics: {convention: custom}", "metrics.custom is required when metrics.convention is 'custom'"),
        Arguments.of("metrics: {convention: micrometer, custom: {requestsTotal: x_total}}", "metrics.custom is required when metrics.convention is 'custom' and not allowed"),
        Arguments.of("metrics: {convention: statsd}", "Unsupported value: \"statsd\""),
        Arguments.of("metrics: {convention: custom, custom: {requestsTotal: 'bad-name'}}", "spec.metrics.custom.requestsTotal: Invalid value"),
        Arguments.of("alerts: {highErrorRate: {threshold: 0}}", "alerts.highErrorRate.threshold is a percentage strictly between 0 and 100"),
        Arguments.of("alerts: {highErrorRate: {for: five minutes}}", "spec.alerts.highErrorRate.for: Invalid value"),
        Arguments.of("alerts: {highLatency: {percentile: 90}}", "alerts.highLatency.percentile must be 50, 95 or 99"),
        Arguments.of("alerts: {highLatency: {severity: urgent}}", "Unsupported value: \"urgent\""),
        Arguments.of("alerts: {labels: {severity: high}}", "must not be severity or alertname"),
        Arguments.of("alerts: {runbookUrlBase: 'ftp://x'}", "spec.alerts.runbookUrlBase: Invalid value"),
        Arguments.of("dashboard: {delivery: grafanaOperator}", "dashboard.instanceSelector is required with delivery: grafanaOperator"),
        Arguments.of("dashboard: {instanceSelector: {matchLabels: {a: b}}}", "dashboard.instanceSelector is required with delivery: grafanaOperator"),
        Arguments.of("commonLabels: {app.kubernetes.io/managed-by: me}", "commonLabels must not set sightline.dev/*"),
        Arguments.of("unknownField: 1", "unknown field \"spec.unknownField\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void rejectsInvalidSpecsWithAnActionableMessage(String specYaml, String expectedMessage) {
    GenericKubernetesResource r = resource("bad", specYaml);
    assertThatThrownBy(() -> client.resource(r).fieldValidation(io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isIn(400, 422))
        .hasMessageContaining(expectedMessage);
  }

  static Stream<Arguments> validSpecs() {
    return Stream.of(
        Arguments.of("minimal", "{}"),
        Arguments.of("everything", """
            selector: {matchLabels: {app: shop}, matchExpressions: [{key: tier, operator: In, values: [web]}]}
            port: 9090
            path: /actuator/prometheus
            interval: 1m
            scrapeTimeout: 30s
            metrics: {convention: custom, errorStatusRegex: '5..|429', custom: {requestsTotal: requests_total, durationHistogram: request_seconds, inFlight: inflight, statusLabel: code, routeLabel: path, methodLabel: verb}}
            objectives: {availability: 99.95, window: 4w, latency: {threshold: 1s500ms, target: 95}}
            alerts:
              namePrefix: Shop
              labels: {team: payments}
              runbookUrlBase: https://runbooks.example.com/shop/
              severities: {page: P1, ticket: P3}
              targetDown: {enabled: false}
              highErrorRate: {threshold: 2.5, for: 2m, severity: ticket, minRequestsPerSecond: 1}
              highLatency: {threshold: 2s, percentile: 95, for: 15m, severity: page}
            dashboard: {enabled: true, folder: Payments, delivery: grafanaOperator, instanceSelector: {matchLabels: {dashboards: grafana}}}
            commonLabels: {release: kube-prometheus-stack}
            """),
        Arguments.of("otel with prometheus-style window", "metrics: {convention: otel}\nobjectives: {window: 7d}\nport: metrics"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSpecs")
  void acceptsValidEdgeCases(String name, String specYaml) {
    GenericKubernetesResource r = resource("ok-" + name.replace(' ', '-').replaceAll("[^a-z-]", ""), specYaml);
    GenericKubernetesResource created = client.resource(r).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
  }

  private static GenericKubernetesResource resource(String name, String specYaml) {
    String yaml = "apiVersion: sightline.dev/v1alpha1\nkind: ObservedService\nmetadata:\n  name: " + name
        + "\n  namespace: " + ns + "\nspec:\n" + specYaml.indent(2);
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }
}
