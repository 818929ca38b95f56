package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.reconcile.StatusUpdater;
import dev.sightline.operator.render.GrafanaQueries;
import dev.sightline.operator.render.GrafanaSchema;
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

  private final ClusterProvider provider;
  private final KubernetesClient admin;
  private final String ns;
  private final Path dir;
  /** service -> panel -> phase -> series returned (summed over the panel's queries) and query count */
  private final Map<String, Map<String, Map<String, Integer>>> series = new LinkedHashMap<>();
  /** service -> panel -> phase -> series with a value other than 0 */
  private final Map<String, Map<String, Map<String, Integer>>> nonZero = new LinkedHashMap<>();
  private final Map<String, Map<String, Integer>> queryCounts = new LinkedHashMap<>();

  DashboardDataCases(ClusterProvider provider, Path dir) {
    this.provider = provider;
    this.admin = provider.admin();
    this.ns = provider.namespace();
    this.dir = dir;
  }

  /** A Prometheus server as a service of the team's (not a JVM), and its ObservedService with a custom convention. */
  void deployTheServiceThatIsNotAJvm(String prometheusVersion) {
    String yaml = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: %1$s}
        data: {prometheus.yml: "global: {}\\n"}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %1$s, labels: {app: %1$s}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: %1$s}}
          template:
            metadata: {labels: {app: %1$s}}
            spec:
              securityContext: {runAsNonRoot: true, runAsUser: 65534, fsGroup: 65534}
              containers:
                - name: prometheus
                  image: quay.io/prometheus/prometheus:%2$s
                  imagePullPolicy: IfNotPresent
                  args: [--config.file=/etc/prometheus/prometheus.yml, --storage.tsdb.path=/prometheus]
                  ports: [{name: web, containerPort: 9090}]
                  readinessProbe: {httpGet: {path: /-/ready, port: web}}
                  securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}
                  resources:
                    requests: {cpu: 20m, memory: 64Mi}
                    limits: {cpu: 500m, memory: 256Mi}
                  volumeMounts:
                    - {name: config, mountPath: /etc/prometheus}
                    - {name: data, mountPath: /prometheus}
              volumes:
                - {name: config, configMap: {name: %1$s}}
                - {name: data, emptyDir: {}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: %1$s, labels: {app: %1$s}}
        spec:
          selector: {app: %1$s}
          ports: [{name: web, port: 9090, targetPort: web}]
        """.formatted(OTHER, prometheusVersion);
    admin.load(new java.io.ByteArrayInputStream(yaml.getBytes())).inNamespace(ns).serverSideApply();
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
      var monitored = ClusterProvider.condition(admin, ns, OTHER, StatusUpdater.MONITORED);
      return monitored != null && "True".equals(monitored.getStatus());
    });
    await(OTHER + " requests recorded").atMost(Duration.ofSeconds(120)).until(() ->
        !prom.query("rate(prometheus_http_requests_total{namespace=\"" + ns + "\", job=\"" + OTHER + "\"}[1m]) > 0")
            .isEmpty());
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
      if (!series.containsKey(service)) { // the schema once per dashboard: it does not change with the phase
        Path file = dir.resolve(service + "-dashboard.json");
        Files.writeString(file, dashboard.toString());
        for (GrafanaSchema.Report r : GrafanaSchema.check(List.of(file))) {
          System.out.println("e2e dashboard schema | " + r.output().strip());
          assertThat(r.clean()).as("%s on the %s dashboard in the cluster:%n%s", r.checker(), service, r.output()).isTrue();
        }
      }
      Map<String, String> values = GrafanaQueries.defaults(dashboard, RATE_INTERVAL);
      assertThat(values.get("namespace")).isEqualTo(ns);
      List<String> empty = new ArrayList<>();
      Map<String, Map<String, Integer>> panels = series.computeIfAbsent(service, s -> new LinkedHashMap<>());
      Map<String, Integer> counts = queryCounts.computeIfAbsent(service, s -> new LinkedHashMap<>());
      Map<String, Integer> found = new LinkedHashMap<>();
      Map<String, Integer> nonZero = new LinkedHashMap<>();
      for (GrafanaQueries.PanelQuery q : GrafanaQueries.panelQueries(dashboard)) {
        JsonNode result = prom.query(GrafanaQueries.substitute(q.expr(), values));
        found.merge(q.panel(), result.size(), Integer::sum);
        int notZero = 0;
        for (JsonNode r : result) {
          notZero += r.at("/value/1").asDouble() != 0 ? 1 : 0;
        }
        nonZero.merge(q.panel(), notZero, Integer::sum);
        if (result.isEmpty()) {
          empty.add(q.panel() + " " + q.refId() + ": " + q.expr());
        }
      }
      nonZero.forEach((panel, n) -> this.nonZero.computeIfAbsent(service, s -> new LinkedHashMap<>())
          .computeIfAbsent(panel, p -> new LinkedHashMap<>()).put(phase, n));
      counts.clear();
      GrafanaQueries.panelQueries(dashboard).forEach(q -> counts.merge(q.panel(), 1, Integer::sum));
      found.forEach((panel, n) -> panels.computeIfAbsent(panel, p -> new LinkedHashMap<>()).put(phase, n));
      System.out.printf("e2e dashboard | %s, %s: %d panel queries, %d without series%n", service, phase,
          GrafanaQueries.panelQueries(dashboard).size(), empty.size());
      assertThat(empty).as("%s dashboard, %s: panel queries without series", service, phase).isEmpty();
      if (phase.equals(STORM)) { // the failures show: errors by route, and the demo's alert Firing
        assertThat(nonZero.get("Errors by route")).as("%s: routes with errors in the storm", service).isPositive();
        if (service.equals(ClusterProvider.DEMO)) {
          assertThat(nonZero.get("Alerts")).as("the demo's alerts Firing in the storm").isPositive();
        }
      }
    }
  }

  /** The measured table: panel, query count, series (of them not 0) healthy and during the storm. */
  void printTable() {
    series.forEach((service, panels) -> {
      System.out.println("e2e dashboard | " + service + " | panel | queries | series healthy (not 0) | series storm (not 0)");
      panels.forEach((panel, phases) -> {
        Map<String, Integer> nz = nonZero.get(service).get(panel);
        System.out.printf("e2e dashboard | %s | %s | %d | %d (%d) | %d (%d)%n", service, panel,
            queryCounts.get(service).get(panel), phases.getOrDefault(HEALTHY, -1), nz.getOrDefault(HEALTHY, -1),
            phases.getOrDefault(STORM, -1), nz.getOrDefault(STORM, -1));
      });
    });
  }

  private JsonNode dashboard(String service) throws Exception {
    var cm = admin.configMaps().inNamespace(ns).withName(service + "-dashboard").get();
    assertThat(cm).as("%s-dashboard ConfigMap", service).isNotNull();
    return new ObjectMapper().readTree(cm.getData().values().iterator().next());
  }
}
