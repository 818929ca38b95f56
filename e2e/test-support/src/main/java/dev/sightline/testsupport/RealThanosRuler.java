package dev.sightline.testsupport;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
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
 * The cached Thanos binary's Ruler as a local process, evaluating rules against a Prometheus's query API
 * as a ThanosRuler does against a Thanos Querier. prometheus-operator is not running here: {@link #load}
 * writes a PrometheusRule to a rule file named as prometheus-operator names it and reloads the Ruler.
 */
public final class RealThanosRuler implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();

  private RealThanosRuler(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts {@code thanos rule} on free loopback ports, querying {@code queryUrl} (host:port of a
   * Prometheus HTTP API), and waits until it is ready.
   *
   * @param name the ThanosRuler resource it stands for (its rule files' directory is named after it)
   */
  public static RealThanosRuler start(Path dir, String name, String queryHostPort) throws Exception {
    Path binary = TestCluster.cache().resolve("bin/thanos");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " missing: run e2e/scripts/setup.sh (as .ci/run does)");
    }
    Path rules = Files.createDirectories(dir.resolve("rules/thanos-ruler-" + name + "-rulefiles-0"));
    int port = freePort();
    Process process = new ProcessBuilder(binary.toString(), "rule",
        "--data-dir=" + dir.resolve("data"),
        "--rule-file=" + rules + "/*.yaml",
        "--http-address=127.0.0.1:" + port,
        "--grpc-address=127.0.0.1:" + freePort(),
        "--query=" + queryHostPort,
        "--eval-interval=15s",
        "--label=thanos_ruler_replica=\"" + name + "-0\"")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("thanos-rule.log").toFile()))
        .start();
    RealThanosRuler ruler = new RealThanosRuler(dir, port, process);
    Awaitility.await("Thanos Ruler ready").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
        ruler.http.send(HttpRequest.newBuilder(URI.create(ruler.url() + "/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    return ruler;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Writes the PrometheusRule's groups to NAMESPACE-NAME-UID.yaml, as prometheus-operator does, and reloads. */
  public void load(PrometheusRule rule) throws Exception {
    Path rules = Files.list(dir.resolve("rules")).findFirst().orElseThrow();
    String file = rule.getMetadata().getNamespace() + "-" + rule.getMetadata().getName() + "-"
        + rule.getMetadata().getUid() + ".yaml";
    Files.writeString(rules.resolve(file), Serialization.asYaml(rule.getSpec()));
    int status = http.send(HttpRequest.newBuilder(URI.create(url() + "/-/reload"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status != 200) {
      throw new IllegalStateException("Thanos Ruler reload answered HTTP " + status + ": see " + dir
          + "/thanos-rule.log");
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
  }
}
