package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sightline.operator.api.MetricConvention;
import dev.sightline.testsupport.Edits;
import dev.sightline.operator.api.MetricsSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.Prometheus;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Sightline's closed loop on the real node: each way the chain from ObservedService to a working
 * Prometheus can break, made real, and the condition that names it, with the time from the fault to
 * the condition. The ObservedServices are what a user would apply; the second app is the demo chart
 * with the prometheus-client convention and FastAPI's default buckets.
 */
final class ClosedLoopCases {
  static final Duration DEADLINE = Duration.ofSeconds(300);
  static final String FASTAPI = "fastapi";
  static final String FASTAPI_APP = FASTAPI + "-demo-app";
  static final String WRONG_PORT = "demo-wrong-port";
  static final String NO_LABELS = "demo-no-labels";
  static final String MISMATCH = "demo-mismatch";
  static final String PROMETHEUS = "kube-prometheus-stack-prometheus";

  private final ClusterProvider provider;
  private final KubernetesClient admin;
  private final String ns;
  private final List<String> timings;

  ClosedLoopCases(ClusterProvider provider, List<String> timings) {
    this.provider = provider;
    this.admin = provider.admin();
    this.ns = provider.namespace();
    this.timings = timings;
  }

  /** The demo chart's ObservedService, installed without any release label: the whole loop works. */
  void demoIsMonitored(long installStart) throws Exception {
    String demo = ClusterProvider.DEMO;
    Condition monitored = awaitCondition(demo, StatusBuilder.MONITORED, c -> "True".equals(c.getStatus()));
    timings.add(EndToEndIT.lap("install to ObservedService Monitored", installStart));
    assertThat(monitored.getReason()).isEqualTo("Monitored");
    assertThat(condition(demo, StatusBuilder.SELECTED).getMessage()).isEqualTo("selected by Prometheus monitoring/"
        + PROMETHEUS + " (labels added: release=kube-prometheus-stack; addSelectorLabels: false turns this off)");
    assertThat(admin.resources(ServiceMonitor.class).inNamespace(ns).withName(demo).get().getMetadata().getLabels())
        .containsEntry("release", "kube-prometheus-stack");
    ObservedService o = admin.resources(ObservedService.class).inNamespace(ns).withName(demo).get();
    assertThat(o.getStatus().targets).isEqualTo("1/1");
    assertThat(o.getStatus().metricsConvention).as("metrics.convention auto found").isEqualTo("micrometer");
    show("the demo, installed without a release label", demo);
  }

  /** The error storm's alert is counted in status.firing. */
  void firingIsCounted(long alertFiring) {
    await("status.firing counts the storm's alert").atMost(DEADLINE).until(() -> {
      ObservedService o = admin.resources(ObservedService.class).inNamespace(ns).withName(ClusterProvider.DEMO).get();
      return o.getStatus().firing != null && o.getStatus().firing >= 1;
    });
    timings.add(EndToEndIT.lap("alert firing to status.firing >= 1", alertFiring));
  }

  /** Four broken set-ups at once, each found and named. */
  void brokenSetUps() throws Exception {
    Service demoService = admin.services().inNamespace(ns).withName(ClusterProvider.DEMO).get();
    long start = System.nanoTime();
    // the demo chart again, exposing the prometheus-client convention with FastAPI's buckets (no 0.3)
    provider.helm().ok("install", FASTAPI, Helm.chart("demo-app").toString(), "--namespace", ns, "--wait",
        "--timeout", "5m", "--set", "metrics.convention=prometheus-client", "--set", "metrics.latencyBuckets=0.1\\,0.5\\,1",
        "--set", "observedService.scrapeInterval=5s", "--set", "observedService.scrapeTimeout=4s");
    long fastapiInstalled = System.nanoTime();
    // a Service whose port leads nowhere: the demo pods do not listen on 8081
    admin.resource(new ServiceBuilder().withNewMetadata().withName(WRONG_PORT).withNamespace(ns).endMetadata()
        .withNewSpec().withSelector(demoService.getSpec().getSelector())
        .addNewPort().withName("http").withPort(8080).withNewTargetPort(8081).endPort().endSpec().build())
        .create();
    long created = System.nanoTime();
    create(WRONG_PORT, s -> {});
    create(NO_LABELS, s -> {
      s.serviceName = ClusterProvider.DEMO;
      s.addSelectorLabels = false;
    });
    create(MISMATCH, s -> {
      s.serviceName = ClusterProvider.DEMO;
      s.metrics = new MetricsSpec();
      s.metrics.convention = MetricConvention.PROMETHEUS_CLIENT;
    });
    var cases = List.of(
        expect("wrong port", WRONG_PORT, StatusBuilder.SCRAPED, "TargetsDown", "connection refused", created),
        expect("no release label, addSelectorLabels false", NO_LABELS, StatusBuilder.SELECTED, "NotSelected",
            "add commonLabels: {release: kube-prometheus-stack}", created),
        expect("convention mismatch", MISMATCH, StatusBuilder.METRICS_FOUND, "ConventionMismatch",
            "found http_server_requests_seconds_count, not http_requests_total", created),
        expect("no bucket at the threshold (FastAPI buckets, 300ms objective)", FASTAPI_APP,
            StatusBuilder.METRICS_FOUND, "BucketInterpolated", "interpolates between le=\"0.1\" and le=\"0.5\"",
            fastapiInstalled));
    CompletableFuture.allOf(cases.toArray(CompletableFuture[]::new)).get();
    timings.add(EndToEndIT.lap("four broken set-ups all reported", start));
    ObservedService fastapi = admin.resources(ObservedService.class).inNamespace(ns).withName(FASTAPI_APP).get();
    assertThat(fastapi.getStatus().metricsConvention).as("auto found").isEqualTo("prometheus-client");
    assertThat(admin.resources(ObservedService.class).inNamespace(ns).withName(WRONG_PORT).get().getStatus().targets)
        .isEqualTo("0/1");
    show("the broken set-ups", WRONG_PORT, NO_LABELS, MISMATCH, FASTAPI_APP);
  }

  /** Prometheus scaled to zero: the live conditions turn Unknown, the operator carries on; back, they recover. */
  void prometheusDown() throws Exception {
    Pod operator = EndToEndIT.readyPod(admin, ns, "sightline-operator");
    int restarts = restarts(operator);
    long down = System.nanoTime();
    scalePrometheus(0);
    Condition scraped = awaitCondition(ClusterProvider.DEMO, StatusBuilder.SCRAPED,
        c -> "Unknown".equals(c.getStatus()) && "PrometheusUnreachable".equals(c.getReason()));
    timings.add(EndToEndIT.lap("Prometheus scaled to 0 to Scraped Unknown", down));
    assertThat(scraped.getMessage()).contains("Prometheus monitoring/" + PROMETHEUS, "prometheus-operated");
    assertThat(condition(ClusterProvider.DEMO, StatusBuilder.MONITORED).getStatus()).isEqualTo("Unknown");
    assertThat(condition(ClusterProvider.DEMO, StatusBuilder.READY).getStatus()).as("Ready is about our objects")
        .isEqualTo("True");
    show("Prometheus down", ClusterProvider.DEMO);
    long back = System.nanoTime();
    scalePrometheus(1);
    awaitCondition(ClusterProvider.DEMO, StatusBuilder.MONITORED, c -> "True".equals(c.getStatus()));
    timings.add(EndToEndIT.lap("Prometheus back to Monitored True", back));
    Pod after = EndToEndIT.readyPod(admin, ns, "sightline-operator");
    assertThat(after.getMetadata().getName()).isEqualTo(operator.getMetadata().getName());
    assertThat(restarts(after)).as("operator restarts while Prometheus was down").isEqualTo(restarts);
  }

  /** Removes the cases, so the restart that follows sees only the demo. */
  void cleanUp() throws Exception {
    for (String name : List.of(WRONG_PORT, NO_LABELS, MISMATCH)) {
      admin.resources(ObservedService.class).inNamespace(ns).withName(name).delete();
    }
    admin.services().inNamespace(ns).withName(WRONG_PORT).delete();
    provider.helm().ok("uninstall", FASTAPI, "--namespace", ns, "--wait");
  }

  private void scalePrometheus(int replicas) {
    Edits.edit(admin.resources(Prometheus.class).inNamespace(ClusterProvider.MONITORING).withName(PROMETHEUS),
        p -> {
          p.getSpec().setReplicas(replicas);
          return p;
        });
  }

  private static int restarts(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream().mapToInt(c -> c.getRestartCount()).sum();
  }

  private void create(String name, java.util.function.Consumer<ObservedServiceSpec> spec) {
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    o.setSpec(new ObservedServiceSpec());
    spec.accept(o.getSpec());
    o.getSpec().interval = "5s";
    o.getSpec().scrapeTimeout = "4s";
    admin.resource(o).create();
  }

  private CompletableFuture<Void> expect(String what, String name, String type, String reason, String words,
      long since) {
    return CompletableFuture.runAsync(() -> {
      Condition c = awaitCondition(name, type, x -> reason.equals(x.getReason()));
      assertThat(c.getMessage()).as("%s: %s message", what, type).contains(words);
      synchronized (timings) {
        timings.add(EndToEndIT.lap(what + " to " + type + " " + reason, since));
      }
    });
  }

  private Condition awaitCondition(String name, String type, Predicate<Condition> holds) {
    Condition[] found = new Condition[1];
    await(name + " " + type).atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
      found[0] = condition(name, type);
      return found[0] != null && holds.test(found[0]);
    });
    return found[0];
  }

  private Condition condition(String name, String type) {
    return ClusterProvider.condition(admin, ns, name, type);
  }

  /** What a user sees: kubectl get osvc, and each one's conditions. */
  private void show(String title, String... names) throws Exception {
    System.out.println("e2e closed loop | " + title + "\n" + provider.kubectl("get", "osvc", "-n", ns));
    for (String name : names) {
      List<String> lines = new ArrayList<>();
      for (Condition c : admin.resources(ObservedService.class).inNamespace(ns).withName(name).get()
          .getStatus().conditions) {
        lines.add(String.format("  %-16s %-7s %-22s %s", c.getType(), c.getStatus(), c.getReason(), c.getMessage()));
      }
      System.out.println("e2e closed loop | " + name + " conditions:\n" + String.join("\n", lines));
    }
  }
}
