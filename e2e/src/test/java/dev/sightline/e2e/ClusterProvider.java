package dev.sightline.e2e;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.status.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where the end-to-end suite runs: the same {@link EndToEndIT} on any cluster with the monitoring stack
 * (prometheus-operator, a Prometheus and an Alertmanager in namespace {@code monitoring}) and Sightline's
 * images. {@code node} (the default, what CI runs) is {@link LocalNode}: a real node on this machine that
 * e2e/scripts/node.sh brings up; {@code kind} is the cluster e2e/kind/cluster.sh prepared. Both are
 * driven through a kubeconfig by {@link KubeconfigCluster}, the one implementation. Chosen with
 * {@code -Dsightline.e2e.provider=node|kind}.
 */
interface ClusterProvider extends AutoCloseable {
  String RELEASE = "sightline";
  String DEMO = RELEASE + "-demo-app";
  String MONITORING = "monitoring";

  static ClusterProvider fromSystemProperties(Path dir) throws Exception {
    String name = System.getProperty("sightline.e2e.provider", "node");
    return switch (name) {
      case "node" -> LocalNode.start(dir);
      case "kind" -> new KubeconfigCluster(KubeconfigCluster.kubeconfigFromEnvironment(),
          UserTools.find("kubectl", "sightline.kubectl"));
      default -> throw new IllegalArgumentException("sightline.e2e.provider must be node or kind, not " + name);
    };
  }

  KubernetesClient admin();

  /** The namespace the stack chart is installed into. */
  String namespace();

  Helm helm();

  /** {@code helm install --wait} of sightline-stack with the images this build made and {@code sets}. */
  void installStack(String... sets) throws Exception;

  /** Prometheus's HTTP API (prometheus-operator's governing Service {@code prometheus-operated}). */
  PrometheusApi prometheus() throws Exception;

  /** Alertmanager's HTTP API ({@code alertmanager-operated}). */
  AlertmanagerApi alertmanager() throws Exception;

  /**
   * An address of this machine that pods reach (for receivers the tests run): the node's own address on
   * the local node, where the API server listens; SIGHTLINE_E2E_HOST_ADDRESS overrides it (kind:
   * e2e/kind/test.sh sets it, see host_address_for in e2e/kind/lib.sh).
   */
  String addressReachableFromPods();

  /** A URL of the demo app's Service reachable from this JVM. */
  String demoUrl() throws Exception;

  /** Runs kubectl against the cluster, as a user types it; returns its output (fails on a non-zero exit). */
  String kubectl(String... args) throws Exception;

  /** The components' logs, printed with a failure. */
  void printLogs(PrintStream out);

  @Override
  void close();

  /** The status of the Ready condition of an ObservedService, or null. */
  static String readyCondition(KubernetesClient client, String ns, String name) {
    var c = condition(client, ns, name, StatusBuilder.READY);
    return c == null ? null : c.getStatus();
  }

  /** A condition of an ObservedService, or null. */
  static io.fabric8.kubernetes.api.model.Condition condition(KubernetesClient client, String ns, String name,
      String type) {
    ObservedService o = client.resources(ObservedService.class).inNamespace(ns).withName(name).get();
    return o == null ? null : StatusBuilder.find(o.getStatus(), type);
  }
}
