package dev.sightline.e2e;

import dev.sightline.operator.it.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node cluster on this machine, brought up by the same scripts the README's main command
 * runs: e2e/scripts/node.sh up (containerd, the Kubernetes binaries, CoreDNS), node.sh load of the
 * jib-built operator and demo-app images, and monitoring.sh (prometheus-operator, Prometheus,
 * Alertmanager). Everything after that is {@link KubeconfigCluster}, as on kind. node.sh down at close.
 */
final class LocalNode implements ClusterProvider {
  private final Path scripts = TestCluster.repoRoot().resolve("e2e/scripts");
  private final Path log;
  private final KubeconfigCluster cluster;

  LocalNode(Path dir) throws Exception {
    log = dir.resolve("node-scripts.log");
    KubeconfigCluster c = null;
    try {
      Path kubeconfig = Path.of(script(null, "node.sh", "kubeconfig").strip());
      script(null, "node.sh", "up");
      Path root = TestCluster.repoRoot();
      script(null, "node.sh", "load", root.resolve("operator/target/jib-image.tar").toString(),
          root.resolve("demo-app/target/jib-image.tar").toString());
      script(kubeconfig, "monitoring.sh");
      c = new KubeconfigCluster(kubeconfig);
    } catch (Exception | Error e) {
      printScriptLog(System.out);
      down();
      throw e;
    }
    cluster = c;
  }

  /** Runs one of the scripts (output to the log), failing with its last lines when it fails. */
  private String script(Path kubeconfig, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(scripts.resolve(command[0]).toString()));
    cmd.addAll(List.of(command).subList(1, command.length));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (kubeconfig != null) {
      pb.environment().put("KUBECONFIG", kubeconfig.toString());
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    Files.writeString(log, "$ " + String.join(" ", cmd) + "\n" + out, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    System.out.print(out.lines().filter(l -> l.startsWith("node:") || l.startsWith("monitoring:"))
        .map(l -> "e2e " + l + "\n").reduce("", String::concat));
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }

  private void down() {
    try {
      script(null, "node.sh", "down");
    } catch (Exception e) {
      System.err.println("node.sh down: " + e.getMessage());
    }
  }

  private void printScriptLog(PrintStream out) {
    try {
      out.println("==== " + log);
      out.println(Files.exists(log) ? Files.readString(log) : "(empty)");
    } catch (IOException e) {
      out.println("unreadable: " + e);
    }
  }

  @Override
  public KubernetesClient admin() {
    return cluster.admin();
  }

  @Override
  public String namespace() {
    return cluster.namespace();
  }

  @Override
  public Helm helm() {
    return cluster.helm();
  }

  @Override
  public void installStack(String... sets) throws Exception {
    cluster.installStack(sets);
  }

  @Override
  public PrometheusApi prometheus() {
    return cluster.prometheus();
  }

  @Override
  public AlertmanagerApi alertmanager() {
    return cluster.alertmanager();
  }

  @Override
  public String demoUrl() {
    return cluster.demoUrl();
  }

  @Override
  public void printLogs(PrintStream out) {
    cluster.printLogs(out);
    try {
      out.println("==== node components (node.sh logs)");
      out.println(script(null, "node.sh", "logs"));
    } catch (Exception e) {
      out.println("node logs unreadable: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    cluster.close();
    down();
  }
}
