package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.demo.DemoApp;
import dev.sightline.demo.LoadGenerator;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.it.Fixtures;
import dev.sightline.operator.it.TestCluster;
import dev.sightline.operator.reconcile.StatusUpdater;
import dev.sightline.operator.runtime.OperatorSettings;
import dev.sightline.operator.runtime.SightlineOperator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole promise on the local provider: real kube-apiserver + etcd + kube-controller-manager,
 * real prometheus-operator (out of cluster), real Prometheus on the configuration it generates, the
 * charts installed with real Helm.
 *
 * <p>What stands in for what a kubelet would run: the operator Deployment's pod is the same
 * operator code running in this JVM as the chart's ServiceAccount (impersonation); the demo app's
 * pod is the demo app running in this JVM on this machine's non-loopback address, published through
 * an EndpointSlice of the chart's Service (the API server refuses loopback addresses); the
 * Prometheus pod is a Prometheus process on the generated configuration. For the test, scrape and
 * rule evaluation run every 5 s and HighErrorRate fires after 30 s instead of 3m30s.
 */
class LocalEndToEndIT {
  static final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void applyScrapeAlertResolveUninstall(@TempDir Path dir) throws Exception {
    KubernetesClient admin = TestCluster.shared().client();
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, TestCluster.shared().kubeconfig());
    Helm helm = new Helm(kubeconfig);
    new Helm(null).ok("dependency", "build", Helm.chart("sightline-stack").toString());
    String ns = Fixtures.namespace(admin, "e2e");
    String monitoring = Fixtures.namespace(admin, "monitoring");
    List<String> timings = new ArrayList<>();
    long t0 = System.nanoTime();

    // prometheus-operator, as kube-prometheus-stack would run it, and its Prometheus CR
    ProcessBuilder promOperatorCommand = new ProcessBuilder(
            TestCluster.cache().resolve("bin/prometheus-operator").toString(),
            "--web.listen-address=127.0.0.1:0", "--log-level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus-operator.log").toFile());
    promOperatorCommand.environment().put("KUBECONFIG", kubeconfig.toString()); // it has no --kubeconfig flag
    Process promOperator = promOperatorCommand.start();
    Operator operator = null;
    DemoApp app = null;
    LocalPrometheus prometheus = null;
    try {
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

      // 1. helm install the stack; the operator (as its ServiceAccount) becomes ready
      helm.ok("install", "sightline", Helm.chart("sightline-stack").toString(), "--namespace", ns,
          "--set", "demo-app.observedService.scrapeInterval=5s", "--set", "demo-app.observedService.scrapeTimeout=4s",
          "--set", "demo-app.observedService.alerts.tuning.highErrorRate.for=30s");
      operator = SightlineOperator.create(HelmInstallIT.impersonating(
              "system:serviceaccount:" + ns + ":sightline-sightline-operator", ns),
          new OperatorSettings(Set.of(), false, "sightline", null, 0, 2, false), new SimpleMeterRegistry());
      operator.start();

      // the demo app's pod: this JVM, on a non-loopback address, behind the chart's Service
      String ip = nonLoopbackAddress();
      app = new DemoApp(true).start(ip, 0);
      admin.resource(new EndpointSliceBuilder()
          .withNewMetadata().withName("sightline-demo-app-local").withNamespace(ns)
          .withLabels(Map.of("kubernetes.io/service-name", "sightline-demo-app")).endMetadata()
          .withAddressType("IPv4")
          .addNewEndpoint().withAddresses(ip).withNewConditions().withReady(true).endConditions().endEndpoint()
          .addNewPort().withName("http").withPort(app.port()).withProtocol("TCP").endPort()
          .build()).create();

      // 2. ObservedService Ready, objects generated
      await("ObservedService Ready").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        ObservedService o = admin.resources(ObservedService.class).inNamespace(ns).withName("sightline-demo-app").get();
        assertThat(StatusUpdater.find(o.getStatus(), StatusUpdater.READY)).isNotNull()
            .satisfies(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True"));
      });
      timings.add(lap("helm install to ObservedService Ready", t0));
      assertThat(admin.resources(ServiceMonitor.class).inNamespace(ns).withName("sightline-demo-app").get()).isNotNull();
      assertThat(admin.resources(PrometheusRule.class).inNamespace(ns).withName("sightline-demo-app").get()).isNotNull();

      // 3. prometheus-operator turned them into configuration; Prometheus runs on it and scrapes the app
      await("prometheus-operator config with our rules").atMost(Duration.ofSeconds(90)).until(() ->
          admin.secrets().inNamespace(monitoring).withName("prometheus-local").get() != null
              && admin.configMaps().inNamespace(monitoring).withLabel("prometheus-name", "local").list().getItems()
                  .stream().anyMatch(cm -> cm.getData().values().stream()
                      .anyMatch(v -> v.contains("sightline.sightline-demo-app.alerts"))));
      await("scrape config generated").atMost(Duration.ofSeconds(60)).until(() ->
          new String(java.util.Base64.getDecoder().decode(admin.secrets().inNamespace(monitoring)
              .withName("prometheus-local").get().getData().get("prometheus.yaml.gz"))).length() > 0);
      prometheus = new LocalPrometheus(admin, monitoring, "local", kubeconfig, Files.createDirectories(dir.resolve("prom")));
      LocalPrometheus prom = prometheus;
      await("Prometheus ready").atMost(Duration.ofSeconds(60)).until(prom::ready);
      await("demo target up == 1").atMost(Duration.ofSeconds(90)).until(() ->
          prom.query("up{namespace=\"" + ns + "\", job=\"sightline-demo-app\"} == 1").size() == 1);
      timings.add(lap("helm install to demo target up", t0));

      // 4. normal traffic: nothing fires
      String target = "http://" + ip + ":" + app.port();
      CompletableFuture<LoadGenerator.Report> normal = load("normal", target, "60s");
      await("some traffic recorded").atMost(Duration.ofSeconds(60)).until(() ->
          prom.query("namespace_job:sightline_http_requests:rate5m{job=\"sightline-demo-app\"} > 0").size() == 1);
      await("no alert fires under normal traffic").during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30))
          .until(() -> firing(prom).isEmpty());
      normal.get();

      // 5. error storm: the generated HighErrorRate alert fires
      long stormStart = System.nanoTime();
      CompletableFuture<LoadGenerator.Report> storm = load("errors", target, "90s");
      await("DemoHighErrorRate firing").atMost(Duration.ofSeconds(120)).until(() -> firing(prom).contains("DemoHighErrorRate"));
      timings.add(lap("error storm start to alert firing", stormStart));
      // every dashboard panel has data now that there are errors too
      assertEveryPanelHasData(admin, ns, prom);
      storm.get();

      // 6. faults off (the load generator clears them): the alert resolves
      long faultsOff = System.nanoTime();
      CompletableFuture<LoadGenerator.Report> after = load("normal", target, "240s");
      await("DemoHighErrorRate resolved").atMost(Duration.ofSeconds(240)).until(() -> !firing(prom).contains("DemoHighErrorRate"));
      timings.add(lap("faults off to alert resolved", faultsOff));
      after.cancel(true);

      helm.ok("uninstall", "sightline", "--namespace", ns, "--wait");
      await("generated objects gone").atMost(Duration.ofSeconds(60)).until(() ->
          admin.resources(ServiceMonitor.class).inNamespace(ns).list().getItems().isEmpty()
              && admin.resources(PrometheusRule.class).inNamespace(ns).list().getItems().isEmpty()
              && admin.configMaps().inNamespace(ns).withLabel("app.kubernetes.io/managed-by", "sightline")
                  .list().getItems().isEmpty());
      timings.forEach(t -> System.out.println("e2e timing | " + t));
    } catch (AssertionError | RuntimeException e) {
      // the components' own logs say why; show them with the failure
      try (var logs = Files.walk(dir)) {
        for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
          List<String> lines = Files.readAllLines(log);
          System.out.println("==== " + log + " (last 40 lines)");
          lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
        }
      }
      throw e;
    } finally {
      if (prometheus != null) {
        prometheus.close();
      }
      if (operator != null) {
        operator.stop();
      }
      if (app != null) {
        app.close();
      }
      promOperator.destroy();
    }
  }

  static void assertEveryPanelHasData(KubernetesClient admin, String ns, LocalPrometheus prom) throws Exception {
    String json = admin.configMaps().inNamespace(ns).withName("sightline-demo-app-dashboard").get()
        .getData().values().iterator().next();
    JsonNode dashboard = new ObjectMapper().readTree(json);
    List<String> empty = new ArrayList<>();
    int queries = 0;
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode t : panel.path("targets")) {
        queries++;
        String q = t.get("expr").asText().replace("$__rate_interval", "1m").replace("$instance", ".*");
        if (prom.query(q).isEmpty()) {
          empty.add(panel.get("title").asText() + ": " + q);
        }
      }
    }
    System.out.println("e2e dashboard | " + queries + " panel queries, " + empty.size() + " empty");
    assertThat(empty).as("panel queries without data").isEmpty();
  }

  static Set<String> firing(LocalPrometheus prom) throws Exception {
    Set<String> names = new java.util.TreeSet<>();
    for (JsonNode a : prom.alerts()) {
      if ("firing".equals(a.path("state").asText())) {
        names.add(a.at("/labels/alertname").asText());
      }
    }
    return names;
  }

  static CompletableFuture<LoadGenerator.Report> load(String mode, String target, String duration) {
    LoadGenerator.Options o = LoadGenerator.parse("--mode", mode, "--rate", "20", "--concurrency", "4",
        "--duration", duration, "--target", target, "--progress", "false");
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new LoadGenerator(o).run(quiet);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  static String lap(String what, long t0) {
    return String.format("%-40s %5.1f s", what, (System.nanoTime() - t0) / 1e9);
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
}
