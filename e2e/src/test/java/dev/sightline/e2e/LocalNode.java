package dev.sightline.e2e;

import dev.sightline.testsupport.TestCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node cluster on this machine, brought up by the same scripts the README's main command
 * runs: e2e/scripts/node.sh up (containerd, the Kubernetes binaries, CoreDNS), node.sh load of the
 * jib-built operator and demo-app images, and monitoring.sh (prometheus-operator, Prometheus,
 * Alertmanager), and for the sharded topology thanos.sh (two Prometheus shards with Thanos sidecars, a Thanos
 * Querier, a ThanosRuler). Everything after that is {@link KubeconfigCluster}, as on kind; node.sh down at close.
 */
final class LocalNode {
  private final Path scripts = TestCluster.repoRoot().resolve("e2e/scripts");
  private final Path log;

  private LocalNode(Path dir) {
    log = dir.resolve("node-scripts.log");
  }

  /** The monitoring stack as monitoring.sh makes it (one Prometheus), or grown by thanos.sh. */
  enum Topology { ONE_PROMETHEUS, SHARDED }

  static KubeconfigCluster start(Path dir) throws Exception {
    return start(dir, Topology.ONE_PROMETHEUS);
  }

  static KubeconfigCluster start(Path dir, Topology topology) throws Exception {
    LocalNode node = new LocalNode(dir);
    Path kubeconfig = Path.of(node.script(null, "node.sh", "kubeconfig").strip());
    if (node.script(null, "node.sh", "status").strip().equals("running")) {
      // not ours to stop: node.sh up would refuse it too (state a dead node left, node.sh up removes)
      throw new IllegalStateException("a local node is already running (the main command?); stop it first: e2e/scripts/node.sh down");
    }
    try {
      node.script(null, "node.sh", "up");
      Path root = TestCluster.repoRoot();
      node.script(null, "node.sh", "load", root.resolve("operator/target/jib-image.tar").toString(),
          root.resolve("demo-app/target/jib-image.tar").toString());
      node.script(kubeconfig, "monitoring.sh");
      if (topology == Topology.SHARDED) {
        node.script(kubeconfig, "thanos.sh");
      }
      // the node's own kubectl, the one local-up.sh prints
      return new KubeconfigCluster(kubeconfig, TestCluster.binaryDir().resolve("kubectl"), node::printComponentLogs, node::down);
    } catch (Exception | Error e) {
      node.printScriptLog(System.out);
      node.down();
      throw e;
    }
  }

  /** Runs one of the scripts (output to the log), failing with its output when it fails. */
  private String script(Path kubeconfig, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(scripts.resolve(command[0]).toString()));
    cmd.addAll(List.of(command).subList(1, command.length));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (kubeconfig != null) {
      pb.environment().put("KUBECONFIG", kubeconfig.toString());
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Files.writeString(log, "$ " + String.join(" ", cmd) + "\n" + out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    out.lines().filter(l -> l.startsWith("node:") || l.startsWith("monitoring:") || l.startsWith("thanos:")).forEach(l -> System.out.println("e2e " + l));
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

  private void printComponentLogs(PrintStream out) {
    try {
      out.println("==== node components (node.sh logs)");
      out.println(script(null, "node.sh", "logs"));
    } catch (Exception e) {
      out.println("node logs unreadable: " + e.getMessage());
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
}
