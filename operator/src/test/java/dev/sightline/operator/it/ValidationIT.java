package dev.sightline.operator.it;

import dev.sightline.testsupport.TestCluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  /** The API server answers a server-side apply it cannot type with 500, which the client would retry for 19 s. */
  static KubernetesClient noRetries;
  static String ns;
  static RunningOperator operator;

  @BeforeAll
  static void setUp() {
    client = TestCluster.shared().client();
    noRetries = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build()).build();
    ns = Fixtures.namespace(client, "validation");
    operator = new RunningOperator(client);
  }

  @AfterAll
  static void tearDown() {
    operator.close();
    noRetries.close();
  }

  /** Every bad duration, for every field of its kind. */
  static final List<String> BAD_PROMETHEUS_DURATIONS =
      List.of("''", "5 min", "1.5m", "99999999999999999999d", "5M", "m5", "1m1h", "-1m", "1h 30m");
  static final List<String> BAD_SCRAPE_DURATIONS = List.of("''", "'0'", "0s", "1d", "30 seconds", "0.5s", "-1s", "99999s");
  static final List<String> BAD_LATENCIES = List.of("''", "0ms", "2d", "3 seconds", "-1s", "1.5w", "'300'", "'1,5s'");
  /** Selectors Kubernetes itself would refuse, with the message each gets. */
  static final Map<String, String> BAD_SELECTORS = new LinkedHashMap<>();

  static {
    BAD_SELECTORS.put("{matchExpressions: [{key: tier, operator: Equals, values: [web]}]}",
        "Unsupported value: \"Equals\": supported values: \"DoesNotExist\", \"Exists\", \"In\", \"NotIn\"");
    BAD_SELECTORS.put("{matchExpressions: [{key: tier, operator: In}]}",
        "operators In and NotIn need at least one value, Exists and DoesNotExist take none");
    BAD_SELECTORS.put("{matchExpressions: [{key: tier, operator: NotIn, values: []}]}",
        "operators In and NotIn need at least one value");
    BAD_SELECTORS.put("{matchExpressions: [{key: tier, operator: Exists, values: [web]}]}",
        "Exists and DoesNotExist take none");
    BAD_SELECTORS.put("{matchExpressions: [{key: tier, operator: DoesNotExist, values: [x]}]}",
        "Exists and DoesNotExist take none");
    BAD_SELECTORS.put("{matchExpressions: [{operator: Exists}]}",
        "matchExpressions entries need a key and an operator, e.g. {key: tier, operator: In, values: [web]}");
    BAD_SELECTORS.put("{matchExpressions: [{key: tier}]}", "matchExpressions entries need a key and an operator");
    BAD_SELECTORS.put("{matchExpressions: [{key: 'tier name', operator: Exists}]}",
        "matchExpressions key must be a Kubernetes label key");
    BAD_SELECTORS.put("{matchExpressions: [{key: tier, operator: In, values: [web app]}]}",
        "matchExpressions values must be a Kubernetes label value");
    BAD_SELECTORS.put("{matchLabels: {app: 'shop api'}}", "matchLabels values must be a Kubernetes label value");
    BAD_SELECTORS.put("{matchLabels: {app: " + "a".repeat(64) + "}}", "Too long: may not be more than 63");
    BAD_SELECTORS.put("{matchLabels: {-app: shop}}", "matchLabels keys must be a Kubernetes label key");
    BAD_SELECTORS.put("{matchLabels: {app/x/y: shop}}", "matchLabels keys must be a Kubernetes label key");
    BAD_SELECTORS.put("{matchLabels: [app]}", "matchLabels: Invalid value: \"array\"");
  }

  static Stream<Arguments> invalidSpecs() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (Map<String, Object> c : corpus("invalid.yaml")) {
      cases.add(Arguments.of(Serialization.asYaml(c.get("spec")).replaceFirst("^---\\s*", ""), c.get("message")));
    }
    for (String field : List.of("targetDown", "highErrorRate", "highLatency", "metricsAbsent", "saturation",
        "availabilitySliMissing", "requestsStuck")) {
      for (String bad : BAD_PROMETHEUS_DURATIONS) {
        cases.add(Arguments.of("alerts: {" + field + ": {for: " + bad + "}}", "for must be a Prometheus duration: whole"
            + " numbers with the units y, w, d, h, m, s, ms, largest first"));
      }
    }
    for (String field : List.of("targetDown", "highErrorRate", "allRequestsFail", "requestsStuck")) {
      for (String bad : BAD_PROMETHEUS_DURATIONS) {
        cases.add(Arguments.of("alerts: {" + field + ": {keepFiringFor: " + bad + "}}",
            "keepFiringFor must be a Prometheus duration: whole numbers"));
      }
    }
    for (String bad : BAD_PROMETHEUS_DURATIONS) {
      cases.add(Arguments.of("alerts: {budgetBurn: {keepFiringFor: " + bad + "}}",
          "alerts.budgetBurn.keepFiringFor must be a Prometheus duration"));
    }
    for (String field : List.of("interval", "scrapeTimeout")) {
      for (String bad : BAD_SCRAPE_DURATIONS) {
        cases.add(Arguments.of((field.equals("interval") ? "" : "interval: 5m\n") + field + ": " + bad,
            "spec." + field + " must be a duration above zero in h, m, s and ms, largest first"));
      }
    }
    for (String bad : BAD_LATENCIES) {
      cases.add(Arguments.of("objectives: {latency: {threshold: " + bad + "}}",
          "latency.threshold must be a duration above zero in h, m, s or ms, decimals allowed, e.g. 300ms"));
      cases.add(Arguments.of("slos: [{name: checkout, latency: {threshold: " + bad + "}}]",
          "latency.threshold must be a duration above zero"));
      cases.add(Arguments.of("alerts: {highLatency: {threshold: " + bad + "}}",
          "alerts.highLatency.threshold must be a duration above zero"));
    }
    BAD_SELECTORS.forEach((selector, message) -> {
      cases.add(Arguments.of("selector: " + selector, message));
      cases.add(Arguments.of("dashboard: {delivery: grafanaOperator, instanceSelector: " + selector + "}", message));
    });
    // huge strings
    cases.add(Arguments.of("serviceName: " + "a".repeat(64), "spec.serviceName: Too long"));
    cases.add(Arguments.of("path: /" + "p".repeat(300), "spec.path: Too long"));
    cases.add(Arguments.of("alerts: {namePrefix: " + "A".repeat(65) + "}", "spec.alerts.namePrefix: Too long"));
    cases.add(Arguments.of("alerts: {runbookUrlBase: 'https://x/" + "r".repeat(600) + "'}",
        "spec.alerts.runbookUrlBase: Too long"));
    cases.add(Arguments.of("dashboard: {folder: " + "f".repeat(200) + "}", "spec.dashboard.folder: Too long"));
    cases.add(Arguments.of("metrics: {errorStatusRegex: '" + "5".repeat(200) + "'}", "spec.metrics.errorStatusRegex: Too long"));
    cases.add(Arguments.of("alerts: {labels: {team: " + "t".repeat(2000) + "}}",
        "alerts.labels values must be at most 1024 characters"));
    cases.add(Arguments.of("commonLabels: {" + manyLabels(40) + "}", "spec.commonLabels: Too many"));
    cases.add(Arguments.of("commonLabels: {team: " + "t".repeat(64) + "}", "spec.commonLabels.team: Too long"));
    cases.add(Arguments.of("commonLabels: {" + "k".repeat(64) + ": v}", "commonLabels keys must be a Kubernetes label key"));
    cases.add(Arguments.of("port: " + "p".repeat(64), "at most 63 lowercase letters"));
    cases.add(Arguments.of("alerts: {labels: {" + manyLabels(33) + "}}", "spec.alerts.labels: Too many"));
    return cases.stream();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> corpus(String file) throws IOException {
    try (InputStream in = ValidationIT.class.getResourceAsStream("/validation/" + file)) {
      return Serialization.unmarshal(in, List.class);
    }
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

  /**
   * kubectl apply --server-side: the same words. Only a value of the wrong JSON type is refused
   * before validation, by the API server's own typed conversion, in its words (e.g. "expected
   * boolean, got &{false}" for enabled: "false"): CEL cannot see an untyped field, so no rule can
   * speak first.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("serverSideApplySpecs")
  void rejectsServerSideApplyWithTheSameWords(String specYaml, String expectedMessage) {
    GenericKubernetesResource r = resource("bad-ssa", specYaml);
    assertThatThrownBy(() -> noRetries.resource(r).fieldManager("kubectl").forceConflicts().serverSideApply())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(expectedMessage)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("should match"));
  }

  /**
   * The invalid corpus but for values of the wrong JSON type (interval: 30), which a typed schema
   * refuses first; server-side apply words an unknown field as ".spec.x: field not declared in schema".
   */
  static Stream<Arguments> serverSideApplySpecs() throws IOException {
    return invalidSpecs()
        .filter(a -> !String.valueOf(a.get()[1]).matches(".*Invalid value: \"(integer|string|number|array|boolean)\".*"))
        .map(a -> Arguments.of(a.get()[0], String.valueOf(a.get()[1])
            .replaceAll("^unknown field \"(.*)\"$", ".$1: field not declared in schema")));
  }

  @Test
  void rejectsANameTooLongForTheLabelsOfTheGeneratedObjects() {
    assertRejected(resource("n".repeat(64), "{}"), "an ObservedService name must be at most 63 characters");
  }

  private static void assertRejected(GenericKubernetesResource r, String expectedMessage) {
    assertThatThrownBy(() -> client.resource(r).fieldValidation(io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isIn(400, 422))
        .hasMessageContaining(expectedMessage)
        // in words, never a bare regular expression (what an OpenAPI pattern says)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("should match"));
    // never stored, so no watch event can bring it to the reconciler
    assertThat(client.genericKubernetesResources("sightline.dev/v1alpha1", "ObservedService").inNamespace(ns)
        .withName(r.getMetadata().getName()).get()).isNull();
  }

  static Stream<Arguments> validSpecs() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (Map<String, Object> c : corpus("valid.yaml")) {
      cases.add(Arguments.of(c.get("name"), Serialization.asYaml(c.get("spec")).replaceFirst("^---\\s*", "")));
    }
    cases.add(Arguments.of("limits exactly", "serviceName: " + "s".repeat(63) + "\nalerts: {namePrefix: " + "A".repeat(64)
        + ", labels: {" + manyLabels(32) + "}}\ncommonLabels: {" + manyLabels(30) + ", team: " + "t".repeat(63)
        + ", " + "p".repeat(253) + "/" + "n".repeat(63) + ": v}"));
    return cases.stream();
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
      assertThat(StatusBuilder.find(o.getStatus(), StatusBuilder.RESOURCES_APPLIED).getStatus())
          .as("%s", o.getStatus().conditions).isEqualTo("True");
    });
  }

  private static GenericKubernetesResource resource(String name, String specYaml) {
    String yaml = "apiVersion: sightline.dev/v1alpha1\nkind: ObservedService\nmetadata:\n  name: " + name
        + "\n  namespace: " + ns + "\nspec:\n" + specYaml.indent(2);
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }
}
