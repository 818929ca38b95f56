package dev.sightline.operator.it;

import dev.sightline.testsupport.TestCluster;
import dev.sightline.testsupport.RealPrometheus;
import dev.sightline.testsupport.RealThanosRuler;
import dev.sightline.testsupport.ApiServerWrites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.prometheus.CheckSettings;
import dev.sightline.operator.status.StatusBuilder;
import dev.sightline.operator.runtime.OperatorSettings;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.Prometheus;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ThanosRuler;
import io.fabric8.openshift.api.model.monitoring.v1.ThanosRulerBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The closed loop against a real API server and a real Prometheus process, which a Prometheus
 * resource (selecting by release=kps, as kube-prometheus-stack does) stands for. Nothing runs
 * prometheus-operator here, so Prometheus never gets the targets or rules: the checks must say so.
 * The real node's end-to-end suite covers the loop with prometheus-operator (EndToEndIT).
 */
class PrometheusChecksIT {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final Duration CYCLE = Duration.ofSeconds(2);
  static TestCluster cluster;
  static RealPrometheus prometheus;
  static RealThanosRuler ruler;
  static RunningOperator operator;
  static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(true);
    client = cluster.client();
    prometheus = RealPrometheus.start(Files.createTempDirectory("sightline-prometheus"));
    prometheus.declare(client, new LabelSelectorBuilder().withMatchLabels(Map.of("release", "kps")).build());
    // every ThanosRuler resource of these tests is asked at this one, which queries the Prometheus above
    ruler = RealThanosRuler.start(Files.createTempDirectory("sightline-thanos-rule"), "global",
        prometheus.url().replace("http://", ""));
    OperatorSettings defaults = Fixtures.operatorSettings(4);
    operator = new RunningOperator(client, new OperatorSettings(defaults.namespaces(), false, "sightline", null, 0, 4,
        false, OperatorSettings.DEFAULT_RESYNC, new CheckSettings(CYCLE, prometheus.url(), Duration.ofSeconds(2),
            CheckSettings.IN_CLUSTER_SHARD_URL, ruler.url())));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (ruler != null) {
      ruler.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void addsTheReleaseLabelAndReportsWhatPrometheusHasThenNothingWhileNothingChanges() throws Exception {
    String ns = Fixtures.namespace(client, "loop");
    Fixtures.service(client, ns, "orders", Map.of());
    client.resource(Fixtures.observed(ns, "orders", new ObservedServiceSpec())).create();

    Condition selected = awaitCondition(ns, "orders", StatusBuilder.SELECTED, c -> "True".equals(c.getStatus()));
    assertThat(selected.getMessage()).isEqualTo("selected by Prometheus monitoring/k8s (labels added: release=kps;"
        + " addSelectorLabels: false turns this off)");
    assertThat(client.resources(ServiceMonitor.class).inNamespace(ns).withName("orders").get().getMetadata().getLabels())
        .containsEntry("release", "kps");
    assertThat(client.resources(PrometheusRule.class).inNamespace(ns).withName("orders").get().getMetadata().getLabels())
        .containsEntry("release", "kps");
    Condition scraped = awaitCondition(ns, "orders", StatusBuilder.SCRAPED, c -> "NoTargets".equals(c.getReason()));
    assertThat(scraped.getMessage()).startsWith("Prometheus monitoring/k8s has no target for ServiceMonitor " + ns
        + "/orders");
    assertThat(condition(ns, "orders", StatusBuilder.RULES_LOADED).getReason()).isEqualTo("RulesNotLoaded");
    assertThat(condition(ns, "orders", StatusBuilder.METRICS_FOUND).getReason()).isEqualTo("MetricsMissing");
    Condition monitored = condition(ns, "orders", StatusBuilder.MONITORED);
    assertThat(monitored.getStatus()).isEqualTo("False");
    assertThat(monitored.getMessage()).isEqualTo(scraped.getMessage());
    assertThat(condition(ns, "orders", StatusBuilder.READY).getStatus()).isEqualTo("True");
    ObservedService o = client.resources(ObservedService.class).inNamespace(ns).withName("orders").get();
    assertThat(o.getStatus().targets).isEqualTo("0/0");
    assertThat(o.getStatus().firing).isZero();

    // three more cycles find the same: nothing is written
    Set<String> written = Set.of("observedservices", "servicemonitors", "prometheusrules", "configmaps", "events");
    long before = ApiServerWrites.count(client, written);
    double served = served();
    // six API calls per cycle: targets, rules, series, ALERTS, budgets, named objectives' requests
    await().atMost(DEADLINE).until(() -> served() >= served + 3 * 6);
    assertThat(ApiServerWrites.count(client, written) - before).as("writes during unchanged check cycles").isZero();
  }

  @Test
  void withAddingOffTheStatusNamesTheLabelsToAddAndNothingIsChecked() {
    String ns = Fixtures.namespace(client, "nolabels");
    Fixtures.service(client, ns, "orders", Map.of());
    ObservedServiceSpec spec = new ObservedServiceSpec();
    spec.addSelectorLabels = false;
    client.resource(Fixtures.observed(ns, "orders", spec)).create();

    Condition selected = awaitCondition(ns, "orders", StatusBuilder.SELECTED, c -> "False".equals(c.getStatus()));
    assertThat(selected.getReason()).isEqualTo("NotSelected");
    assertThat(selected.getMessage()).isEqualTo("no Prometheus selects the ServiceMonitor and PrometheusRule:"
        + " Prometheus monitoring/k8s selects ServiceMonitors and PrometheusRules labelled release=kps: add"
        + " commonLabels: {release: kps} or remove addSelectorLabels: false");
    assertThat(client.resources(ServiceMonitor.class).inNamespace(ns).withName("orders").get().getMetadata().getLabels())
        .doesNotContainKey("release");
    Condition scraped = condition(ns, "orders", StatusBuilder.SCRAPED);
    assertThat(scraped.getStatus()).isEqualTo("Unknown");
    assertThat(scraped.getReason()).isEqualTo("NotSelected");
    assertThat(condition(ns, "orders", StatusBuilder.MONITORED).getReason()).isEqualTo("NotSelected");
    assertThat(client.v1().events().inNamespace(ns).list().getItems())
        .as("one Warning Event for the problem, through Monitored")
        .filteredOn(e -> "NotSelected".equals(e.getReason())).hasSize(1);
  }

  @Test
  void prometheusAwayTurnsTheChecksUnknownAndTheyComeBackWithIt() throws Exception {
    String ns = Fixtures.namespace(client, "away");
    Fixtures.service(client, ns, "orders", Map.of());
    client.resource(Fixtures.observed(ns, "orders", new ObservedServiceSpec())).create();
    awaitCondition(ns, "orders", StatusBuilder.SCRAPED, c -> "NoTargets".equals(c.getReason()));

    prometheus.stop();
    try {
      Condition scraped = awaitCondition(ns, "orders", StatusBuilder.SCRAPED, c -> "Unknown".equals(c.getStatus()));
      assertThat(scraped.getReason()).isEqualTo("PrometheusUnreachable");
      assertThat(scraped.getMessage()).startsWith("Prometheus monitoring/k8s: cannot reach " + prometheus.url());
      assertThat(condition(ns, "orders", StatusBuilder.MONITORED).getStatus()).isEqualTo("Unknown");
      assertThat(condition(ns, "orders", StatusBuilder.READY).getStatus()).isEqualTo("True");
      assertThat(client.resources(ObservedService.class).inNamespace(ns).withName("orders").get().getStatus().targets)
          .isNull();
    } finally {
      prometheus.restart();
    }
    awaitCondition(ns, "orders", StatusBuilder.SCRAPED, c -> "NoTargets".equals(c.getReason()));
  }

  @Test
  void aShardedPrometheusScrapingForAThanosRulerIsAskedShardByShardAndTheRulerForTheRules() throws Exception {
    String ns = topologyNamespace("split");
    Prometheus sharded = client.resource(new PrometheusBuilder()
        .withNewMetadata().withName("sharded-" + ns).withNamespace("monitoring").endMetadata()
        .withNewSpec().withShards(2)
        // like kube-prometheus-stack's: ServiceMonitors and PrometheusRules by the same labels
        .withServiceMonitorSelector(selector(Map.of("release", "sharded", "scrape", "sharded")))
        .withServiceMonitorNamespaceSelector(selector("topology", ns))
        .withRuleSelector(selector(Map.of("release", "sharded", "scrape", "sharded")))
        .withRuleNamespaceSelector(selector("topology", ns))
        .endSpec().build()).create();
    ThanosRuler global = thanosRuler(ns, selector("thanos", "global"));
    try {
      Fixtures.service(client, ns, "orders", Map.of());
      ObservedServiceSpec spec = new ObservedServiceSpec();
      spec.commonLabels = Map.of("release", "sharded"); // so that monitoring/k8s (release=kps) selects neither
      client.resource(Fixtures.observed(ns, "orders", spec)).create();

      Condition selected = awaitCondition(ns, "orders", StatusBuilder.SELECTED, c -> "True".equals(c.getStatus()));
      assertThat(selected.getMessage()).isEqualTo("ServiceMonitor selected by Prometheus monitoring/sharded-" + ns
          + ", PrometheusRule by ThanosRuler monitoring/global-" + ns + " (labels added: scrape=sharded on the"
          + " ServiceMonitor, thanos=global on the PrometheusRule; addSelectorLabels: false turns this off)");
      // the shards select the ServiceMonitor but not the PrometheusRule, which only the ThanosRuler selects
      assertThat(client.resources(ServiceMonitor.class).inNamespace(ns).withName("orders").get().getMetadata()
          .getLabels()).containsEntry("scrape", "sharded").doesNotContainKey("thanos");
      assertThat(client.resources(PrometheusRule.class).inNamespace(ns).withName("orders").get().getMetadata()
          .getLabels()).containsEntry("thanos", "global").doesNotContainKey("scrape");
      assertThat(condition(ns, "orders", StatusBuilder.RULES_LOADED).getReason())
          .as("no placement problem: the ThanosRuler alone evaluates").isNotIn("ShardedRules", "DoubleEvaluation");
      // nothing answers at the shards' in-cluster addresses here: the check says which one it asked
      Condition scraped = awaitCondition(ns, "orders", StatusBuilder.SCRAPED,
          c -> "PrometheusUnreachable".equals(c.getReason()));
      assertThat(scraped.getMessage()).startsWith("Prometheus monitoring/sharded-" + ns + ": shard 0 (pod"
          + " prometheus-sharded-" + ns + "-0): cannot reach http://prometheus-sharded-" + ns
          + "-0.prometheus-operated.monitoring.svc:9090/");
      // a real Thanos Ruler, given the rule file prometheus-operator would write, answers for the ThanosRuler
      assertThat(condition(ns, "orders", StatusBuilder.RULES_LOADED).getReason()).isEqualTo("RulesNotLoaded");
      ruler.load(client.resources(PrometheusRule.class).inNamespace(ns).withName("orders").get());
      Condition rules = awaitCondition(ns, "orders", StatusBuilder.RULES_LOADED, c -> "True".equals(c.getStatus()));
      assertThat(rules.getReason()).isEqualTo("RulesHealthy");
      assertThat(rules.getMessage()).startsWith("rule groups sightline.orders and sightline.orders.slow loaded in"
          + " ThanosRuler monitoring/global-" + ns + " (");
    } finally {
      client.resource(sharded).delete();
      client.resource(global).delete();
      forgotten(ns, "sharded-" + ns);
    }
  }

  @Test
  void aThanosRulerSelectingWhatThePrometheusAlsoEvaluatesIsDoubleEvaluation() {
    String ns = topologyNamespace("double");
    ThanosRuler global = thanosRuler(ns, selector("release", "kps"));
    try {
      Fixtures.service(client, ns, "orders", Map.of());
      client.resource(Fixtures.observed(ns, "orders", new ObservedServiceSpec())).create();

      Condition rules = awaitCondition(ns, "orders", StatusBuilder.RULES_LOADED,
          c -> "DoubleEvaluation".equals(c.getReason()));
      assertThat(rules.getStatus()).isEqualTo("False");
      assertThat(rules.getMessage()).startsWith("Prometheus monitoring/k8s, ThanosRuler monitoring/global-" + ns
          + " both evaluate the PrometheusRule");
      assertThat(condition(ns, "orders", StatusBuilder.SELECTED).getMessage()).isEqualTo("ServiceMonitor selected by"
          + " Prometheus monitoring/k8s, PrometheusRule by Prometheus monitoring/k8s, ThanosRuler monitoring/global-"
          + ns + " (labels added: release=kps; addSelectorLabels: false turns this off)");
      assertThat(condition(ns, "orders", StatusBuilder.MONITORED).getStatus()).isEqualTo("False");
    } finally {
      client.resource(global).delete();
      forgotten(ns, "global-" + ns);
    }
  }

  /** Until the check cycles no longer see a deleted instance, which the other tests' messages would name. */
  private static void forgotten(String ns, String instance) {
    awaitCondition(ns, "orders", StatusBuilder.SELECTED, c -> !c.getMessage().contains(instance));
  }

  /** A ThanosRuler monitoring/global-NS that selects the PrometheusRules of namespace NS only, by {@code rules}. */
  private static ThanosRuler thanosRuler(String ns, LabelSelector rules) {
    return client.resource(new ThanosRulerBuilder()
        .withNewMetadata().withName("global-" + ns).withNamespace("monitoring").endMetadata()
        .withNewSpec().withRuleSelector(rules).withRuleNamespaceSelector(selector("topology", ns)).endSpec()
        .build()).create();
  }

  /** A namespace labelled topology=NAME, so that only this test's instances watch it. */
  private static String topologyNamespace(String prefix) {
    String ns = Fixtures.namespace(client, prefix);
    client.namespaces().withName(ns).edit(n -> new NamespaceBuilder(n).editMetadata()
        .addToLabels("topology", ns).endMetadata().build());
    return ns;
  }

  private static LabelSelector selector(String key, String value) {
    return selector(Map.of(key, value));
  }

  private static LabelSelector selector(Map<String, String> labels) {
    return new LabelSelectorBuilder().withMatchLabels(labels).build();
  }

  private static double served() throws Exception {
    return prometheus.requestsServed();
  }

  private static Condition awaitCondition(String ns, String name, String type, Predicate<Condition> holds) {
    Condition[] found = new Condition[1];
    await(name + " " + type).atMost(DEADLINE).until(() -> {
      found[0] = condition(ns, name, type);
      return found[0] != null && holds.test(found[0]);
    });
    return found[0];
  }

  private static Condition condition(String ns, String name, String type) {
    ObservedService o = client.resources(ObservedService.class).inNamespace(ns).withName(name).get();
    return o == null ? null : StatusBuilder.find(o.getStatus(), type);
  }
}
