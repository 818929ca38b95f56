package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.demo.LoadGenerator;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.it.TestCluster;
import dev.sightline.operator.reconcile.StatusUpdater;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole promise on the local provider: real kube-apiserver + etcd + kube-controller-manager,
 * real prometheus-operator (out of cluster), real Prometheus on the configuration it generates, the
 * charts installed with real Helm.
 *
 * <p>What stands in for the pods a kubelet would run is described on {@link LocalStack}. For the
 * test, scrape and rule evaluation run every 5 s and HighErrorRate fires after 30 s instead of 3m30s.
 */
class LocalEndToEndIT {
  static final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void applyScrapeAlertResolveUninstall(@TempDir Path dir) throws Exception {
    List<String> timings = new ArrayList<>();
    long t0 = System.nanoTime();
    // shortened for the test: scrape and evaluation every 5 s, HighErrorRate after 30 s instead of 3m30s
    try (LocalStack stack = new LocalStack(TestCluster.shared(), dir, "demo-app.observedService.alerts.tuning.highErrorRate.for=30s")) {
      KubernetesClient admin = stack.admin;
      String ns = stack.namespace;
      try {
        // 1-2. helm install done; the ObservedService becomes Ready and the objects exist
        await("ObservedService Ready").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
          ObservedService o = admin.resources(ObservedService.class).inNamespace(ns).withName(LocalStack.DEMO).get();
          assertThat(StatusUpdater.find(o.getStatus(), StatusUpdater.READY)).isNotNull()
              .satisfies(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True"));
        });
        timings.add(lap("stack start to ObservedService Ready", t0));
        assertThat(admin.resources(ServiceMonitor.class).inNamespace(ns).withName(LocalStack.DEMO).get()).isNotNull();
        assertThat(admin.resources(PrometheusRule.class).inNamespace(ns).withName(LocalStack.DEMO).get()).isNotNull();

        // 3. prometheus-operator turned them into configuration; Prometheus scrapes the demo app
        await("prometheus-operator config with our rules").atMost(Duration.ofSeconds(90)).until(stack::prometheusConfigReady);
        LocalPrometheus prom = stack.startPrometheus();
        await("Prometheus ready").atMost(Duration.ofSeconds(60)).until(prom::ready);
        await("demo target up == 1").atMost(Duration.ofSeconds(90)).until(() ->
            prom.query("up{namespace=\"" + ns + "\", job=\"" + LocalStack.DEMO + "\"} == 1").size() == 1);
        timings.add(lap("stack start to demo target up == 1", t0));

        // 4. normal traffic: nothing fires
        CompletableFuture<LoadGenerator.Report> normal = run(stack.load("normal", "60s"));
        await("some traffic recorded").atMost(Duration.ofSeconds(60)).until(() ->
            prom.query("namespace_job:sightline_http_requests:rate5m{job=\"" + LocalStack.DEMO + "\"} > 0").size() == 1);
        await("no alert fires under normal traffic").during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30))
            .until(() -> firing(prom).isEmpty());
        normal.get();

        // 5. error storm: the generated HighErrorRate alert fires
        long stormStart = System.nanoTime();
        CompletableFuture<LoadGenerator.Report> storm = run(stack.load("errors", "90s"));
        await("DemoHighErrorRate firing").atMost(Duration.ofSeconds(120))
            .until(() -> firing(prom).contains("DemoHighErrorRate"));
        timings.add(lap("error storm start to alert firing", stormStart));
        // every dashboard panel has data now that there are errors too
        assertEveryPanelHasData(admin, ns, prom);
        storm.get();

        // 6. faults off (the load generator clears them): the alert resolves; uninstall removes everything
        long faultsOff = System.nanoTime();
        CompletableFuture<LoadGenerator.Report> after = run(stack.load("normal", "240s"));
        await("DemoHighErrorRate resolved").atMost(Duration.ofSeconds(240))
            .until(() -> !firing(prom).contains("DemoHighErrorRate"));
        timings.add(lap("faults off to alert resolved", faultsOff));
        after.cancel(true);

        stack.helm.ok("uninstall", LocalStack.RELEASE, "--namespace", ns, "--wait");
        await("generated objects gone").atMost(Duration.ofSeconds(60)).until(() ->
            admin.resources(ServiceMonitor.class).inNamespace(ns).list().getItems().isEmpty()
                && admin.resources(PrometheusRule.class).inNamespace(ns).list().getItems().isEmpty()
                && admin.configMaps().inNamespace(ns).withLabel("app.kubernetes.io/managed-by", "sightline")
                    .list().getItems().isEmpty());
        timings.add(lap("whole run", t0));
        timings.forEach(t -> System.out.println("e2e timing | " + t));
      } catch (AssertionError | RuntimeException e) {
        // the components' own logs say why; show them with the failure
        try (var logs = Files.walk(stack.logDir())) {
          for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
            List<String> lines = Files.readAllLines(log);
            System.out.println("==== " + log + " (last 40 lines)");
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
          }
        }
        throw e;
      }
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

  static CompletableFuture<LoadGenerator.Report> run(LoadGenerator generator) {
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
