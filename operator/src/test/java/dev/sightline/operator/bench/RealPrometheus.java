package dev.sightline.operator.bench;

import dev.sightline.operator.it.OperatorProcess;
import dev.sightline.operator.it.TestCluster;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.Prometheus;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusBuilder;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * The cached Prometheus binary (the same build the real node runs) as a local process, and a
 * Prometheus resource that stands for it in the API server, so the operator's checks ask it.
 */
final class RealPrometheus implements AutoCloseable {
  private final Process process;
  private final int port;

  private RealPrometheus(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static RealPrometheus start(Path dir) throws Exception {
    Path binary = TestCluster.cache().resolve("bin/prometheus");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " missing: run e2e/scripts/setup.sh (as .ci/run does)");
    }
    Files.createDirectories(dir);
    Path config = Files.writeString(dir.resolve("prometheus.yml"), "global: {scrape_interval: 15s}\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    RealPrometheus prometheus = new RealPrometheus(p, port);
    HttpClient http = HttpClient.newHttpClient();
    Awaitility.await("Prometheus ready").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
        http.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    return prometheus;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** A Prometheus resource in namespace monitoring that selects every ServiceMonitor and PrometheusRule. */
  void declare(KubernetesClient client) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName("monitoring").endMetadata().build())
        .serverSideApply();
    Prometheus p = new PrometheusBuilder().withNewMetadata().withName("k8s").withNamespace("monitoring").endMetadata()
        .withNewSpec()
        .withServiceMonitorSelector(new LabelSelector()).withServiceMonitorNamespaceSelector(new LabelSelector())
        .withRuleSelector(new LabelSelector()).withRuleNamespaceSelector(new LabelSelector())
        .endSpec().build();
    client.resource(p).create();
  }

  /** HTTP requests Prometheus served on its API, by its own metrics. */
  double requestsServed() throws Exception {
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return OperatorProcess.sum(metrics, "prometheus_http_requests_total", "handler=\"/api/v1/");
  }

  @Override
  public void close() {
    process.destroy();
  }
}
