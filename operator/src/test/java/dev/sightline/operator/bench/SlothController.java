package dev.sightline.operator.bench;

import dev.sightline.testsupport.OperatorProcess;
import dev.sightline.testsupport.TestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sloth's Kubernetes controller (built from its Go module by e2e/scripts/build-binaries.sh) as its own process,
 * started as its image and manifests start it ({@code sloth kubernetes-controller}, its default 5 workers and 15m
 * resync), outside a cluster with the benchmark's kubeconfig ({@code --kube-local}).
 */
final class SlothController implements AutoCloseable {
  /** kooper's histogram of handled events: one sample per reconciliation. */
  static final String PROCESSED = "kooper_controller_processed_event_duration_seconds";

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  SlothController(String kubeconfig, Path dir, String name) throws IOException {
    Path binary = binary();
    Path kc = dir.resolve("kubeconfig-sloth-" + name);
    Files.writeString(kc, kubeconfig);
    port = freePort();
    process = new ProcessBuilder(List.of(binary.toString(), "kubernetes-controller", "--logger=default",
            "--kube-local", "--kube-config=" + kc,
            "--metrics-listen-addr=127.0.0.1:" + port, "--hot-reload-addr=127.0.0.1:" + freePort()))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("sloth-" + name + ".log").toFile())
        .start();
  }

  /** The cached Sloth binary; missing, it fails. */
  static Path binary() {
    Path binary = TestCluster.cache().resolve("bin/sloth");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " missing: run e2e/scripts/setup.sh (it builds Sloth from its module)");
    }
    return binary;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  long pid() {
    return process.pid();
  }

  /** The /metrics text, or empty while the endpoint does not answer. */
  String metrics() {
    return OperatorProcess.metrics(http, port);
  }

  /** Events handled so far (kooper's histogram count). */
  double processed() {
    return OperatorProcess.sum(metrics(), PROCESSED + "_count");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
