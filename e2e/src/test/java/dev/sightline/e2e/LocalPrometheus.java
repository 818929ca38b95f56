package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sightline.operator.it.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Prometheus (built from its Go module) running on the configuration the real prometheus-operator
 * generated for a Prometheus CR: the Secret's prometheus.yaml.gz and the rule-file ConfigMaps.
 * What the operator's config-reloader sidecar would do in a pod is done here: substitute $(SHARD)
 * and $(POD_NAME), and point rule_files at the ConfigMap's files. Out of cluster, Prometheus's
 * Kubernetes service discovery gets the test kubeconfig instead of the in-cluster service account.
 */
final class LocalPrometheus implements AutoCloseable {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  LocalPrometheus(KubernetesClient client, String namespace, String name, Path kubeconfig, Path dir) throws Exception {
    String gz = client.secrets().inNamespace(namespace).withName("prometheus-" + name).get()
        .getData().get("prometheus.yaml.gz");
    byte[] raw = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(gz))).readAllBytes();
    String text = new String(raw, StandardCharsets.UTF_8).replace("$(SHARD)", "0").replace("$(POD_NAME)", name + "-0");
    ObjectNode config = (ObjectNode) YAML.readTree(text);

    Path rules = Files.createDirectories(dir.resolve("rules"));
    for (ConfigMap cm : client.configMaps().inNamespace(namespace).withLabel("prometheus-name", name).list().getItems()) {
      for (Map.Entry<String, String> e : cm.getData().entrySet()) {
        Files.writeString(rules.resolve(cm.getMetadata().getName() + "-" + e.getKey()), e.getValue());
      }
    }
    config.putArray("rule_files").add(rules.resolve("*.yaml").toString());
    for (JsonNode job : config.path("scrape_configs")) {
      for (JsonNode sd : job.path("kubernetes_sd_configs")) {
        ((ObjectNode) sd).put("kubeconfig_file", kubeconfig.toString());
      }
    }
    Path file = dir.resolve("prometheus.yaml");
    YAML.writeValue(file.toFile(), config);

    Path binary = TestCluster.cache().resolve("bin/prometheus");
    assertThat(binary).as("prometheus missing: run e2e/scripts/build-binaries.sh (as .ci/run does)").isExecutable();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    base = URI.create("http://127.0.0.1:" + port);
    process = new ProcessBuilder(binary.toString(), "--config.file=" + file, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
  }

  URI base() {
    return base;
  }

  /** The result vector of an instant query (empty when the query returns nothing). */
  ArrayNode query(String promql) throws Exception {
    JsonNode r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    assertThat(r.path("status").asText()).as("query %s: %s", promql, r).isEqualTo("success");
    return (ArrayNode) r.at("/data/result");
  }

  /** Alerts in state firing (or pending, with {@code includePending}). */
  ArrayNode alerts() throws Exception {
    return (ArrayNode) get("/api/v1/alerts").at("/data/alerts");
  }

  boolean ready() {
    try {
      return http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  @Override
  public void close() {
    process.destroy();
  }
}
