package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.render.rules.RecordingRules;
import dev.sightline.operator.status.StatusBuilder;
import dev.sightline.testsupport.GrafanaQueries;
import dev.sightline.testsupport.GrafanaSchema;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every panel shows data, measured: the dashboards as the operator wrote them into the cluster, checked
 * with Grafana's published schema ({@link GrafanaSchema}), then every query of every panel run against the
 * real Prometheus with the variables Grafana gives them on first load, for the demo (micrometer, a JVM) and
 * for a service that is not a JVM (a Prometheus server deployed here, observed with {@code convention:
 * custom} on its own HTTP metrics), while healthy and during the error storm. The per-panel series counts
 * are printed as {@code e2e dashboard |} lines.
 */
final class DashboardDataCases {
  static final String OTHER = "prom-self";
  static final String HEALTHY = "healthy";
  static final String STORM = "storm";
  private static final String RATE_INTERVAL = "1m";

  private final KubernetesClient admin;
  private final String ns;
  private final Path dir;
  /** service -> panel -> what its queries returned, per phase */
  private final Map<String, Map<String, PanelData>> measured = new LinkedHashMap<>();

  /** One panel: its query count, and per phase the series its queries returned and how many of them are not 0. */
  private record PanelData(int queries, Map<String, int[]> phases) {
    int series(String phase) {
      return phases.getOrDefault(phase, new int[] {-1, -1})[0];
    }

    int notZero(String phase) {
      return phases.getOrDefault(phase, new int[] {-1, -1})[1];
    }
  }

  DashboardDataCases(ClusterProvider provider, Path dir) {
    this.admin = provider.admin();
    this.ns = provider.namespace();
    this.dir = dir;
  }

  /** A Prometheus server as a service of the team's (not a JVM), and its ObservedService with a custom convention. */
  void deployTheServiceThatIsNotAJvm(String prometheusVersion) {
    PlainPrometheus.apply(admin, ns, OTHER, prometheusVersion, Map.of("prometheus.yml", "global: {}\n"));
    ObservedService o = Serialization.unmarshal("""
        apiVersion: sightline.dev/v1alpha1
        kind: ObservedService
        metadata: {name: %s}
        spec:
          port: web
          interval: 5s
          scrapeTimeout: 4s
          metrics:
            convention: custom
            errorStatusRegex: "4..|5.."
            custom:
              requestsTotal: prometheus_http_requests_total
              durationHistogram: prometheus_http_request_duration_seconds
              statusLabel: code
              routeLabel: handler
          objectives:
            availability: 99
            latency: {threshold: 100ms, target: 99}
        """.formatted(OTHER), ObservedService.class);
    admin.resources(ObservedService.class).inNamespace(ns).resource(o).create();
  }

  /** The non-JVM service is scraped and its requests recorded (its own /metrics, every 5 s). */
  void awaitTheServiceThatIsNotAJvm(PrometheusApi prom) {
    await(OTHER + " Monitored").atMost(ClosedLoopCases.DEADLINE).until(() -> {
      var monitored = ClusterProvider.condition(admin, ns, OTHER, StatusBuilder.MONITORED);
      return monitored != null && "True".equals(monitored.getStatus());
    });
    await(OTHER + " requests recorded").atMost(Duration.ofSeconds(120)).until(() ->
        !prom.query("rate(prometheus_http_requests_total{namespace=\"" + ns + "\", job=\"" + OTHER + "\"}[1m]) > 0")
            .isEmpty());
  }

  /** Whether a panel query reads the budgets, which the slow rule group records. */
  private static boolean readsBudgets(GrafanaQueries.PanelQuery q) {
    return q.expr().contains(":error_budget_remaining");
  }

  /**
   * Whether the slow group has recorded both of a service's budgets yet (its first evaluation may be 5 minutes off,
   * and one evaluation may record the availability budget but not yet the latency one: on kind, prom-self's first
   * slow evaluation came before its latency rate had two samples).
   */
  private boolean budgetsRecorded(PrometheusApi prom, String service) throws Exception {
    for (String slo : List.of("availability", "latency")) {
      if (prom.query(RecordingRules.budgetRemaining(slo) + "{namespace=\"" + ns + "\", job=\"" + service + "\"}")
          .size() != 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * Both services' budgets recorded: they are in the slow rule group, evaluated every 5 minutes, whose first
   * evaluation after the rule file loads may be that far off.
   */
  void awaitBudgets(PrometheusApi prom) {
    for (String service : List.of(ClusterProvider.DEMO, OTHER)) {
      await(service + "'s budgets recorded (the slow group's first evaluation)").atMost(Duration.ofSeconds(420))
          .pollInterval(Duration.ofSeconds(5)).until(() -> budgetsRecorded(prom, service));
    }
  }

  /**
   * The non-JVM service fails requests (bad queries answer 400, sent through the API server's service proxy,
   * five a second) until the returned handle is closed; returns once Prometheus has their rate.
   */
  AutoCloseable failRequests(PrometheusApi prom) {
    java.util.concurrent.atomic.AtomicBoolean on = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread sender = new Thread(() -> {
      while (on.get()) {
        try {
          admin.raw("/api/v1/namespaces/" + ns + "/services/" + OTHER + ":web/proxy/api/v1/query?query=%28");
        } catch (RuntimeException expected) { // the proxy passes the 400 on
        }
        java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L); // pacing the load, not synchronising
      }
    }, "fail-" + OTHER);
    sender.start();
    await(OTHER + "'s failing requests in Prometheus").atMost(Duration.ofSeconds(90)).until(() ->
        !prom.query("sum(rate(prometheus_http_requests_total{namespace=\"" + ns + "\", job=\"" + OTHER
            + "\", code=~\"4..\"}[1m])) > 0").isEmpty());
    return () -> {
      on.set(false);
      sender.join(5_000);
    };
  }

  /** The non-JVM service and its ObservedService removed (they are not the chart's). */
  void cleanUp() {
    admin.resources(ObservedService.class).inNamespace(ns).withName(OTHER).delete();
    admin.apps().deployments().inNamespace(ns).withName(OTHER).delete();
    admin.services().inNamespace(ns).withName(OTHER).delete();
    admin.configMaps().inNamespace(ns).withName(OTHER).delete();
    await(OTHER + "'s generated objects gone").atMost(Duration.ofSeconds(60)).until(() ->
        admin.configMaps().inNamespace(ns).withName(OTHER + "-dashboard").get() == null);
  }

  /** Both dashboards, read from the cluster: Grafana's schema, then every panel query with data. */
  void measure(String phase, PrometheusApi prom) throws Exception {
    for (String service : List.of(ClusterProvider.DEMO, OTHER)) {
      JsonNode dashboard = dashboard(service);
      if (!measured.containsKey(service)) { // the schema once per dashboard: it does not change with the phase
        Path file = dir.resolve(service + "-dashboard.json");
        Files.writeString(file, dashboard.toString());
        for (GrafanaSchema.Report r : GrafanaSchema.check(List.of(file))) {
          System.out.println("e2e dashboard schema | " + r.output().strip());
          assertThat(r.clean()).as("%s on the %s dashboard in the cluster:%n%s", r.checker(), service, r.output()).isTrue();
        }
      }
      Map<String, String> values = GrafanaQueries.defaults(dashboard, RATE_INTERVAL);
      assertThat(values.get("namespace")).isEqualTo(ns);
      List<GrafanaQueries.PanelQuery> queries = GrafanaQueries.panelQueries(dashboard);
      Map<String, PanelData> panels = measured.computeIfAbsent(service, s -> new LinkedHashMap<>());
      List<String> empty = new ArrayList<>();
      // healthy: the budget panels may still wait for the slow group's first evaluation
      boolean budgetsPending = phase.equals(HEALTHY) && !budgetsRecorded(prom, service);
      for (GrafanaQueries.PanelQuery q : queries) {
        JsonNode result = prom.query(GrafanaQueries.substitute(q.expr(), values));
        int notZero = 0;
        for (JsonNode r : result) {
          notZero += r.at("/value/1").asDouble() != 0 ? 1 : 0;
        }
        PanelData panel = panels.computeIfAbsent(q.panel(), t -> new PanelData(
            (int) queries.stream().filter(other -> other.panel().equals(t)).count(), new LinkedHashMap<>()));
        int[] counts = panel.phases().computeIfAbsent(phase, ph -> new int[2]);
        counts[0] += result.size();
        counts[1] += notZero;
        if (result.isEmpty() && !(budgetsPending && readsBudgets(q))) {
          empty.add(q.panel() + " " + q.refId() + ": " + q.expr());
        }
      }
      System.out.printf("e2e dashboard | %s, %s: %d panel queries, %d without series%n", service, phase,
          queries.size(), empty.size());
      assertThat(empty).as("%s dashboard, %s: panel queries without series", service, phase).isEmpty();
      if (phase.equals(STORM)) { // the failures show: errors by route, and the demo's alert Firing
        assertThat(panels.get("Errors by route").notZero(STORM)).as("%s: routes with errors in the storm", service)
            .isPositive();
        if (service.equals(ClusterProvider.DEMO)) {
          assertThat(panels.get("Alerts").notZero(STORM)).as("the demo's alerts Firing in the storm").isPositive();
        }
      }
    }
  }

  /**
   * The demo's dashboard after a named objective was added: Grafana's schema again, and every query of the
   * objective's row (those selecting its slo) has series.
   */
  void measureObjective(String slo, PrometheusApi prom) throws Exception {
    JsonNode dashboard = dashboard(ClusterProvider.DEMO);
    Path file = dir.resolve(ClusterProvider.DEMO + "-" + slo + "-dashboard.json");
    Files.writeString(file, dashboard.toString());
    for (GrafanaSchema.Report r : GrafanaSchema.check(List.of(file))) {
      assertThat(r.clean()).as("%s on the dashboard with objective %s:%n%s", r.checker(), slo, r.output()).isTrue();
    }
    Map<String, String> values = GrafanaQueries.defaults(dashboard, RATE_INTERVAL);
    List<GrafanaQueries.PanelQuery> queries = GrafanaQueries.panelQueries(dashboard).stream()
        .filter(q -> q.expr().contains("slo=\"" + slo + "\"")).toList();
    assertThat(queries).as("queries of objective %s's row", slo).hasSizeGreaterThanOrEqualTo(5);
    List<String> empty = new ArrayList<>();
    for (GrafanaQueries.PanelQuery q : queries) {
      if (prom.query(GrafanaQueries.substitute(q.expr(), values)).isEmpty()) {
        empty.add(q.panel() + " " + q.refId() + ": " + q.expr());
      }
    }
    System.out.printf("e2e dashboard | %s, objective %s: %d panel queries, %d without series%n", ClusterProvider.DEMO,
        slo, queries.size(), empty.size());
    assertThat(empty).as("objective %s's panel queries without series", slo).isEmpty();
  }

  /** The measured table: panel, query count, series (of them not 0) healthy and during the storm. */
  void printTable() {
    measured.forEach((service, panels) -> {
      System.out.println("e2e dashboard | " + service + " | panel | queries | series healthy (not 0) | series storm (not 0)");
      panels.forEach((panel, d) -> System.out.printf("e2e dashboard | %s | %s | %d | %d (%d) | %d (%d)%n", service,
          panel, d.queries(), d.series(HEALTHY), d.notZero(HEALTHY), d.series(STORM), d.notZero(STORM)));
    });
  }

  private JsonNode dashboard(String service) throws Exception {
    var cm = admin.configMaps().inNamespace(ns).withName(service + "-dashboard").get();
    assertThat(cm).as("%s-dashboard ConfigMap", service).isNotNull();
    return new ObjectMapper().readTree(cm.getData().values().iterator().next());
  }
}
