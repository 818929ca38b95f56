package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.demo.LoadGenerator;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sharded topology end to end on the local node (CI's sharded lane, .ci/sharded): the monitoring stack grown
 * by e2e/scripts/thanos.sh into a Prometheus with two shards and Thanos sidecars, a Thanos Querier and a
 * ThanosRuler sending to the same Alertmanager; the sightline-stack chart installed as users install it, the
 * demo scaled until its pods land on both shards. Asserts that the status names the ThanosRuler, that the SLO
 * series and the budget the ThanosRuler records through Thanos equal what an unsharded Prometheus scraping the
 * same pods computes (a plain Prometheus, not a resource of prometheus-operator, so Sightline's selection does
 * not see it), while one shard alone sees part of the traffic, and that an error storm on every pod pages
 * exactly once through the ThanosRuler.
 *
 * <p>Shortened for the test as in {@link EndToEndIT}: 5 s scrapes, HighErrorRate after 2 min, checks every 5 s,
 * Alertmanager's timings in seconds ({@link RoutingCases}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(EndToEndIT.Failures.class)
class ShardedIT {
  static final String DEMO = ClusterProvider.DEMO;
  static final String MONITORING = ClusterProvider.MONITORING;
  static final String PROMETHEUS = "kube-prometheus-stack-prometheus";
  static final String RULER = "ThanosRuler monitoring/global";
  static final String REFERENCE = "reference-prometheus";
  /** The demo is scaled one pod at a time up to this until both shards scrape some of its pods. */
  static final int MAX_REPLICAS = 8;
  /**
   * Relative tolerance of the comparison with the reference. Both evaluate the same expression at the same instant
   * over counters of the same pods, scraped every 5 s at different moments: rate() extrapolates each to its window's
   * edges, which while the load or the storm ramps up (the comparisons run minutes into each) differs by up to
   * the ramp's slope times one scrape interval, a few percent of a 5m rate. A shard alone is off by its share of the
   * pods (a half or more here); the largest difference seen is printed.
   */
  static final double TOLERANCE = 0.10;
  static final String ERRORS = "{\"*\":{\"errorRate\":0.3}}";

  private final List<String> timings = new ArrayList<>();
  private long t0;
  private KubeconfigCluster provider;
  private KubernetesClient admin;
  private String ns;
  private RoutingCases routing;
  private PrometheusApi ruler;
  private PrometheusApi query;
  private PrometheusApi reference;
  private final Map<String, PrometheusApi> shards = new TreeMap<>();
  /** record name -> expression, as Sightline rendered them into the demo's PrometheusRule. */
  private final Map<String, String> recorded = new LinkedHashMap<>();
  private int replicas;
  private double largestDifference;

  @BeforeAll
  void clusterUp(@TempDir Path dir) throws Exception {
    t0 = System.nanoTime();
    provider = LocalNode.start(dir, LocalNode.Topology.SHARDED);
    admin = provider.admin();
    ns = provider.namespace();
    timings.add(EndToEndIT.lap("node, monitoring stack and Thanos up", t0));
  }

  @AfterAll
  void clusterDown() {
    if (provider == null) {
      return;
    }
    try {
      if (routing != null) {
        routing.close();
      }
      if (EndToEndIT.Failures.any) {
        provider.printLogs(System.out);
      }
      System.out.printf("e2e sharded | largest difference from the reference: %.2f %%%n", 100 * largestDifference);
      timings.forEach(t -> System.out.println("e2e timing | " + t));
    } finally {
      provider.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("1. helm install; the demo scaled until both Prometheus shards scrape some of its pods")
  void installOnBothShards() throws Exception {
    long install = System.nanoTime();
    // no load yet: it starts once the reference scrapes too, so both have recorded the same traffic (step 3)
    provider.installStack("demo-app.observedService.scrapeInterval=5s", "demo-app.observedService.scrapeTimeout=4s",
        "demo-app.observedService.alerts.tuning.highErrorRate.for=2m",
        "demo-app.observedService.alerts.tuning.highErrorRate.keepFiringFor=0s",
        "sightline-operator.checks.interval=5s");
    timings.add(EndToEndIT.lap("helm install --wait (pods Ready)", install));
    routing = new RoutingCases(provider, timings);
    routing.enable();
    ruler = provider.prometheusApi(MONITORING, "thanos-ruler-operated", 10902);
    query = provider.prometheusApi(MONITORING, "thanos-query", 10902);
    for (Pod pod : admin.pods().inNamespace(MONITORING).withLabel("operator.prometheus.io/name", PROMETHEUS).list()
        .getItems()) {
      shards.put(pod.getMetadata().getLabels().get("operator.prometheus.io/shard"),
          provider.prometheusPod(MONITORING, pod.getMetadata().getName(), 9090));
    }
    assertThat(shards).as("shards of Prometheus %s", PROMETHEUS).containsOnlyKeys("0", "1");
    String up = "up{namespace=\"" + ns + "\", job=\"" + DEMO + "\"} == 1";
    Map<String, Integer> perShard = new TreeMap<>();
    for (replicas = 1; replicas <= MAX_REPLICAS; replicas++) {
      admin.apps().deployments().inNamespace(ns).withName(DEMO).scale(replicas, true);
      int want = replicas;
      await(want + " demo targets up across the shards").atMost(Duration.ofSeconds(120)).until(() -> {
        perShard.clear();
        for (var shard : shards.entrySet()) {
          perShard.put(shard.getKey(), shard.getValue().query(up).size());
        }
        return perShard.values().stream().mapToInt(Integer::intValue).sum() == want;
      });
      if (perShard.values().stream().allMatch(n -> n > 0)) {
        break;
      }
    }
    System.out.printf("e2e sharded | %d demo pods, scraped per shard: %s%n", replicas, perShard);
    assertThat(perShard.values()).as("demo targets per shard with %d pods", replicas).allMatch(n -> n > 0);
    timings.add(EndToEndIT.lap("install to demo pods on both shards", install));
  }

  @Test
  @Order(2)
  @DisplayName("2. the status names the ThanosRuler; Scraped counts the targets of both shards; no shard evaluates")
  void statusNamesTheRuler() throws Exception {
    String[] messages = new String[4];
    // the check cycle runs every 5 s: its last answer counts the pods of the last scale-up
    await("Monitored, naming the ThanosRuler, every target counted").atMost(Duration.ofSeconds(180))
        .untilAsserted(() -> {
          Condition monitored = ClusterProvider.condition(admin, ns, DEMO, StatusBuilder.MONITORED);
          assertThat(monitored).isNotNull();
          messages[0] = monitored.getMessage();
          messages[1] = ClusterProvider.condition(admin, ns, DEMO, StatusBuilder.SELECTED).getMessage();
          messages[2] = ClusterProvider.condition(admin, ns, DEMO, StatusBuilder.RULES_LOADED).getMessage();
          messages[3] = ClusterProvider.condition(admin, ns, DEMO, StatusBuilder.SCRAPED).getMessage();
          assertThat(monitored.getStatus()).as(monitored.getMessage()).isEqualTo("True");
          assertThat(messages[1]).contains("ServiceMonitor selected by Prometheus monitoring/" + PROMETHEUS,
              "PrometheusRule by " + RULER, "release=kube-prometheus-stack on the ServiceMonitor",
              "thanos-ruler=global on the PrometheusRule");
          assertThat(messages[2]).contains("loaded in " + RULER);
          assertThat(messages[3]).contains(replicas + "/" + replicas + " targets up in Prometheus monitoring/"
              + PROMETHEUS);
        });
    System.out.printf("e2e sharded | Monitored: %s%ne2e sharded | Selected: %s%ne2e sharded | RulesLoaded: %s%n"
        + "e2e sharded | Scraped: %s%n", (Object[]) messages);
    PrometheusRule rule = admin.resources(PrometheusRule.class).inNamespace(ns).withName(DEMO).get();
    assertThat(rule.getMetadata().getLabels()).containsEntry("thanos-ruler", "global").doesNotContainKey("release");
    assertThat(admin.resources(ServiceMonitor.class).inNamespace(ns).withName(DEMO).get().getMetadata().getLabels())
        .containsEntry("release", "kube-prometheus-stack");
    assertThat(ruler.ruleGroups()).contains("sightline." + DEMO, "sightline." + DEMO + ".slow");
    for (var shard : shards.entrySet()) {
      assertThat(shard.getValue().ruleGroups()).as("rule groups of shard %s", shard.getKey())
          .noneMatch(g -> g.startsWith("sightline."));
    }
    rule.getSpec().getGroups().forEach(g -> g.getRules().stream().filter(r -> r.getRecord() != null)
        .forEach(r -> recorded.put(r.getRecord(), expr(r))));
  }

  @Test
  @Order(3)
  @DisplayName("3. normal traffic: what the ThanosRuler records through Thanos equals an unsharded Prometheus's; one shard sees part")
  void normalTrafficEqualsTheReference() throws Exception {
    long start = System.nanoTime();
    deployTheReference();
    reference = provider.prometheusApi(ns, REFERENCE, 9090);
    String up = "up{namespace=\"" + ns + "\", job=\"" + DEMO + "\"} == 1";
    await("the reference scrapes every demo pod and loaded the rules").atMost(Duration.ofSeconds(180)).until(() ->
        reference.ready() && reference.query(up).size() == replicas
            && reference.ruleGroups().contains("sightline." + DEMO + ".slow"));
    timings.add(EndToEndIT.lap("reference Prometheus scraping", start));
    // the load Job, as the chart runs it (its replica count kept: helm would scale the demo back)
    provider.helm().ok("upgrade", ClusterProvider.RELEASE, Helm.chart("sightline-stack").toString(), "--namespace", ns,
        "--reuse-values", "--set", "demo-app.replicaCount=" + replicas, "--set", "demo-app.loadGenerator.enabled=true",
        "--set", "demo-app.loadGenerator.duration=30m");
    String requests = "namespace_job:sightline_http_requests:rate5m";
    // compared at one instant, the rates need not be steady: a quarter of the load's rate in their 5m window will do
    await("the load recorded by the ThanosRuler").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(5))
        .until(() -> value(query, select(requests) + " > 5").isPresent());
    timings.add(EndToEndIT.lap("reference up to load recorded", start));
    compareWithTheReference(List.of(requests, "namespace_job:sightline_http_errors:ratio_rate5m"));
    // the control: one shard alone, as a sharded Prometheus evaluating the rules would see the service
    double total = value(reference, exprOf(requests)).orElseThrow();
    for (var shard : shards.entrySet()) {
      double part = value(shard.getValue(), exprOf(requests)).orElse(0.0);
      System.out.printf("e2e sharded | shard %s alone: %.2f req/s of %.2f (%.0f %%)%n", shard.getKey(), part, total,
          100 * part / total);
      assertThat(part).as("what shard %s alone computes, against %.2f", shard.getKey(), total)
          .isLessThan(total * (1 - TOLERANCE));
    }
  }

  @Test
  @Order(4)
  @DisplayName("4. an error storm on every pod: pages once through the ThanosRuler; error ratios and budget equal the reference's; status counts the alert and shows the budget")
  void stormThroughTheRuler() throws Exception {
    routing.awaitRoutes();
    Instant stormStart = Instant.now();
    long storm = System.nanoTime();
    faults(ERRORS);
    try {
      try {
        await(EndToEndIT.ALERT + " firing in the ThanosRuler").atMost(Duration.ofSeconds(240))
            .until(() -> ruler.firing().contains(EndToEndIT.ALERT));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        printRulerState();
        throw e;
      }
      timings.add(EndToEndIT.lap("error storm start to alert firing (ThanosRuler)", storm));
      await("status.firing counts the ThanosRuler's alert").atMost(Duration.ofSeconds(60)).until(() -> {
        var status = admin.resources(ObservedService.class).inNamespace(ns).withName(DEMO).get().getStatus();
        return status.firing != null && status.firing >= 1;
      });
      await(EndToEndIT.ALERT + " received by Alertmanager").atMost(Duration.ofSeconds(120)).until(() ->
          provider.alertmanager().active(EndToEndIT.ALERT).stream().anyMatch(l -> ns.equals(l.path("namespace").asText())));
      String budget = "namespace_job:sightline_slo_availability:error_budget_remaining";
      // the slow group runs every 5 minutes: both have recorded a budget the storm has spent
      await("a spent budget recorded by both").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(5))
          .until(() -> value(query, select(budget) + " < 0.99").isPresent()
              && value(reference, select(budget) + " < 0.99").isPresent());
      timings.add(EndToEndIT.lap("error storm start to budgets recorded", storm));
      compareWithTheReference(recorded.keySet().stream().filter(r -> r.contains("errors") || r.equals(budget)).toList());
      // the closed loop reads the ThanosRuler's budget through the Querier the ThanosRuler queries (its
      // queryEndpoints), as it reads a Prometheus's from the Prometheus
      await("status.objectives shows a budget the ThanosRuler recorded").atMost(Duration.ofSeconds(60)).until(() -> {
        // the status takes new budgets every 5 minutes, the slow group records one every 5 minutes: one of the last
        List<String> recent = new ArrayList<>();
        for (JsonNode sample : query.query(select(budget) + "[15m]").get(0).path("values")) {
          recent.add(Math.round(sample.get(1).asDouble() * 100) + "%");
        }
        var status = admin.resources(ObservedService.class).inNamespace(ns).withName(DEMO).get().getStatus();
        return status.objectives != null && status.objectives.stream().anyMatch(o -> recent.contains(o.budgetRemaining));
      });
    } finally {
      faults("{}");
    }
    long off = System.nanoTime();
    await(EndToEndIT.ALERT + " resolved in the ThanosRuler").atMost(Duration.ofSeconds(300))
        .until(() -> !ruler.firing().contains(EndToEndIT.ALERT));
    timings.add(EndToEndIT.lap("faults off to alert resolved", off));
    routing.stormPagedOnce(stormStart);
  }

  /**
   * Every named series as the ThanosRuler recorded it (read through the Querier, value and the time it was
   * evaluated at) against the reference's evaluation of the same expression at that instant, and the
   * reference's recorded sample against the Querier's evaluation, within {@link #TOLERANCE}. Budgets are
   * compared as the part spent.
   */
  private void compareWithTheReference(List<String> records) throws Exception {
    for (String record : records) {
      compare(record, query, "Thanos", reference, "reference");
      compare(record, reference, "reference", query, "Thanos");
    }
  }

  private void compare(String record, PrometheusApi recordedBy, String who, PrometheusApi evaluatedBy, String other)
      throws Exception {
    JsonNode sample = recordedBy.query("timestamp(" + select(record) + ")").get(0);
    double at = sample.at("/value/1").asDouble();
    double mine = value(recordedBy, select(record), at).orElseThrow();
    double theirs = value(evaluatedBy, exprOf(record), at).orElseThrow(
        () -> new AssertionError(other + " has no value for " + record + " at " + at));
    boolean budget = record.endsWith("error_budget_remaining");
    double a = budget ? 1 - mine : mine;
    double b = budget ? 1 - theirs : theirs;
    double difference = Math.abs(a - b) / Math.max(Math.max(Math.abs(a), Math.abs(b)), 1e-12);
    System.out.printf("e2e sharded | %-65s recorded by %-9s %12.6f | %-9s at that instant %12.6f | %5.2f %%%n",
        record, who, mine, other, theirs, 100 * difference);
    largestDifference = Math.max(largestDifference, difference);
    assertThat(Math.abs(a - b)).as("%s recorded by %s (%s) against %s at %s (%s)", record, who, mine, other, at, theirs)
        .isLessThanOrEqualTo(TOLERANCE * Math.max(Math.abs(a), Math.abs(b)) + 1e-9);
  }

  /** What the ThanosRuler evaluates and how (each rule's health, last error and evaluation), and its alerts. */
  private void printRulerState() throws Exception {
    for (JsonNode g : ruler.raw("/api/v1/rules").at("/data/groups")) {
      if (g.path("name").asText().startsWith("sightline.")) {
        System.out.printf("e2e sharded | ThanosRuler group %s: last evaluation %s, took %s s%n", g.path("name").asText(),
            g.path("lastEvaluation").asText(), g.path("evaluationTime").asText());
        for (JsonNode r : g.path("rules")) {
          if (!"ok".equals(r.path("health").asText()) || r.path("name").asText().endsWith("HighErrorRate")) {
            System.out.printf("e2e sharded |   %s: health %s, state %s, last error %s%n", r.path("name").asText(),
                r.path("health").asText(), r.path("state").asText(), r.path("lastError").asText());
          }
        }
      }
    }
    System.out.println("e2e sharded | ThanosRuler alerts: " + ruler.raw("/api/v1/alerts").path("data"));
    for (String record : List.of("namespace_job:sightline_http_errors:ratio_rate2m",
        "namespace_job:sightline_http_requests:rate5m")) {
      System.out.println("e2e sharded | through the Querier: " + record + " = " + value(query, select(record)));
    }
  }

  /** The demo's one series of a record. */
  private String select(String record) {
    return record + "{namespace=\"" + ns + "\", job=\"" + DEMO + "\"}";
  }

  private String exprOf(String record) {
    assertThat(recorded).containsKey(record);
    return recorded.get(record);
  }

  private static String expr(Rule r) {
    return r.getExpr().getStrVal() != null ? r.getExpr().getStrVal() : String.valueOf(r.getExpr().getIntVal());
  }

  private static java.util.Optional<Double> value(PrometheusApi api, String promql) throws Exception {
    var result = api.query(promql);
    return result.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(result.get(0).at("/value/1").asDouble());
  }

  private static java.util.Optional<Double> value(PrometheusApi api, String promql, double at) throws Exception {
    var result = api.query(promql, at);
    return result.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(result.get(0).at("/value/1").asDouble());
  }

  /** The demo's fault injection set on every pod (through each pod's own port: a Service would reach one). */
  private void faults(String json) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (Pod pod : admin.pods().inNamespace(ns).withLabel("app.kubernetes.io/name", "demo-app").list().getItems()) {
      try (LocalPortForward f = admin.pods().inNamespace(ns).withName(pod.getMetadata().getName()).portForward(8080)) {
        LoadGenerator.setFaults(http, URI.create("http://127.0.0.1:" + f.getLocalPort()), json);
      }
    }
  }

  /**
   * An unsharded Prometheus in the test's namespace: every demo pod as a static target with the labels
   * prometheus-operator's scrape configuration gives it (namespace, job, pod; instance is the address), the
   * ServiceMonitor's path and interval, and the rule groups of the demo's PrometheusRule as they are.
   */
  private void deployTheReference() throws Exception {
    ServiceMonitor sm = admin.resources(ServiceMonitor.class).inNamespace(ns).withName(DEMO).get();
    var endpoint = sm.getSpec().getEndpoints().get(0);
    StringBuilder targets = new StringBuilder();
    for (Pod pod : admin.pods().inNamespace(ns).withLabel("app.kubernetes.io/name", "demo-app").list().getItems()) {
      targets.append("""
              - targets: ["%s:8080"]
                labels: {namespace: "%s", job: "%s", pod: "%s"}
          """.formatted(pod.getStatus().getPodIP(), ns, DEMO, pod.getMetadata().getName()));
    }
    String config = """
        global: {scrape_interval: %s, scrape_timeout: %s, evaluation_interval: 15s}
        rule_files: [/etc/prometheus/rules.yaml]
        scrape_configs:
          - job_name: demo
            metrics_path: %s
            static_configs:
        %s""".formatted(endpoint.getInterval(), endpoint.getScrapeTimeout(),
        endpoint.getPath() == null ? "/metrics" : endpoint.getPath(), targets);
    PrometheusRule rule = admin.resources(PrometheusRule.class).inNamespace(ns).withName(DEMO).get();
    PlainPrometheus.apply(admin, ns, REFERENCE, PinnedVersionsTest.versions().getProperty("PROMETHEUS_VERSION"),
        Map.of("prometheus.yml", config, "rules.yaml", Serialization.asYaml(rule.getSpec())));
  }
}
