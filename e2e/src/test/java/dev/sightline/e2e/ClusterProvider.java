package dev.sightline.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the end-to-end suite runs: the same {@link EndToEndIT} on any cluster. {@code local} (the
 * default, no Docker) is {@link LocalStack}; {@code kind} is {@link KindProvider}, for a cluster
 * e2e/kind/cluster.sh prepared. Chosen with {@code -Dsightline.e2e.provider=local|kind}.
 */
interface ClusterProvider extends AutoCloseable {
  String RELEASE = "sightline";
  String DEMO = RELEASE + "-demo-app";

  static ClusterProvider fromSystemProperties(Path dir) throws Exception {
    String name = System.getProperty("sightline.e2e.provider", "local");
    return switch (name) {
      case "local" -> new LocalStack(dir);
      case "kind" -> new KindProvider(dir);
      default -> throw new IllegalArgumentException("sightline.e2e.provider must be local or kind, not " + name);
    };
  }

  KubernetesClient admin();

  /** The namespace the stack chart is installed into. */
  String namespace();

  Helm helm();

  /** {@code helm install} of sightline-stack (with this provider's values and {@code sets}); returns when the operator runs. */
  void installStack(String... sets) throws Exception;

  /** Prometheus's HTTP API, with the configuration prometheus-operator generates from our objects. */
  PrometheusApi prometheus() throws Exception;

  /** A URL of the demo app reachable from this JVM (the load generator's target). */
  String demoUrl() throws Exception;

  /** The components' logs, printed with a failure. */
  void printLogs(PrintStream out);

  @Override
  void close();

  /** The install command line shared by the providers. */
  static String[] installArgs(String namespace, List<String> sets) {
    List<String> args = new ArrayList<>(List.of("install", RELEASE, Helm.chart("sightline-stack").toString(),
        "--namespace", namespace));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    return args.toArray(String[]::new);
  }
}
