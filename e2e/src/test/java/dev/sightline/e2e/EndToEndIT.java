package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.demo.LoadGenerator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole promise on a running system, on whichever cluster {@link ClusterProvider} picks
 * ({@code -Dsightline.e2e.provider=local}, the default and what CI runs, or {@code kind}):
 * helm install, the ObservedService Ready, prometheus-operator's configuration in Prometheus, the
 * target up, no alert under normal load, every dashboard query with data, the generated alert firing
 * in an error storm and resolving after it, and nothing left after uninstall.
 *
 * <p>Shortened for the test, and only here: the demo's ObservedService scrapes every 5 s and its
 * HighErrorRate alert fires after 30 s instead of 3m30s (chart values below); the local provider's
 * Prometheus also evaluates rules every 5 s (kube-prometheus-stack: 30 s, e2e/kind/cluster.sh: 15 s).
 */
class EndToEndIT {
  static final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
  static final String DEMO = ClusterProvider.DEMO;
  static final String ALERT = "DemoHighErrorRate";

  @Test
  void applyScrapeAlertResolveUninstall(@TempDir Path dir) throws Exception {
    List<String> timings = new ArrayList<>();
    long t0 = System.nanoTime();
    try (ClusterProvider provider = ClusterProvider.fromSystemProperties(dir)) {
      try {
        run(provider, timings, t0);
        timings.forEach(t -> System.out.println("e2e timing | " + t));
      } catch (AssertionError | Exception e) {
        provider.printLogs(System.out); // the components' own logs say why
        throw e;
      }
    }
  }

  private static void run(ClusterProvider provider, List<String> timings, long t0) throws Exception {
    KubernetesClient admin = provider.admin();
    String ns = provider.namespace();
    // 1. helm install; the operator runs
    provider.installStack("demo-app.observedService.scrapeInterval=5s", "demo-app.observedService.scrapeTimeout=4s",
        "demo-app.observedService.alerts.tuning.highErrorRate.for=30s");
    long installed = System.nanoTime();
    timings.add(lap("provider up and helm install", t0));

    // 2. the chart's ObservedService becomes Ready and its objects exist
    await("ObservedService Ready").atMost(Duration.ofSeconds(120)).untilAsserted(() ->
        assertThat(LocalStack.readyCondition(admin, ns, DEMO)).isEqualTo("True"));
    timings.add(lap("install to ObservedService Ready", installed));
    assertThat(admin.resources(ServiceMonitor.class).inNamespace(ns).withName(DEMO).get()).isNotNull();
    assertThat(admin.resources(PrometheusRule.class).inNamespace(ns).withName(DEMO).get()).isNotNull();

    // 3. prometheus-operator turned them into Prometheus configuration; the demo target is up
    PrometheusApi prom = provider.prometheus();
    await("Prometheus ready").atMost(Duration.ofSeconds(60)).until(prom::ready);
    await("rule group sightline." + DEMO + " loaded").atMost(Duration.ofSeconds(120))
        .until(() -> prom.ruleGroups().contains("sightline." + DEMO));
    timings.add(lap("install to rules loaded in Prometheus", installed));
    await("demo target up == 1").atMost(Duration.ofSeconds(120)).until(() ->
        prom.query("up{namespace=\"" + ns + "\", job=\"" + DEMO + "\"} == 1").size() == 1);
    timings.add(lap("install to demo target up == 1", installed));

    // 4. normal traffic: nothing fires
    String demo = provider.demoUrl();
    LoadGenerator normal = load(demo, "normal", "60s");
    CompletableFuture<LoadGenerator.Report> normalRun = start(normal);
    await("some traffic recorded").atMost(Duration.ofSeconds(90)).until(() ->
        prom.query("namespace_job:sightline_http_requests:rate5m{namespace=\"" + ns + "\", job=\"" + DEMO + "\"} > 0").size() == 1);
    await("no alert fires under normal traffic").during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30))
        .until(() -> prom.firing().stream().noneMatch(a -> a.startsWith("Demo")));
    normalRun.get();

    // 5. error storm (30 % errors): the generated HighErrorRate alert fires
    long stormStart = System.nanoTime();
    LoadGenerator storm = load(demo, "errors", "10m");
    CompletableFuture<LoadGenerator.Report> stormRun = start(storm);
    await(ALERT + " firing").atMost(Duration.ofSeconds(180)).until(() -> prom.firing().contains(ALERT));
    timings.add(lap("error storm start to alert firing", stormStart));
    assertEveryPanelHasData(admin, ns, prom); // with errors, the error panels have data too
    storm.stop(); // switches the faults off
    stormRun.get();

    // 6. faults off: the alert resolves; uninstall removes everything
    long faultsOff = System.nanoTime();
    LoadGenerator after = load(demo, "normal", "10m");
    CompletableFuture<LoadGenerator.Report> afterRun = start(after);
    await(ALERT + " resolved").atMost(Duration.ofSeconds(300)).until(() -> !prom.firing().contains(ALERT));
    timings.add(lap("faults off to alert resolved", faultsOff));
    after.stop();
    afterRun.get();

    provider.helm().ok("uninstall", ClusterProvider.RELEASE, "--namespace", ns, "--wait");
    await("generated objects gone").atMost(Duration.ofSeconds(90)).until(() ->
        admin.resources(ServiceMonitor.class).inNamespace(ns).list().getItems().isEmpty()
            && admin.resources(PrometheusRule.class).inNamespace(ns).list().getItems().isEmpty()
            && admin.configMaps().inNamespace(ns).withLabel("app.kubernetes.io/managed-by", "sightline")
                .list().getItems().isEmpty());
    timings.add(lap("whole run", t0));
  }

  static void assertEveryPanelHasData(KubernetesClient admin, String ns, PrometheusApi prom) throws Exception {
    String json = admin.configMaps().inNamespace(ns).withName(DEMO + "-dashboard").get()
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
    assertThat(queries).isPositive();
    assertThat(empty).as("panel queries without data").isEmpty();
  }

  static LoadGenerator load(String target, String mode, String duration) {
    return new LoadGenerator(LoadGenerator.parse("--mode", mode, "--rate", "20", "--concurrency", "4",
        "--duration", duration, "--target", target, "--progress", "false"));
  }

  static CompletableFuture<LoadGenerator.Report> start(LoadGenerator generator) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return generator.run(quiet);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  static String lap(String what, long t0) {
    return String.format("%-40s %5.1f s", what, (System.nanoTime() - t0) / 1e9);
  }
}
