package dev.sightline.testsupport;

import io.fabric8.kubernetes.client.Config;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The cached prometheus-operator binary (the build the real node runs as a pod) as a local process
 * against a test cluster, authenticating with the cluster's admin client certificate. It generates
 * what it generates in a cluster (here: the Alertmanager configuration Secret); no pod runs it.
 */
public final class RealPrometheusOperator implements AutoCloseable {
  private final Process process;
  private final Path log;

  private RealPrometheusOperator(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static RealPrometheusOperator start(TestCluster cluster, Path dir) throws Exception {
    Path binary = TestCluster.cache().resolve("bin/prometheus-operator");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " missing: run e2e/scripts/setup.sh (as .ci/run does)");
    }
    Files.createDirectories(dir);
    Config config = Config.fromKubeconfig(cluster.kubeconfig());
    Path ca = file(dir.resolve("ca.crt"), config.getCaCertData(), config.getCaCertFile());
    Path cert = file(dir.resolve("client.crt"), config.getClientCertData(), config.getClientCertFile());
    Path key = file(dir.resolve("client.key"), config.getClientKeyData(), config.getClientKeyFile());
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = dir.resolve("prometheus-operator.log");
    Process p = new ProcessBuilder(List.of(binary.toString(), "--apiserver=" + config.getMasterUrl(),
        "--ca-file=" + ca, "--cert-file=" + cert, "--key-file=" + key, "--kubelet-endpoints=false",
        "--web.listen-address=127.0.0.1:" + port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new RealPrometheusOperator(p, log);
  }

  /** The kubeconfig's file, or its inline (base64) data written to {@code file}. */
  private static Path file(Path file, String base64, String path) throws Exception {
    if (base64 == null) {
      return Path.of(path);
    }
    return Files.write(file, Base64.getDecoder().decode(base64));
  }

  /** Its log so far, for a failure's message. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (Exception e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
  }
}
