package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** helm lint and helm template with the real Helm CLI: defaults (golden), several values files, bad values. */
class HelmChartsTest {
  static final Helm helm = new Helm(null);
  static final Path VALUES = Path.of("src/test/resources/chart-values");
  static final Path GOLDEN = Path.of("src/test/resources/golden-charts");

  @BeforeAll
  static void vendorSubCharts() throws Exception {
    helm.ok("dependency", "build", Helm.chart("sightline-stack").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sightline-operator", "demo-app", "sightline-stack"})
  void lintsStrictly(String chart) throws Exception {
    assertThat(helm.ok("lint", "--strict", Helm.chart(chart).toString())).contains("0 chart(s) failed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sightline-operator", "demo-app", "sightline-stack"})
  void defaultRenderMatchesGoldenFile(String chart) throws Exception {
    String rendered = helm.ok("template", "golden", Helm.chart(chart).toString(), "--namespace", "sightline");
    Path golden = GOLDEN.resolve(chart + ".yaml");
    if (Boolean.getBoolean("sightline.updateGolden")) {
      Files.writeString(golden, rendered);
    }
    assertThat(rendered).as("%s (regenerate with -Dsightline.updateGolden=true, review the diff)", golden)
        .isEqualTo(Files.readString(golden));
  }

  /** The charts' default image tag is their appVersion: it must be the tag jib gives the images this build makes. */
  @ParameterizedTest
  @ValueSource(strings = {"sightline-operator", "demo-app", "sightline-stack"})
  void appVersionIsTheTagTheBuildGivesTheImages(String chart) throws Exception {
    String version = System.getProperty("sightline.version");
    assertThat(version).as("sightline.version (set by the e2e pom)").isNotBlank();
    assertThat(Files.readAllLines(Helm.chart(chart).resolve("Chart.yaml")))
        .contains("appVersion: \"" + version + "\"");
  }

  @Test
  void namespacedHaOperatorGetsRolesPerNamespaceAndLeaderElection() throws Exception {
    String out = render("sightline-operator", "operator-namespaced-ha.yaml");
    assertThat(out).contains("kind: Role\n", "namespace: team-a", "namespace: team-b", "kind: ServiceMonitor",
        "name: SIGHTLINE_LEADER_ELECTION\n              value: \"true\"", "value: \"team-a,team-b\"",
        "resources: [leases]");
    // cluster-wide only the CRD check, by name
    assertThat(out.split("kind: ClusterRole\nmetadata", -1)).hasSize(2);
    assertThat(out).contains("resourceNames:");
  }

  @Test
  void securityDefaultsAreOnEveryWorkload() throws Exception {
    for (String out : List.of(render("sightline-operator", null), render("demo-app", "demo-grafana-operator.yaml"))) {
      assertThat(out).contains("runAsNonRoot: true", "readOnlyRootFilesystem: true", "allowPrivilegeEscalation: false",
          "type: RuntimeDefault", "- ALL");
    }
  }

  @Test
  void demoChartRendersGrafanaOperatorDeliveryAndTheLoadGenerator() throws Exception {
    String out = render("demo-app", "demo-grafana-operator.yaml");
    assertThat(out).contains("delivery: grafanaOperator", "dashboards: grafana", "kind: Job",
        "dev.sightline.demo.LoadGenerator", "- \"mixed\"", "name: DEMO_FAULTS");
  }

  @Test
  void demoChartPassesNamedObjectivesThrough() throws Exception {
    String out = render("demo-app", "demo-slos.yaml");
    assertThat(out).contains("  slos:\n    - availability: 99.9\n      methods:\n      - POST\n      name: checkout\n",
        "    - groupBy: route\n", "      routeRegex: /api/orders.*|/api/search\n");
    assertThat(render("demo-app", null)).doesNotContain("slos:");
  }

  @Test
  void stackChartCanLeaveTheDemoOut() throws Exception {
    String out = render("sightline-stack", "stack-no-demo.yaml");
    assertThat(out).doesNotContain("kind: ObservedService").contains("kind: ServiceMonitor", "release: kube-prometheus-stack");
  }

  @ParameterizedTest
  @CsvSource({
    "sightline-operator, invalid-operator-namespace.yaml, '/watchNamespaces/0'",
    "sightline-operator, invalid-operator-typo.yaml, 'additional properties ''replicas'' not allowed'",
    "demo-app, invalid-demo-availability.yaml, '/observedService/objectives/availability'",
    "demo-app, invalid-demo-fault.yaml, 'maximum: got 2, want 1'",
  })
  void schemaRejectsBadValuesWithAClearMessage(String chart, String values, String message) throws Exception {
    Helm.Result r = helm.run("template", "bad", Helm.chart(chart).toString(), "-f", VALUES.resolve(values).toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("values don't meet the specifications of the schema", message);
  }

  static String render(String chart, String values) throws Exception {
    return values == null
        ? helm.ok("template", "t", Helm.chart(chart).toString(), "--namespace", "sightline")
        : helm.ok("template", "t", Helm.chart(chart).toString(), "--namespace", "sightline", "-f",
            VALUES.resolve(values).toString());
  }
}
