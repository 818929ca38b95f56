package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.testsupport.TestCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * versions.env (what the scripts, images and manifests name) and the go.mod files under e2e/tools (what
 * is built) say the same version of every component.
 */
class PinnedVersionsTest {
  @ParameterizedTest
  @CsvSource({
    "KUBE_VERSION, kube, k8s.io/kubernetes, v",
    "ETCD_VERSION, etcd, go.etcd.io/etcd/server/v3, ''",
    "PROMETHEUS_OPERATOR_VERSION, promop, github.com/prometheus-operator/prometheus-operator, ''",
    "ALERTMANAGER_VERSION, alertmanager, github.com/prometheus/alertmanager, ''",
    "THANOS_VERSION, thanos, github.com/thanos-io/thanos, ''",
    "COREDNS_VERSION, coredns, github.com/coredns/coredns, ''",
    "HELM_VERSION, helm, helm.sh/helm/v3, ''",
    "KUBE_STATE_METRICS_VERSION, ksm, k8s.io/kube-state-metrics/v2, ''",
    "GRAFANA_FOUNDATION_SDK_VERSION, grafana-foundation, github.com/grafana/grafana-foundation-sdk/go, ''",
    "KIND_VERSION, kind, sigs.k8s.io/kind, ''",
    "REGISTRY_VERSION, registry, github.com/distribution/distribution/v3, ''",
    "SLOTH_VERSION, sloth, github.com/slok/sloth, ''",
  })
  void goModBuildsTheVersionTheScriptsName(String key, String tool, String module, String prefix) throws IOException {
    String version = prefix + versions().getProperty(key);
    assertThat(goMod(tool)).as("e2e/tools/%s/go.mod requires %s %s (versions.env %s)", tool, module, version, key)
        .containsPattern("(?m)^\\s*(require )?" + java.util.regex.Pattern.quote(module + " " + version) + "( //.*)?$");
  }

  /** Prometheus 3.x.y is published as module version v0.3xx.y. */
  @ParameterizedTest
  @CsvSource({"PROMETHEUS_VERSION"})
  void prometheusModuleIsTheServerVersion(String key) throws IOException {
    String[] v = versions().getProperty(key).substring(1).split("\\.");
    String module = "v0." + v[0] + String.format("%02d", Integer.parseInt(v[1])) + "." + v[2];
    assertThat(goMod("prometheus")).containsPattern("(?m)^\\s*(require )?github.com/prometheus/prometheus " + module + "( //.*)?$");
  }

  /** The npm schema checker installs the @grafana/schema version versions.env names, from its lock file. */
  @org.junit.jupiter.api.Test
  void grafanaSchemaPackageIsTheVersionTheScriptsName() throws IOException {
    Path dir = TestCluster.repoRoot().resolve("e2e/tools/grafana-schema");
    String version = versions().getProperty("GRAFANA_SCHEMA_VERSION");
    assertThat(Files.readString(dir.resolve("package.json"))).contains("\"@grafana/schema\": \"" + version + "\"");
    assertThat(Files.readString(dir.resolve("package-lock.json")))
        .contains("\"node_modules/@grafana/schema\": {\n      \"version\": \"" + version + "\"");
  }

  static String goMod(String tool) throws IOException {
    return Files.readString(TestCluster.repoRoot().resolve("e2e/tools").resolve(tool).resolve("go.mod"));
  }

  static Properties versions() throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(TestCluster.repoRoot().resolve("e2e/scripts/versions.env"))) {
      p.load(in);
    }
    return p;
  }
}
