package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.demo.LoadGenerator;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.testsupport.ApiServerWrites;
import dev.sightline.testsupport.OperatorProcess;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole promise on a running cluster, the way users run it, as ordered, named steps that each
 * report (a failed step does not hide the later ones; they run on what the cluster then is), on whichever cluster
 * {@link ClusterProvider} picks ({@code node}, a real node on this machine and what CI runs, or
 * {@code kind}): helm install of sightline-stack, the operator, demo app and load Job as pods under the
 * charts' security context and limits, the ObservedService Ready, prometheus-operator's configuration
 * in Prometheus, the demo target found through its pod's real endpoint, no alert under the Job's
 * normal load, alert routing ({@link RoutingCases}: a rolling restart of pods that warm up pages nothing, a
 * metrics endpoint that stops answering pages TargetDown alone, resolved when it answers again), every dashboard in Grafana's schema and every panel query
 * with data, healthy and in the storm, for the demo and a service that is not a JVM ({@link DashboardDataCases}),
 * the generated alert
 * firing in an error storm and reaching Alertmanager, one page notification for the storm with the other
 * page and the tickets muted, resolving after it, Sightline's closed loop ({@link ClosedLoopCases}: Monitored
 * without a release label, broken set-ups named, Prometheus down), an operator restart (its pod deleted)
 * that writes nothing, and nothing left after uninstall.
 *
 * <p>Shortened for the test, and only here: the demo's ObservedService scrapes every 5 s, its
 * HighErrorRate alert fires after 2 min instead of 3m30s and Sightline checks every 5 s instead of 30 s
 * (chart values below), TargetDown fires after 30 s and Alertmanager's timings are seconds
 * ({@link RoutingCases}); Prometheus evaluates
 * every 15 s on both clusters (e2e/node/monitoring.yaml.in, e2e/kind/cluster.sh; kube-prometheus-stack: 30 s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(EndToEndIT.Failures.class)
class EndToEndIT {
  static final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
  static final String DEMO = ClusterProvider.DEMO;
  static final String ALERT = "DemoHighErrorRate";
  /** The demo's warm-up before it listens (startupDelaySeconds): longer than TargetDown's for (30 s here). */
  static final int WARM_UP_SECONDS = 40;
  static final Set<String> GENERATED = Set.of("servicemonitors", "prometheusrules", "configmaps", "observedservices");

  /** Whether a step failed: the components' own logs are printed once, at the end. */
  static final class Failures implements TestWatcher {
    static volatile boolean any;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      any = true;
      System.out.println("e2e step | FAILED  " + context.getDisplayName() + ": " + cause);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
      System.out.println("e2e step | passed  " + context.getDisplayName());
    }
  }

  private Path dir;
  private final List<String> timings = new ArrayList<>();
  private long t0;
  private long installStart;
  private ClusterProvider provider;
  private KubernetesClient admin;
  private String ns;
  private Pod operatorPod;
  private Pod demoPod;
  private DashboardDataCases dashboards;
  private RoutingCases routing;
  private ClosedLoopCases cases;
  private PrometheusApi prom;
  private Instant stormStartedAt;
  private long faultsOff;

  /** The cluster and its monitoring stack ({@link ClusterProvider}), before any step. */
  @BeforeAll
  void clusterUp(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    t0 = System.nanoTime();
    provider = ClusterProvider.fromSystemProperties(dir);
    admin = provider.admin();
    ns = provider.namespace();
    timings.add(lap("cluster and monitoring stack up", t0));
  }

  @AfterAll
  void clusterDown() throws Exception {
    if (provider == null) {
      return; // it did not come up: clusterUp's error says why
    }
    try {
      if (routing != null) {
        routing.close();
      }
      if (Failures.any) {
        provider.printLogs(System.out); // the components' own logs say why
      }
      timings.forEach(t -> System.out.println("e2e timing | " + t));
    } finally {
      provider.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("1. helm install --wait: the operator, the demo app and the load Job run as hardened pods")
  void install() throws Exception {
    installStart = System.nanoTime();
    provider.installStack("sightline-operator.serviceMonitor.enabled=true", "demo-app.loadGenerator.enabled=true",
        "demo-app.loadGenerator.duration=30m",
        "demo-app.observedService.scrapeInterval=5s", "demo-app.observedService.scrapeTimeout=4s",
        // the storm's fast burn fires first and mutes it (routing), as it does on a young service: the minutes of
        // normal traffic before the storm (the rolling restart and TargetDown cases) slow the fast burn's 1h window
        "demo-app.observedService.alerts.tuning.highErrorRate.for=2m",
        // resolved with its window, not 5 minutes later (a page's default keep_firing_for)
        "demo-app.observedService.alerts.tuning.highErrorRate.keepFiringFor=0s",
        "demo-app.startupDelaySeconds=" + WARM_UP_SECONDS, "sightline-operator.checks.interval=5s");
    timings.add(lap("helm install --wait (pods Ready)", installStart));
    operatorPod = assertRunsHardened(admin, ns, "sightline-operator");
    demoPod = assertRunsHardened(admin, ns, "demo-app");
    // routing: the demo's pages and tickets go to webhook receivers in this JVM, through Alertmanager
    dashboards = new DashboardDataCases(provider, dir);
    dashboards.deployTheServiceThatIsNotAJvm(PinnedVersionsTest.versions().getProperty("PROMETHEUS_VERSION"));
    routing = new RoutingCases(provider, timings);
    routing.enable();
    await("load Job running").atMost(Duration.ofSeconds(120)).until(() -> {
      Job job = admin.batch().v1().jobs().inNamespace(ns).withName(DEMO + "-load").get();
      return job != null && job.getStatus() != null && job.getStatus().getReady() != null && job.getStatus().getReady() > 0;
    });
    timings.add(lap("install to load Job pod Ready", installStart));
  }

  @Test
  @Order(2)
  @DisplayName("2. the chart's ObservedService becomes Ready and its objects exist")
  void observedServiceReady() {
    await("ObservedService Ready").atMost(Duration.ofSeconds(120)).untilAsserted(() ->
        assertThat(ClusterProvider.readyCondition(admin, ns, DEMO)).isEqualTo("True"));
    timings.add(lap("install to ObservedService Ready", installStart));
    assertThat(admin.resources(ServiceMonitor.class).inNamespace(ns).withName(DEMO).get()).isNotNull();
    assertThat(admin.resources(PrometheusRule.class).inNamespace(ns).withName(DEMO).get()).isNotNull();
  }

  @Test
  @Order(3)
  @DisplayName("3. Prometheus loads the rules and scrapes the demo at its pod's own endpoint; the loop says Monitored")
  void scrapedAndMonitored() throws Exception {
    // prometheus-operator turned them into Prometheus configuration; the demo target is its pod's endpoint
    prom = provider.prometheus();
    await("Prometheus ready").atMost(Duration.ofSeconds(60)).until(prom::ready);
    await("rule groups sightline." + DEMO + " and its slow group loaded").atMost(Duration.ofSeconds(180))
        .until(() -> prom.ruleGroups().containsAll(List.of("sightline." + DEMO, "sightline." + DEMO + ".slow")));
    timings.add(lap("install to rules loaded in Prometheus", installStart));
    String up = "up{namespace=\"" + ns + "\", job=\"" + DEMO + "\"} == 1";
    await("demo target up == 1").atMost(Duration.ofSeconds(180)).until(() -> prom.query(up).size() == 1);
    timings.add(lap("install to demo target up == 1", installStart));
    JsonNode target = prom.query(up).get(0).get("metric");
    assertThat(target.path("instance").asText()).as("scraped at the pod's own address")
        .isEqualTo(demoPod.getStatus().getPodIP() + ":8080");
    assertThat(target.path("pod").asText()).isEqualTo(demoPod.getMetadata().getName());
    cases = new ClosedLoopCases(provider, timings);
    cases.demoIsMonitored(installStart);
  }

  @Test
  @Order(4)
  @DisplayName("4. the load Job's normal traffic is recorded, nothing fires, every panel of both dashboards has data")
  void normalTraffic() throws Exception {
    // 20 req/s to /api/*; Prometheus's own scrapes are 0.2 req/s
    await("the load Job's traffic recorded").atMost(Duration.ofSeconds(120)).until(() ->
        prom.query("sum(rate(http_server_requests_seconds_count{namespace=\"" + ns + "\", job=\"" + DEMO
            + "\", uri=~\"/api/.*\"}[1m])) > 5").size() == 1);
    timings.add(lap("install to traffic recorded", installStart));
    await("no alert fires under normal traffic").during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(40))
        .untilAsserted(() -> assertThat(prom.firing()).as("alerts firing under normal traffic")
            .noneMatch(a -> a.startsWith("Demo")));
    // every panel of both dashboards (the demo's, and a service that is not a JVM) has data, healthy
    // (the budget panels may wait for the slow group's first evaluation, up to 5 minutes: the storm phase has them)
    dashboards.awaitTheServiceThatIsNotAJvm(prom);
    dashboards.measure(DashboardDataCases.HEALTHY, prom);
    timings.add(lap("install to every panel with data (healthy)", installStart));
  }

  @Test
  @Order(5)
  @DisplayName("5. routing: a rolling restart of pods that warm up pages nothing")
  void rollingRestart() throws Exception {
    routing.awaitRoutes();
    demoPod = routing.rollingRestartPagesNothing();
  }

  @Test
  @Order(6)
  @DisplayName("6. routing: a metrics endpoint that stops answering pages TargetDown and nothing else")
  void targetDown() throws Exception {
    routing.targetDownPagesOnlyTargetDown();
  }

  @Test
  @Order(7)
  @DisplayName("7. an error storm fires the alert, reaches Alertmanager, pages once and resolves")
  void errorStorm() throws Exception {
    stormStartedAt = Instant.now();
    faultsOff = storm();
    routing.stormPagedOnce(stormStartedAt);
  }

  @Test
  @Order(8)
  @DisplayName("8. the closed loop names broken set-ups and Prometheus down")
  void closedLoop() throws Exception {
    if (cases == null) {
      cases = new ClosedLoopCases(provider, timings);
    }
    cases.brokenSetUps();
    cases.prometheusDown();
    cases.cleanUp();
    if (stormStartedAt != null) {
      routing.reportStormResolution(stormStartedAt, faultsOff);
    }
  }

  /** Error storm: the generated alert fires and reaches Alertmanager; faults off, it resolves. */
  private long storm() throws Exception {
    if (prom == null) {
      prom = provider.prometheus();
    }
    // error storm (30 % errors, through the Service): the generated alert fires and reaches Alertmanager
    String demo = provider.demoUrl();
    AlertmanagerApi alertmanager = provider.alertmanager();
    long stormStart = System.nanoTime();
    LoadGenerator storm = load(demo, "errors", "10m");
    CompletableFuture<LoadGenerator.Report> stormRun = start(storm);
    try {
      await(ALERT + " firing").atMost(Duration.ofSeconds(240)).until(() -> prom.firing().contains(ALERT));
      timings.add(lap("error storm start to alert firing", stormStart));
      if (cases != null) {
        cases.firingIsCounted(System.nanoTime());
      }
      await(ALERT + " received by Alertmanager").atMost(Duration.ofSeconds(120)).until(() ->
          alertmanager.active(ALERT).stream().anyMatch(l -> ns.equals(l.path("namespace").asText())));
      timings.add(lap("error storm start to alert in Alertmanager", stormStart));
      AutoCloseable failing = dashboards.failRequests(prom); // the service that is not a JVM fails too
      try {
        dashboards.awaitBudgets(prom);
        timings.add(lap("install to both budgets recorded (slow group, every 5m)", installStart));
        dashboards.measure(DashboardDataCases.STORM, prom); // with errors, the error and alert panels have data too
      } finally {
        failing.close();
      }
      dashboards.printTable();
      dashboards.cleanUp();
    } finally {
      storm.stop(); // switches the faults off
      stormRun.get();
    }
    // faults off: the alert resolves (the Job's normal traffic goes on)
    long off = System.nanoTime();
    await(ALERT + " resolved").atMost(Duration.ofSeconds(300)).until(() -> !prom.firing().contains(ALERT));
    timings.add(lap("faults off to alert resolved", off));
    return off;
  }

  @Test
  @Order(9)
  @DisplayName("9. a named objective: one failing route pages its objective once, through Alertmanager")
  void routeFailingAlone() throws Exception {
    routing.routeFailingAlonePagesItsObjective();
    dashboards.measureObjective("checkout", prom != null ? prom : provider.prometheus());
  }

  @Test
  @Order(10)
  @DisplayName("10. the operator's pod deleted: its replacement converges without writing anything")
  void restartWritesNothing() throws Exception {
    for (Pod pod : admin.pods().inAnyNamespace().list().getItems()) {
      readySince(pod).ifPresent(ready -> System.out.printf("e2e pod | %-60s created to Ready %5.1f s%n",
              pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(),
              Duration.between(Instant.parse(pod.getMetadata().getCreationTimestamp()), ready).toMillis() / 1000.0));
    }
    for (Pod pod : List.of(operatorPod, demoPod)) {
      System.out.printf("e2e memory | %s: working set %.0f MiB after the storm (kubelet resource metrics)%n",
          pod.getMetadata().getName(), workingSetMiB(admin, pod));
    }
    // First the world must hold still: the demo's status unchanged for a while (alerts of the storm settling, the
    // last checks), else the new operator rightly writes what changed meanwhile
    // status takes new budgets every 5 minutes: restart right after it did, so the next is not due meanwhile
    await("the demo's budgets just refreshed").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2))
        .until(() -> {
          String at = admin.resources(ObservedService.class).inNamespace(ns).withName(DEMO).get().getStatus().budgetsAt;
          return at == null || Duration.between(Instant.parse(at), Instant.now()).toSeconds() < 60;
        });
    String[] version = {demoVersion(admin, ns)};
    await("the demo's ObservedService unchanged for 30 s").during(Duration.ofSeconds(30))
        .atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2)).until(() -> {
          String now = demoVersion(admin, ns);
          boolean same = now.equals(version[0]);
          version[0] = now;
          return same;
        });
    Map<String, Long> writesByResource = ApiServerWrites.byVerbAndResource(admin);
    long writesBefore = ApiServerWrites.count(admin, GENERATED);
    long restart = System.nanoTime();
    admin.pods().inNamespace(ns).withName(operatorPod.getMetadata().getName()).delete();
    Pod[] replacement = new Pod[1];
    await("a new operator pod Ready").atMost(Duration.ofSeconds(180)).until(() -> {
      replacement[0] = readyPod(admin, ns, "sightline-operator");
      return replacement[0] != null && !replacement[0].getMetadata().getName().equals(operatorPod.getMetadata().getName());
    });
    timings.add(lap("operator pod deleted to new pod Ready", restart));
    try (LocalPortForward metrics = admin.pods().inNamespace(ns).withName(replacement[0].getMetadata().getName()).portForward(8080)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics.getLocalPort() + "/metrics")).build();
      await("the new operator reconciled the ObservedService").atMost(Duration.ofSeconds(60)).until(() ->
          OperatorProcess.sum(http.send(get, HttpResponse.BodyHandlers.ofString()).body(),
              "operator_sdk_reconciliations_success_total") >= 1);
    }
    assertThat(ClusterProvider.readyCondition(admin, ns, DEMO)).isEqualTo("True");
    Map<String, Long> after = ApiServerWrites.byVerbAndResource(admin);
    Map<String, Long> diff = new java.util.TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - writesByResource.getOrDefault(k, 0L);
      if (d != 0) {
        diff.put(k, d);
      }
    });
    assertThat(ApiServerWrites.count(admin, GENERATED) - writesBefore)
        .as("writes to %s across the operator's restart (all writes meanwhile: %s)", GENERATED, diff).isZero();
  }

  @Test
  @Order(11)
  @DisplayName("11. helm uninstall removes everything")
  void uninstall() throws Exception {
    provider.helm().ok("uninstall", ClusterProvider.RELEASE, "--namespace", ns, "--wait");
    await("generated objects gone").atMost(Duration.ofSeconds(90)).until(() ->
        admin.resources(ServiceMonitor.class).inNamespace(ns).list().getItems().isEmpty()
            && admin.resources(PrometheusRule.class).inNamespace(ns).list().getItems().isEmpty()
            && admin.configMaps().inNamespace(ns).withLabel("app.kubernetes.io/managed-by", "sightline")
                .list().getItems().isEmpty());
    timings.add(lap("whole run", t0));
  }

  private static String demoVersion(KubernetesClient admin, String ns) {
    return admin.resources(ObservedService.class).inNamespace(ns).withName(DEMO).get().getMetadata()
        .getResourceVersion();
  }

  /** The component's one Ready pod; every container non-root, read-only root filesystem, memory limit. */
  static Pod assertRunsHardened(KubernetesClient admin, String ns, String component) {
    Pod pod = readyPod(admin, ns, component);
    assertThat(pod).as("a Ready %s pod", component).isNotNull();
    PodSecurityContext podSecurity = pod.getSpec().getSecurityContext();
    assertThat(podSecurity.getRunAsNonRoot()).as("%s runAsNonRoot", component).isTrue();
    for (Container c : pod.getSpec().getContainers()) {
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as("%s read-only root", c.getName()).isTrue();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(c.getResources().getLimits()).as("%s memory limit", c.getName()).containsKey("memory");
    }
    return pod;
  }

  /** The pod's containers' memory working set, from the kubelet's resource metrics (what limits act on). */
  static double workingSetMiB(KubernetesClient admin, Pod pod) {
    String metrics = admin.raw("/api/v1/nodes/" + pod.getSpec().getNodeName() + "/proxy/metrics/resource");
    String labels = "namespace=\"" + pod.getMetadata().getNamespace() + "\",pod=\"" + pod.getMetadata().getName() + "\"";
    double bytes = metrics.lines().filter(l -> l.startsWith("container_memory_working_set_bytes{") && l.contains(labels))
        .mapToDouble(l -> Double.parseDouble(l.split(" ")[1])).sum();
    assertThat(bytes).as("working set of %s in %n%s", pod.getMetadata().getName(), metrics).isPositive();
    return bytes / (1024 * 1024);
  }

  static Pod readyPod(KubernetesClient admin, String ns, String name) {
    return admin.pods().inNamespace(ns).withLabel("app.kubernetes.io/name", name).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> readySince(p).isPresent())
        .findFirst().orElse(null);
  }

  /** When the pod became Ready, if it is. */
  static Optional<Instant> readySince(Pod pod) {
    return pod.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
        .map(c -> Instant.parse(c.getLastTransitionTime())).findFirst();
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
