package dev.sightline.e2e;

import dev.sightline.demo.DemoApp;
import dev.sightline.demo.LoadGenerator;
import dev.sightline.operator.it.Fixtures;
import dev.sightline.operator.it.TestCluster;
import dev.sightline.operator.runtime.OperatorSettings;
import dev.sightline.operator.runtime.SightlineOperator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The local provider: everything kind + kube-prometheus-stack would run, as local processes on a
 * real control plane. Used by {@link LocalEndToEndIT} and by the README's main command
 * ({@link #main}).
 *
 * <p>What stands in for what a kubelet would run: the operator Deployment's pod is the same
 * operator code running in this JVM as the chart's ServiceAccount (impersonation); the demo app's
 * pod is the demo app running in this JVM on this machine's non-loopback address, published through
 * an EndpointSlice of the chart's Service (the API server refuses loopback addresses); the
 * Prometheus pod is a Prometheus process on the configuration the real prometheus-operator
 * generated (see {@link LocalPrometheus}).
 */
public final class LocalStack implements AutoCloseable {
  static final String RELEASE = "sightline";
  static final String DEMO = RELEASE + "-demo-app";

  final KubernetesClient admin;
  final Path kubeconfig;
  final Helm helm;
  final String namespace;
  final String monitoring;
  private Process promOperator;
  private Operator operator;
  DemoApp app;
  String demoUrl;
  private LocalPrometheus prometheus;
  private final Path dir;

  /** Phase 1: prometheus-operator and a Prometheus CR, the charts, the operator and the demo app. */
  LocalStack(TestCluster cluster, Path dir, String... helmSets) throws Exception {
    this.dir = dir;
    admin = cluster.client();
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, cluster.kubeconfig());
    helm = new Helm(kubeconfig);
    new Helm(null).ok("dependency", "build", Helm.chart("sightline-stack").toString());
    namespace = Fixtures.namespace(admin, "demo");
    monitoring = Fixtures.namespace(admin, "monitoring");

    ProcessBuilder po = new ProcessBuilder(TestCluster.cache().resolve("bin/prometheus-operator").toString(),
            "--web.listen-address=127.0.0.1:0", "--log-level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus-operator.log").toFile());
    po.environment().put("KUBECONFIG", kubeconfig.toString()); // it has no --kubeconfig flag
    promOperator = po.start();
    admin.resource(Serialization.unmarshal("""
        apiVersion: monitoring.coreos.com/v1
        kind: Prometheus
        metadata: {name: local, namespace: %s}
        spec:
          version: v2.55.1
          serviceDiscoveryRole: EndpointSlice
          scrapeInterval: 5s
          evaluationInterval: 5s
          serviceMonitorSelector: {matchLabels: {release: kube-prometheus-stack}}
          serviceMonitorNamespaceSelector: {}
          ruleSelector: {matchLabels: {release: kube-prometheus-stack}}
          ruleNamespaceSelector: {}
        """.formatted(monitoring), GenericKubernetesResource.class)).create();

    String[] install = {"install", RELEASE, Helm.chart("sightline-stack").toString(), "--namespace", namespace,
        "--set", "demo-app.observedService.scrapeInterval=5s", "--set", "demo-app.observedService.scrapeTimeout=4s"};
    String[] args = new String[install.length + 2 * helmSets.length];
    System.arraycopy(install, 0, args, 0, install.length);
    for (int i = 0; i < helmSets.length; i++) {
      args[install.length + 2 * i] = "--set";
      args[install.length + 2 * i + 1] = helmSets[i];
    }
    helm.ok(args);
    operator = SightlineOperator.create(
        HelmInstallIT.impersonating(cluster.kubeconfig(), "system:serviceaccount:" + namespace + ":" + RELEASE + "-sightline-operator", namespace),
        new OperatorSettings(Set.of(), false, "sightline", null, 0, 2, false), new SimpleMeterRegistry());
    operator.start();

    String ip = nonLoopbackAddress();
    app = new DemoApp(true).start(ip, 0);
    demoUrl = "http://" + ip + ":" + app.port();
    admin.resource(new EndpointSliceBuilder()
        .withNewMetadata().withName(DEMO + "-local").withNamespace(namespace)
        .withLabels(Map.of("kubernetes.io/service-name", DEMO)).endMetadata()
        .withAddressType("IPv4")
        .addNewEndpoint().withAddresses(ip).withNewConditions().withReady(true).endConditions().endEndpoint()
        .addNewPort().withName("http").withPort(app.port()).withProtocol("TCP").endPort()
        .build()).create();
  }

  /** Phase 2, once prometheus-operator has written the configuration: Prometheus on it. */
  LocalPrometheus startPrometheus() throws Exception {
    prometheus = new LocalPrometheus(admin, monitoring, "local", kubeconfig, Files.createDirectories(dir.resolve("prom")));
    return prometheus;
  }

  /** Whether prometheus-operator's configuration holds the demo's rules yet. */
  boolean prometheusConfigReady() {
    return admin.secrets().inNamespace(monitoring).withName("prometheus-local").get() != null
        && admin.configMaps().inNamespace(monitoring).withLabel("prometheus-name", "local").list().getItems()
            .stream().anyMatch(cm -> cm.getData().values().stream()
                .anyMatch(v -> v.contains("name: sightline." + DEMO) && v.contains("DemoHighErrorRate")));
  }

  LoadGenerator load(String mode, String duration) {
    return new LoadGenerator(LoadGenerator.parse("--mode", mode, "--rate", "20", "--concurrency", "4",
        "--duration", duration, "--target", demoUrl, "--progress", "false"));
  }

  Path logDir() {
    return dir;
  }

  @Override
  public void close() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (operator != null) {
      operator.stop();
    }
    if (app != null) {
      app.close();
    }
    if (promOperator != null) {
      promOperator.destroy();
    }
  }

  /** An IPv4 address of this machine outside 127.0.0.0/8; the API server refuses loopback endpoints. */
  static String nonLoopbackAddress() throws Exception {
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nif.isUp() || nif.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nif.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
          return a.getHostAddress();
        }
      }
    }
    throw new IllegalStateException("this machine has no non-loopback IPv4 address for the demo app's endpoint;"
        + " add one, e.g. ip link add sl0 type dummy && ip addr add 10.250.0.1/32 dev sl0 && ip link set sl0 up");
  }

  /** The README's main command: bring the stack up, run normal load, print where to look, run until Ctrl-C. */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("sightline-local");
    TestCluster cluster = TestCluster.start(true);
    LocalStack stack = new LocalStack(cluster, dir);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nstopping: Prometheus, operator, demo app, prometheus-operator, control plane");
      stack.close();
      cluster.close();
    }));
    org.awaitility.Awaitility.await("prometheus-operator configuration").atMost(java.time.Duration.ofMinutes(3))
        .until(stack::prometheusConfigReady);
    LocalPrometheus prom = stack.startPrometheus();
    org.awaitility.Awaitility.await("Prometheus ready").atMost(java.time.Duration.ofMinutes(1)).until(prom::ready);
    Thread load = new Thread(() -> {
      try {
        stack.load("normal", "24h").run(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
      } catch (Exception e) {
        System.err.println("load generator stopped: " + e);
      }
    }, "load");
    load.setDaemon(true);
    load.start();
    Path dashboard = dir.resolve("dashboard.json");
    Files.writeString(dashboard, stack.admin.configMaps().inNamespace(stack.namespace).withName(DEMO + "-dashboard")
        .get().getData().values().iterator().next());
    System.out.printf("""

        Sightline is up on a local control plane, with the demo app under normal load.
          Prometheus:        %1$s  (targets: %1$s/targets, alerts: %1$s/alerts, rules: %1$s/rules)
          demo app:          %2$s  (faults: curl -X PUT %2$s/admin/faults -d '{"*":{"errorRate":0.3}}')
          dashboard JSON:    %3$s  (import into any Grafana with a Prometheus data source at %1$s)
          kubectl:           export KUBECONFIG=%4$s; kubectl get observedservices -A
          logs:              %5$s
        Ctrl-C stops everything.
        """, prom.base(), stack.demoUrl, dashboard, stack.kubeconfig, dir);
    Thread.currentThread().join();
  }
}
