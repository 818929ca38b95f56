package dev.sightline.operator.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.prometheus.PrometheusSelection.Instance;
import dev.sightline.operator.prometheus.PrometheusSelection.Kind;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** prometheus-operator's selection rules, as its CRD field docs state them. */
class PrometheusSelectionTest {
  static final LabelSelector EMPTY = new LabelSelector();
  static final LabelSelector RELEASE = new LabelSelectorBuilder().withMatchLabels(Map.of("release", "kps")).build();
  static final Map<String, String> NONE = Map.of();

  static Instance prometheus(LabelSelector sm, LabelSelector smNs, LabelSelector rule, LabelSelector ruleNs) {
    return new Instance(Kind.PROMETHEUS, "monitoring", "k8s", sm, smNs, rule, ruleNs, null);
  }

  @Test
  void aNullObjectSelectorMatchesNothingAndAnEmptyOneEverything() {
    assertThat(prometheus(null, EMPTY, null, EMPTY).selectsServiceMonitor("shop", NONE, Map.of("a", "b"))).isFalse();
    assertThat(prometheus(null, EMPTY, null, EMPTY).selectsRule("shop", NONE, Map.of("a", "b"))).isFalse();
    assertThat(prometheus(EMPTY, EMPTY, EMPTY, EMPTY).selectsServiceMonitor("shop", NONE, NONE)).isTrue();
    assertThat(prometheus(EMPTY, EMPTY, EMPTY, EMPTY).selectsRule("shop", NONE, NONE)).isTrue();
  }

  @Test
  void aNullNamespaceSelectorMatchesTheInstancesOwnNamespaceOnlyAndAnEmptyOneEvery() {
    Instance ownOnly = prometheus(EMPTY, null, EMPTY, null);
    assertThat(ownOnly.selectsServiceMonitor("monitoring", NONE, NONE)).isTrue();
    assertThat(ownOnly.selectsServiceMonitor("shop", NONE, NONE)).isFalse();
    assertThat(ownOnly.selectsRule("shop", NONE, NONE)).isFalse();
    LabelSelector team = new LabelSelectorBuilder().withMatchLabels(Map.of("team", "payments")).build();
    Instance byLabel = prometheus(EMPTY, team, EMPTY, team);
    assertThat(byLabel.selectsServiceMonitor("shop", Map.of("team", "payments"), NONE)).isTrue();
    assertThat(byLabel.selectsServiceMonitor("shop", Map.of("team", "search"), NONE)).isFalse();
  }

  @Test
  void anAgentScrapesButEvaluatesNoRules() {
    Instance agent = new Instance(Kind.AGENT, "monitoring", "agent", EMPTY, EMPTY, null, null, null);
    assertThat(agent.selectsServiceMonitor("shop", NONE, NONE)).isTrue();
    assertThat(agent.selectsRule("shop", NONE, NONE)).isFalse();
    assertThat(agent.ruleFix("shop", NONE, NONE).problem()).isEqualTo("PrometheusAgent monitoring/agent evaluates no rules");
  }

  @Test
  void theFixForTheReleaseLabelTrapIsTheLabelToAdd() {
    Instance kps = prometheus(RELEASE, EMPTY, RELEASE, EMPTY);
    assertThat(kps.selectsServiceMonitor("shop", NONE, Map.of("team", "x"))).isFalse();
    var fix = kps.serviceMonitorFix("shop", NONE, Map.of("team", "x"));
    assertThat(fix.possible()).isTrue();
    assertThat(fix.labels()).containsExactly(Map.entry("release", "kps"));
    assertThat(kps.ruleFix("shop", NONE, Map.of("release", "kps")).labels()).as("already selected").isEmpty();
  }

  @Test
  void conflictsNamespacesAndExpressionsAreReportedNotGuessed() {
    Instance kps = prometheus(RELEASE, null, RELEASE, EMPTY);
    assertThat(kps.serviceMonitorFix("shop", NONE, NONE).problem())
        .isEqualTo("Prometheus monitoring/k8s does not watch namespace shop"
            + " (spec.serviceMonitorNamespaceSelector: not set, so only monitoring)");
    assertThat(kps.ruleFix("shop", NONE, Map.of("release", "other")).problem())
        .isEqualTo("Prometheus monitoring/k8s selects PrometheusRules labelled release=kps, but commonLabels sets"
            + " release=other");
    LabelSelector expression = new LabelSelectorBuilder().addNewMatchExpression().withKey("tier")
        .withOperator("In").withValues("gold").endMatchExpression().build();
    assertThat(prometheus(expression, EMPTY, null, EMPTY).serviceMonitorFix("shop", NONE, NONE).problem())
        .contains("selects ServiceMonitors by expression (tier In (gold)); Sightline does not guess");
    assertThat(prometheus(null, EMPTY, null, EMPTY).serviceMonitorFix("shop", NONE, NONE).problem())
        .isEqualTo("Prometheus monitoring/k8s selects no ServiceMonitors (spec.serviceMonitorSelector is not set)");
  }

  @Test
  void aThanosRulerEvaluatesWhatItSelectsAndScrapesNothing() {
    var ruler = new io.fabric8.openshift.api.model.monitoring.v1.ThanosRulerBuilder()
        .withNewMetadata().withNamespace("monitoring").withName("global").endMetadata()
        .withNewSpec().withRuleSelector(RELEASE).withRuleNamespaceSelector(EMPTY).endSpec().build();
    Instance global = Instance.of(ruler);
    assertThat(global.title()).isEqualTo("ThanosRuler monitoring/global");
    assertThat(global.key()).as("a Prometheus may have the same namespace/name")
        .isEqualTo("THANOS_RULER monitoring/global");
    assertThat(global.selectsRule("shop", NONE, Map.of("release", "kps"))).isTrue();
    assertThat(global.selectsRule("shop", NONE, NONE)).isFalse();
    assertThat(global.selectsServiceMonitor("shop", NONE, Map.of("release", "kps"))).isFalse();
    assertThat(global.ruleFix("shop", NONE, NONE).labels()).containsExactly(Map.entry("release", "kps"));
    assertThat(global.queryUrl()).as("no queryEndpoints").isNull();
  }

  @Test
  void aThanosRulersRecordsAreQueriedThroughItsFirstQueryEndpointAsThanosWritesThem() {
    assertThat(PrometheusSelection.Instance.queryUrl(List.of("thanos-query.monitoring.svc:10902", "other:10902")))
        .isEqualTo("http://thanos-query.monitoring.svc:10902");
    assertThat(PrometheusSelection.Instance.queryUrl(List.of("dns+thanos-query.monitoring.svc:10902")))
        .isEqualTo("http://thanos-query.monitoring.svc:10902");
    assertThat(PrometheusSelection.Instance.queryUrl(List.of("https://query.example.com/thanos")))
        .isEqualTo("https://query.example.com/thanos");
    assertThat(PrometheusSelection.Instance.queryUrl(List.of("dnssrv+_http._tcp.thanos-query.monitoring.svc")))
        .as("an SRV lookup only Thanos resolves").isNull();
    assertThat(PrometheusSelection.Instance.queryUrl(List.of())).isNull();
    var ruler = new io.fabric8.openshift.api.model.monitoring.v1.ThanosRulerBuilder()
        .withNewMetadata().withNamespace("monitoring").withName("global").endMetadata()
        .withNewSpec().withQueryEndpoints("thanos-query.monitoring.svc:10902").endSpec().build();
    assertThat(Instance.of(ruler).queryUrl()).isEqualTo("http://thanos-query.monitoring.svc:10902");
  }

  @Test
  void shardsAreReadAndEachShardsFirstPodIsNamedAsPrometheusOperatorNamesIt() {
    var sharded = new io.fabric8.openshift.api.model.monitoring.v1.PrometheusBuilder()
        .withNewMetadata().withNamespace("monitoring").withName("k8s").endMetadata()
        .withNewSpec().withShards(3).endSpec().build();
    Instance k8s = Instance.of(sharded);
    assertThat(k8s.shards()).isEqualTo(3);
    assertThat(k8s.podOf(0)).isEqualTo("prometheus-k8s-0");
    assertThat(k8s.podOf(2)).isEqualTo("prometheus-k8s-shard-2-0");
    var plain = new io.fabric8.openshift.api.model.monitoring.v1.PrometheusBuilder()
        .withNewMetadata().withNamespace("monitoring").withName("k8s").endMetadata().withNewSpec().endSpec().build();
    assertThat(Instance.of(plain).shards()).isEqualTo(1);
    var agent = new io.fabric8.openshift.api.model.monitoring.v1alpha1.PrometheusAgentBuilder()
        .withNewMetadata().withNamespace("monitoring").withName("agent").endMetadata()
        .withNewSpec().withShards(2).endSpec().build();
    assertThat(Instance.of(agent).podOf(1)).isEqualTo("prom-agent-agent-shard-1-0");
  }
}
