package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sightline.operator.it.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Prometheus (built from its Go module) running on the configuration the real prometheus-operator
 * generates for a Prometheus CR: the Secret's prometheus.yaml.gz and the rule-file ConfigMaps.
 *
 * <p>In a pod, the kubelet projects that Secret and those ConfigMaps into files and the
 * config-reloader sidecar substitutes $(SHARD) and $(POD_NAME) and calls /-/reload when they change.
 * Here one loop does both every second: it writes the files when their content changed (rule_files
 * pointed at this directory instead of /etc/prometheus/rules) and asks Prometheus to reload. Out of
 * cluster, Kubernetes service discovery gets the kubeconfig instead of the in-cluster service account.
 */
final class LocalPrometheus implements AutoCloseable {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final Path kubeconfig;
  private final Path dir;
  private final Path rules;
  private final PrometheusApi api;
  private final Process process;
  private final ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "prometheus-config-sync");
    t.setDaemon(true);
    return t;
  });
  private Map<String, String> written = Map.of();
  private volatile Exception lastSyncError;

  /** Starts once prometheus-operator has written the configuration Secret (waits for it up to the deadline). */
  LocalPrometheus(KubernetesClient client, String namespace, String name, Path kubeconfig, Path dir) throws Exception {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.kubeconfig = kubeconfig;
    this.dir = dir;
    this.rules = Files.createDirectories(dir.resolve("rules"));
    org.awaitility.Awaitility.await("prometheus-operator wrote Secret prometheus-" + name)
        .atMost(java.time.Duration.ofSeconds(90)).until(() -> configSecret() != null);
    syncFiles();

    Path binary = TestCluster.cache().resolve("bin/prometheus");
    assertThat(binary).as("prometheus missing: run e2e/scripts/build-binaries.sh (as .ci/run does)").isExecutable();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    api = new PrometheusApi(URI.create("http://127.0.0.1:" + port));
    process = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("prometheus.yaml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--web.enable-lifecycle", "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    sync.scheduleWithFixedDelay(this::syncAndReload, 1, 1, TimeUnit.SECONDS);
  }

  PrometheusApi api() {
    return api;
  }

  /** The last error of the sync loop, if its last round failed (shown with a test failure). */
  Exception lastSyncError() {
    return lastSyncError;
  }

  private void syncAndReload() {
    try {
      if (syncFiles() && api.ready()) {
        api.reload();
      }
      lastSyncError = null;
    } catch (Exception e) {
      lastSyncError = e;
    }
  }

  private Secret configSecret() {
    return client.secrets().inNamespace(namespace).withName("prometheus-" + name).get();
  }

  /** Writes prometheus.yaml and the rule files when they differ from what was written last; true if anything changed. */
  private synchronized boolean syncFiles() throws Exception {
    Map<String, String> files = new TreeMap<>();
    for (ConfigMap cm : client.configMaps().inNamespace(namespace).withLabel("prometheus-name", name).list().getItems()) {
      for (Map.Entry<String, String> e : cm.getData().entrySet()) {
        files.put("rules/" + cm.getMetadata().getName() + "-" + e.getKey(), e.getValue());
      }
    }
    files.put("prometheus.yaml", config(configSecret()));
    if (files.equals(written)) {
      return false;
    }
    for (String old : written.keySet()) {
      if (!files.containsKey(old)) {
        Files.deleteIfExists(dir.resolve(old));
      }
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue());
    }
    written = files;
    return true;
  }

  private String config(Secret secret) throws Exception {
    String gz = secret.getData().get("prometheus.yaml.gz");
    byte[] raw = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(gz))).readAllBytes();
    String text = new String(raw, StandardCharsets.UTF_8).replace("$(SHARD)", "0").replace("$(POD_NAME)", name + "-0");
    ObjectNode config = (ObjectNode) YAML.readTree(text);
    config.putArray("rule_files").add(rules.resolve("*.yaml").toString());
    for (JsonNode job : config.path("scrape_configs")) {
      for (JsonNode sd : job.path("kubernetes_sd_configs")) {
        ((ObjectNode) sd).put("kubeconfig_file", kubeconfig.toString());
      }
    }
    return YAML.writeValueAsString(config);
  }

  @Override
  public void close() {
    sync.shutdownNow();
    process.destroy();
  }
}
