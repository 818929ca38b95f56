package dev.sightline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.reconcile.StatusUpdater;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real API server rejects bad specs with the CRD's OpenAPI and CEL messages, so none is ever
 * stored (and no reconciliation can see it); valid edge cases are stored and reconciled by a running
 * operator.
 */
class ValidationIT {
  static KubernetesClient client;
  static String ns;
  static RunningOperator operator;

  @BeforeAll
  static void setUp() {
    client = TestCluster.shared().client();
    ns = Fixtures.namespace(client, "validation");
    operator = new RunningOperator(client);
  }

  @AfterAll
  static void tearDown() {
    operator.close();
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
        Arguments.of("unknownField: 1", "unknown field \"spec.unknownField\""),
        // wrong types
        Arguments.of("interval: 30", "spec.interval: Invalid value: \"integer\""),
        Arguments.of("objectives: {availability: high}", "spec.objectives.availability: Invalid value: \"string\""),
        Arguments.of("objectives: 99.9", "spec.objectives: Invalid value: \"number\""),
        Arguments.of("alerts: {highErrorRate: {enabled: 'yes'}}", "spec.alerts.highErrorRate.enabled: Invalid value: \"string\""),
        Arguments.of("commonLabels: {release: 5}", "spec.commonLabels.release: Invalid value: \"integer\""),
        Arguments.of("dashboard: {enabled: 1}", "spec.dashboard.enabled: Invalid value: \"integer\""),
        Arguments.of("metrics: [micrometer]", "spec.metrics: Invalid value: \"array\""),
        Arguments.of("selector: {matchLabels: [app]}", "spec.selector.matchLabels: Invalid value: \"array\""),
        Arguments.of("alerts: {highLatency: {percentile: p99}}", "spec.alerts.highLatency.percentile: Invalid value: \"string\""),
        // bad durations
        Arguments.of("interval: 0.5s", "spec.interval: Invalid value"),
        Arguments.of("scrapeTimeout: -1s", "spec.scrapeTimeout: Invalid value"),
        Arguments.of("alerts: {targetDown: {for: 5 min}}", "spec.alerts.targetDown.for: Invalid value"),
        Arguments.of("alerts: {budgetBurn: {keepFiringFor: forever}}", "spec.alerts.budgetBurn.keepFiringFor: Invalid value"),
        Arguments.of("objectives: {window: 30}", "spec.objectives.window: Invalid value"),
        Arguments.of("objectives: {latency: {threshold: 2d}}", "spec.objectives.latency.threshold: Invalid value"),
        Arguments.of("alerts: {highLatency: {threshold: 0s}}", "alerts.highLatency.threshold must be a duration above zero"),
        // out-of-range percentages and numbers
        Arguments.of("objectives: {availability: 100.5}", "objectives.availability is a percentage strictly between 0 and 100"),
        Arguments.of("objectives: {latency: {threshold: 1s, target: 0}}", "objectives.latency.target is a percentage"),
        Arguments.of("alerts: {highErrorRate: {threshold: 101}}", "alerts.highErrorRate.threshold is a percentage strictly between 0 and 100"),
        Arguments.of("alerts: {highErrorRate: {minRequestsPerSecond: -1}}", "alerts.highErrorRate.minRequestsPerSecond must not be negative"),
        Arguments.of("alerts: {targetDown: {threshold: 100}}", "alerts.targetDown.threshold is a percentage from 0"),
        Arguments.of("alerts: {saturation: {heapThreshold: 150}}", "alerts.saturation.heapThreshold is a percentage between 0 and 100"),
        Arguments.of("alerts: {saturation: {cpuThreshold: 0}}", "alerts.saturation.cpuThreshold is a percentage between 0 and 100"),
        Arguments.of("alerts: {saturation: {inFlightThreshold: 0}}", "alerts.saturation.inFlightThreshold must be above 0"),
        Arguments.of("alerts: {budgetBurn: {minRequestsPerSecond: -0.5}}", "alerts.budgetBurn.minRequestsPerSecond must not be negative"),
        Arguments.of("alerts: {highLatency: {minRequestsPerSecond: -2}}", "alerts.highLatency.minRequestsPerSecond must not be negative"),
        Arguments.of("port: 0", "port must be a Service port name (e.g. http) or a port number between 1 and 65535"),
        // conflicting options
        Arguments.of("dashboard: {delivery: configMap, instanceSelector: {matchLabels: {a: b}}}", "not allowed with delivery: configMap"),
        Arguments.of("metrics: {convention: otel, custom: {requestsTotal: x_total}}", "not allowed"),
        Arguments.of("interval: 15s\nscrapeTimeout: 1m", "spec.scrapeTimeout must not be longer than spec.interval"),
        Arguments.of("serviceName: shop\nselector: {matchLabels: {}}", "set either spec.serviceName"),
        // huge or malformed strings
        Arguments.of("serviceName: " + "a".repeat(64), "spec.serviceName: Too long"),
        Arguments.of("serviceName: Shop_Service", "spec.serviceName: Invalid value"),
        Arguments.of("path: /" + "p".repeat(300), "spec.path: Too long"),
        Arguments.of("alerts: {namePrefix: " + "A".repeat(65) + "}", "spec.alerts.namePrefix: Too long"),
        Arguments.of("alerts: {namePrefix: 1Shop}", "spec.alerts.namePrefix: Invalid value"),
        Arguments.of("alerts: {runbookUrlBase: 'https://x/" + "r".repeat(600) + "'}", "spec.alerts.runbookUrlBase: Too long"),
        Arguments.of("alerts: {severities: {page: 'very critical'}}", "spec.alerts.severities.page: Invalid value"),
        Arguments.of("dashboard: {folder: ''}", "spec.dashboard.folder: Invalid value"),
        Arguments.of("dashboard: {folder: " + "f".repeat(200) + "}", "spec.dashboard.folder: Too long"),
        Arguments.of("metrics: {errorStatusRegex: '" + "5".repeat(200) + "'}", "spec.metrics.errorStatusRegex: Too long"),
        Arguments.of("metrics: {errorStatusRegex: '5..('}", "metrics.errorStatusRegex must be a valid regular expression"),
        Arguments.of("commonLabels: {team: [a, b]}", "spec.commonLabels.team: Invalid value: \"array\""),
        Arguments.of("alerts: {labels: {'team-name': x}}", "alerts.labels keys must be Prometheus label names"),
        Arguments.of("alerts: {severities: {ticket: ''}}", "spec.alerts.severities.ticket: Invalid value"),
        Arguments.of("alerts: {labels: {team: " + "t".repeat(2000) + "}}", "alerts.labels values must be at most 1024 characters"),
        Arguments.of("commonLabels: {" + manyLabels(40) + "}", "spec.commonLabels: Too many"),
        // unknown (misspelt) fields
        Arguments.of("alerts: {highErrorRate: {treshold: 5}}", "unknown field \"spec.alerts.highErrorRate.treshold\""),
        Arguments.of("objectives: {availabilty: 99}", "unknown field \"spec.objectives.availabilty\""),
        Arguments.of("dashboard: {title: Shop}", "unknown field \"spec.dashboard.title\""),
        Arguments.of("serviceNmae: shop", "unknown field \"spec.serviceNmae\""));
  }

  static String manyLabels(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ", ").append("l").append(i).append(": v");
    }
    return b.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void rejectsInvalidSpecsWithAnActionableMessage(String specYaml, String expectedMessage) {
    assertRejected(resource("bad", specYaml), expectedMessage);
  }

  @Test
  void rejectsANameTooLongForTheLabelsOfTheGeneratedObjects() {
    assertRejected(resource("n".repeat(64), "{}"), "an ObservedService name must be at most 63 characters");
  }

  private static void assertRejected(GenericKubernetesResource r, String expectedMessage) {
    assertThatThrownBy(() -> client.resource(r).fieldValidation(io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isIn(400, 422))
        .hasMessageContaining(expectedMessage);
    // never stored, so no watch event can bring it to the reconciler
    assertThat(client.genericKubernetesResources("sightline.dev/v1alpha1", "ObservedService").inNamespace(ns)
        .withName(r.getMetadata().getName()).get()).isNull();
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
        Arguments.of("otel with prometheus-style window", "metrics: {convention: otel}\nobjectives: {window: 7d}\nport: metrics"),
        Arguments.of("every alert off", """
            alerts:
              targetDown: {enabled: false}
              highErrorRate: {enabled: false}
              highLatency: {enabled: false}
              metricsAbsent: {enabled: false}
              budgetBurn: {enabled: false}
              saturation: {enabled: false}
            dashboard: {enabled: false}
            """),
        Arguments.of("limits exactly", "serviceName: " + "s".repeat(63) + "\nalerts: {namePrefix: " + "A".repeat(64)
            + ", saturation: {heapThreshold: 100, cpuThreshold: 100, inFlightThreshold: 1}, targetDown: {threshold: 0},"
            + " budgetBurn: {keepFiringFor: 0s, minRequestsPerSecond: 0}}\nobjectives: {availability: 99.999, window: 90d,"
            + " latency: {threshold: 1ms, target: 0.1}}\nport: 65535\ncommonLabels: {" + manyLabels(32) + "}"),
        Arguments.of("prometheus-client with a 13-week window", "metrics: {convention: prometheus-client, errorStatusRegex: '5..|429'}\nobjectives: {window: 13w}\ninterval: 2m\nscrapeTimeout: 2m"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSpecs")
  void acceptsAndReconcilesValidEdgeCases(String name, String specYaml) {
    GenericKubernetesResource r = resource("ok-" + name.replace(' ', '-').replaceAll("[^a-z0-9-]", ""), specYaml);
    GenericKubernetesResource created = client.resource(r).fieldValidation(io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    // reconciled: every generated object applied (Ready also needs the Service, which these cases do not create)
    await("reconciled " + name).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ObservedService o = client.resources(ObservedService.class).inNamespace(ns).withName(r.getMetadata().getName()).get();
      assertThat(o.getStatus()).isNotNull();
      assertThat(o.getStatus().observedGeneration).isEqualTo(o.getMetadata().getGeneration());
      assertThat(StatusUpdater.find(o.getStatus(), StatusUpdater.RESOURCES_APPLIED).getStatus())
          .as("%s", o.getStatus().conditions).isEqualTo("True");
    });
  }

  private static GenericKubernetesResource resource(String name, String specYaml) {
    String yaml = "apiVersion: sightline.dev/v1alpha1\nkind: ObservedService\nmetadata:\n  name: " + name
        + "\n  namespace: " + ns + "\nspec:\n" + specYaml.indent(2);
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }
}
