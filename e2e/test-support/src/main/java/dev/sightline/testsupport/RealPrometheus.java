package dev.sightline.testsupport;

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
public final class RealPrometheus implements AutoCloseable {
  private final Path dir;
  private final int port;
  private Process process;

  private RealPrometheus(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Starts it on a free loopback port, with no scrape configuration, and waits until it is ready. */
  public static RealPrometheus start(Path dir) throws Exception {
    Files.createDirectories(dir);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RealPrometheus prometheus = new RealPrometheus(dir, port);
    prometheus.restart();
    return prometheus;
  }

  /** Starts it (again) on the same port and data. */
  public void restart() throws Exception {
    Path binary = TestCluster.cache().resolve("bin/prometheus");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " missing: run e2e/scripts/setup.sh (as .ci/run does)");
    }
    Path config = Files.writeString(dir.resolve("prometheus.yml"), "global: {scrape_interval: 15s}\n");
    process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prometheus.log").toFile()))
        .start();
    HttpClient http = HttpClient.newHttpClient();
    Awaitility.await("Prometheus ready").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
        http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
  }

  /** Stops it and waits for the process to end. */
  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * A Prometheus resource monitoring/k8s standing for this process, selecting ServiceMonitors and
   * PrometheusRules by {@code objects} in every namespace.
   */
  public void declare(KubernetesClient client, LabelSelector objects) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName("monitoring").endMetadata().build())
        .serverSideApply();
    Prometheus p = new PrometheusBuilder().withNewMetadata().withName("k8s").withNamespace("monitoring").endMetadata()
        .withNewSpec()
        .withServiceMonitorSelector(objects).withServiceMonitorNamespaceSelector(new LabelSelector())
        .withRuleSelector(objects).withRuleNamespaceSelector(new LabelSelector())
        .endSpec().build();
    client.resource(p).create();
  }

  /** HTTP requests Prometheus served on its API, by its own metrics. */
  public double requestsServed() throws Exception {
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return OperatorProcess.sum(metrics, "prometheus_http_requests_total", "handler=\"/api/v1/");
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
    }
  }
}
