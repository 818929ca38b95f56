package dev.sightline.e2e;

import dev.sightline.demo.DemoApp;
import dev.sightline.demo.LoadGenerator;
import dev.sightline.operator.it.Fixtures;
import dev.sightline.operator.it.TestCluster;
import dev.sightline.operator.runtime.SightlineOperator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.reconcile.StatusUpdater;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The local provider: everything kind + kube-prometheus-stack would run, as local processes on a
 * real control plane. Used by {@link EndToEndIT} and by the README's main command
 * ({@link #main}).
 *
 * <p>What stands in for what a kubelet would run: the operator Deployment's pod is the same
 * operator code running in this JVM as the chart's ServiceAccount (impersonation); the demo app's
 * pod is the demo app running in this JVM on this machine's non-loopback address, published through
 * an EndpointSlice of the chart's Service (the API server refuses loopback addresses); the
 * Prometheus pod is a Prometheus process on the configuration the real prometheus-operator
 * generates, reloaded when it changes (see {@link LocalPrometheus}).
 */
public final class LocalStack implements ClusterProvider {
  private final TestCluster cluster;
  private final KubernetesClient admin;
  private final Path kubeconfig;
  private final Helm helm;
  private final String namespace;
  private final String monitoring;
  private final Path dir;
  private final Process promOperator;
  private final DemoApp app;
  private final String ip;
  private LocalPrometheus prometheus;
  private Operator operator;

  LocalStack(Path dir) throws Exception {
    this(TestCluster.shared(), dir);
  }

  /** prometheus-operator with a Prometheus CR, Prometheus on what it generates, and the demo app process. */
  LocalStack(TestCluster cluster, Path dir) throws Exception {
    this.cluster = cluster;
    this.dir = dir;
    admin = cluster.client();
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, cluster.kubeconfig());
    helm = new Helm(kubeconfig);
    new Helm(null).ok("dependency", "build", Helm.chart("sightline-stack").toString());
    namespace = Fixtures.namespace(admin, "demo");
    monitoring = Fixtures.namespace(admin, "monitoring");

    Path binary = TestCluster.cache().resolve("bin/prometheus-operator");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " missing: run e2e/scripts/build-binaries.sh (as .ci/run does)");
    }
    ProcessBuilder po = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:0", "--log-level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus-operator.log").toFile());
    po.environment().put("KUBECONFIG", kubeconfig.toString()); // it has no --kubeconfig flag
    promOperator = po.start();
    // what kube-prometheus-stack's Prometheus selects; scrape and evaluation every 5 s (kps: 30 s)
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

    ip = nonLoopbackAddress();
    app = new DemoApp(true).start(ip, 0);
  }

  @Override
  public KubernetesClient admin() {
    return admin;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Helm helm() {
    return helm;
  }

  /** Installs the chart (no --wait: without a kubelet no pod becomes ready), then stands in for its pods. */
  @Override
  public void installStack(String... sets) throws Exception {
    helm.ok(ClusterProvider.installArgs(namespace, List.of(sets)));
    operator = SightlineOperator.create(
        HelmInstallIT.impersonating(cluster.kubeconfig(), "system:serviceaccount:" + namespace + ":" + RELEASE + "-sightline-operator", namespace),
        Fixtures.operatorSettings(2), new SimpleMeterRegistry());
    operator.start();
    admin.resource(new EndpointSliceBuilder()
        .withNewMetadata().withName(DEMO + "-local").withNamespace(namespace)
        .withLabels(Map.of("kubernetes.io/service-name", DEMO)).endMetadata()
        .withAddressType("IPv4")
        .addNewEndpoint().withAddresses(ip).withNewConditions().withReady(true).endConditions().endEndpoint()
        .addNewPort().withName("http").withPort(app.port()).withProtocol("TCP").endPort()
        .build()).create();
  }

  @Override
  public synchronized PrometheusApi prometheus() throws Exception {
    if (prometheus == null) {
      prometheus = new LocalPrometheus(admin, monitoring, "local", kubeconfig, Files.createDirectories(dir.resolve("prom")));
    }
    return prometheus.api();
  }

  @Override
  public String demoUrl() {
    return "http://" + ip + ":" + app.port();
  }

  Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public void printLogs(PrintStream out) {
    if (prometheus != null && prometheus.lastSyncError() != null) {
      out.println("==== Prometheus configuration sync: " + prometheus.lastSyncError());
    }
    try (var logs = Files.walk(dir)) {
      for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
        List<String> lines = Files.readAllLines(log);
        out.println("==== " + log + " (last 40 lines)");
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(out::println);
      }
    } catch (java.io.IOException e) {
      out.println("logs unreadable: " + e);
    }
  }

  @Override
  public void close() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (operator != null) {
      operator.stop();
    }
    app.close();
    promOperator.destroy();
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
    stack.installStack("demo-app.observedService.scrapeInterval=5s", "demo-app.observedService.scrapeTimeout=4s");
    PrometheusApi prom = stack.prometheus();
    Awaitility.await("Prometheus ready").atMost(Duration.ofMinutes(1)).until(prom::ready);
    Awaitility.await("ObservedService Ready").atMost(Duration.ofMinutes(2)).until(() ->
        "True".equals(readyCondition(stack.admin, stack.namespace, DEMO)));
    LoadGenerator load = new LoadGenerator(LoadGenerator.parse("--mode", "normal", "--rate", "20", "--duration", "24h",
        "--target", stack.demoUrl(), "--progress", "false"));
    Thread loader = new Thread(() -> {
      try {
        load.run(new PrintStream(OutputStream.nullOutputStream()));
      } catch (Exception e) {
        System.err.println("load generator stopped: " + e);
      }
    }, "load");
    loader.setDaemon(true);
    loader.start();
    Path dashboard = dir.resolve("dashboard.json");
    Files.writeString(dashboard, stack.admin.configMaps().inNamespace(stack.namespace).withName(DEMO + "-dashboard")
        .get().getData().values().iterator().next());
    System.out.printf("""

        Sightline is up on a local control plane, with the demo app under normal load.
          Prometheus:        %1$s  (targets: %1$s/targets, alerts: %1$s/alerts, rules: %1$s/rules)
          demo app:          %2$s  (faults: curl -X PUT %2$s/admin/faults -d '{"*":{"errorRate":0.3}}')
          dashboard JSON:    %3$s  (import into any Grafana with a Prometheus data source at %1$s)
          kubectl:           export KUBECONFIG=%4$s; kubectl get observedservices -A
                             (ObservedServices you apply are scraped and alerted on too: Prometheus reloads
                             whenever prometheus-operator rewrites its configuration)
          logs:              %5$s
        Ctrl-C stops everything.
        """, prom.base(), stack.demoUrl(), dashboard, stack.kubeconfig, dir);
    Thread.currentThread().join();
  }

  /** The status of the Ready condition of an ObservedService, or null. */
  static String readyCondition(KubernetesClient client, String ns, String name) {
    ObservedService o = client.resources(ObservedService.class).inNamespace(ns).withName(name).get();
    var c = o == null ? null : StatusUpdater.find(o.getStatus(), StatusUpdater.READY);
    return c == null ? null : c.getStatus();
  }
}
