package dev.sightline.operator.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.prometheus.PrometheusSelection.Instance;
import dev.sightline.operator.prometheus.PrometheusSelection.Kind;
import dev.sightline.operator.status.ConditionStatus;
import dev.sightline.operator.status.Reason;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Selected verdict and the selector labels Sightline adds, from kube-prometheus-stack-like instances. */
class SelectionTest {
  static final LabelSelector ALL = new LabelSelector();
  static final Map<String, String> OURS = Map.of("app.kubernetes.io/managed-by", "sightline");

  static LabelSelector labels(String k, String v) {
    return new LabelSelectorBuilder().withMatchLabels(Map.of(k, v)).build();
  }

  static Instance prometheus(String name, LabelSelector objects) {
    return new Instance(Kind.PROMETHEUS, "monitoring", name, objects, ALL, objects, ALL, null);
  }

  static ClusterPrometheuses cluster(Instance... instances) {
    return new ClusterPrometheuses(List.of(instances), Map.of("shop", Map.of()), List.of(), null);
  }

  @Test
  void theReleaseLabelIsAddedAndSaidSo() {
    Selection s = Selection.of(cluster(prometheus("kps", labels("release", "kps"))), "shop", OURS, true);
    assertThat(s.selected()).isTrue();
    assertThat(s.addedLabels()).containsExactly(Map.entry("release", "kps"));
    assertThat(s.message()).isEqualTo("selected by Prometheus monitoring/kps (labels added: release=kps;"
        + " addSelectorLabels: false turns this off)");
  }

  @Test
  void withAddingOffTheMessageNamesTheInstanceAndTheLabelsToAdd() {
    Selection s = Selection.of(cluster(prometheus("kps", labels("release", "kps"))), "shop", OURS, false);
    assertThat(s.outcome()).isEqualTo(Selection.Outcome.NOT_SELECTED);
    assertThat(s.addedLabels()).isEmpty();
    assertThat(s.message()).isEqualTo("no Prometheus selects the ServiceMonitor and PrometheusRule: Prometheus"
        + " monitoring/kps selects ServiceMonitors and PrometheusRules labelled release=kps: add commonLabels:"
        + " {release: kps} or remove addSelectorLabels: false");
  }

  @Test
  void commonLabelsThatAlreadySatisfyOneInstanceAddNothing() {
    Map<String, String> labels = Map.of("release", "kps");
    Selection s = Selection.of(cluster(prometheus("kps", labels("release", "kps")),
        prometheus("other", labels("release", "other"))), "shop", labels, true);
    assertThat(s.addedLabels()).isEmpty();
    assertThat(s.message()).isEqualTo("selected by Prometheus monitoring/kps");
  }

  @Test
  void conflictingInstancesAreReportedNotGuessed() {
    Selection s = Selection.of(cluster(prometheus("a", labels("release", "a")), prometheus("b", labels("release", "b"))),
        "shop", OURS, true);
    assertThat(s.outcome()).isEqualTo(Selection.Outcome.NOT_SELECTED);
    assertThat(s.addedLabels()).isEmpty();
    assertThat(s.message()).contains("conflicting labels (release=a and release=b): choose one in commonLabels");
  }

  @Test
  void aContradictingCommonLabelAndExpressionOnlySelectorsAreReported() {
    Selection s = Selection.of(cluster(prometheus("kps", labels("release", "kps"))), "shop",
        Map.of("release", "mine"), true);
    assertThat(s.message()).contains("selects ServiceMonitors labelled release=kps, but commonLabels sets release=mine");
    LabelSelector expression = new LabelSelectorBuilder().addNewMatchExpression().withKey("team")
        .withOperator("In").withValues("a", "b").endMatchExpression().build();
    Selection e = Selection.of(cluster(prometheus("kps", expression)), "shop", OURS, true);
    assertThat(e.outcome()).isEqualTo(Selection.Outcome.NOT_SELECTED);
    assertThat(e.message()).contains("by expression (team In (a,b)); Sightline does not guess labels");
  }

  @Test
  void noPrometheusOrOnlyAnAgentSaysWhatToInstall() {
    assertThat(Selection.of(cluster(), "shop", OURS, true).outcome()).isEqualTo(Selection.Outcome.NO_PROMETHEUS);
    Instance agent = new Instance(Kind.AGENT, "monitoring", "agent", ALL, ALL, null, null, null);
    Selection s = Selection.of(cluster(agent), "shop", OURS, true);
    assertThat(s.outcome()).isEqualTo(Selection.Outcome.NO_PROMETHEUS);
    assertThat(s.message()).contains("PrometheusAgent monitoring/agent evaluates no rules", "kube-prometheus-stack");
  }

  @Test
  void unreadablePrometheusResourcesAreUnknown() {
    Selection s = Selection.of(new ClusterPrometheuses(List.of(), Map.of(), List.of(), "cannot list prometheuses (HTTP 403)"),
        "shop", OURS, true);
    assertThat(s.outcome()).isEqualTo(Selection.Outcome.UNKNOWN);
    assertThat(s.message()).contains("HTTP 403");
  }

  static Instance shardedPrometheus(String name, LabelSelector monitors, LabelSelector rules, int shards) {
    return new Instance(Kind.PROMETHEUS, "monitoring", name, monitors, ALL, rules, ALL, null, shards);
  }

  static Instance thanosRuler(String name, LabelSelector rules) {
    return new Instance(Kind.THANOS_RULER, "monitoring", name, null, null, rules, ALL, null, 1);
  }

  @Test
  void aShardedPrometheusScrapesAndAThanosRulerEvaluatesTheHealthyWay() {
    Instance k8s = shardedPrometheus("k8s", labels("release", "kps"), null, 2);
    Instance global = thanosRuler("global", labels("release", "kps"));
    Selection s = Selection.of(cluster(k8s, global), "shop", OURS, true);
    assertThat(s.selected()).isTrue();
    assertThat(s.addedLabels()).containsExactly(Map.entry("release", "kps"));
    assertThat(s.message()).isEqualTo("ServiceMonitor selected by Prometheus monitoring/k8s, PrometheusRule by"
        + " ThanosRuler monitoring/global (labels added: release=kps; addSelectorLabels: false turns this off)");
    assertThat(s.scrapedBy()).containsExactly(k8s);
    assertThat(s.evaluatedBy()).containsExactly(global);
    assertThat(s.selectedBy()).containsExactly(k8s, global);
    assertThat(s.placement()).isNull();
  }

  @Test
  void theRulesAreLabelledForTheThanosRulerAloneWhenAShardedPrometheusWouldSelectThemToo() {
    // kube-prometheus-stack's Prometheus, sharded: it selects ServiceMonitors and PrometheusRules by release=kps
    Instance k8s = shardedPrometheus("k8s", labels("release", "kps"), labels("release", "kps"), 2);
    Instance global = thanosRuler("global", labels("thanos", "global"));
    Selection s = Selection.of(cluster(k8s, global), "shop", OURS, true);
    assertThat(s.addedLabels()).containsExactly(Map.entry("release", "kps"));
    assertThat(s.addedRuleLabels()).containsExactly(Map.entry("thanos", "global"));
    assertThat(s.message()).isEqualTo("ServiceMonitor selected by Prometheus monitoring/k8s, PrometheusRule by"
        + " ThanosRuler monitoring/global (labels added: release=kps on the ServiceMonitor, thanos=global on the"
        + " PrometheusRule; addSelectorLabels: false turns this off)");
    assertThat(s.placement()).as("the shards do not evaluate the rules").isNull();
    // rendered so: each object with its own selector labels
    var o = new dev.sightline.operator.api.ObservedService();
    o.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace("shop").withName("orders")
        .build());
    o.setSpec(new dev.sightline.operator.api.ObservedServiceSpec());
    var model = dev.sightline.operator.model.ObservedServiceModel.fromCrd(o)
        .withSelectorLabels(s.addedLabels(), s.addedRuleLabels());
    assertThat(dev.sightline.operator.render.ServiceMonitorRenderer.render(model).getMetadata().getLabels())
        .containsEntry("release", "kps").doesNotContainKey("thanos");
    assertThat(dev.sightline.operator.render.rules.PrometheusRuleRenderer.render(model).getMetadata().getLabels())
        .containsEntry("thanos", "global").doesNotContainKey("release");
  }

  @Test
  void aShardedPrometheusEvaluatingTheRulesIsAProblemThatSaysWhatToDo() {
    Instance k8s = shardedPrometheus("k8s", labels("release", "kps"), labels("release", "kps"), 2);
    Selection s = Selection.of(cluster(k8s), "shop", OURS, true);
    assertThat(s.selected()).as("selected: the shards do scrape it").isTrue();
    assertThat(s.placement().status()).isEqualTo(ConditionStatus.FALSE);
    assertThat(s.placement().reason()).isEqualTo(Reason.ShardedRules);
    assertThat(s.placement().message()).startsWith("Prometheus monitoring/k8s runs 2 shards and evaluates the"
        + " PrometheusRule: each shard scrapes part of the targets and evaluates every rule on its part only")
        .contains("Evaluate the rules in a ThanosRuler that queries all shards through a Thanos Querier",
            "stop Prometheus monitoring/k8s from selecting them (with spec.ruleSelector unset");
    // with a ThanosRuler selecting them too, the advice is to leave them to it
    Selection both = Selection.of(cluster(k8s, thanosRuler("global", labels("release", "kps"))), "shop", OURS, true);
    assertThat(both.placement().reason()).isEqualTo(Reason.ShardedRules);
    assertThat(both.placement().message()).contains("Leave them to ThanosRuler monitoring/global");
  }

  @Test
  void aThanosRulerAndAPrometheusBothEvaluatingIsDoubleEvaluation() {
    Instance kps = prometheus("kps", labels("release", "kps"));
    Instance global = thanosRuler("global", labels("release", "kps"));
    Selection s = Selection.of(cluster(kps, global), "shop", Map.of("release", "kps"), true);
    assertThat(s.selected()).isTrue();
    assertThat(s.evaluatedBy()).containsExactly(kps, global);
    assertThat(s.message()).isEqualTo("ServiceMonitor selected by Prometheus monitoring/kps, PrometheusRule by"
        + " Prometheus monitoring/kps, ThanosRuler monitoring/global");
    assertThat(s.placement().reason()).isEqualTo(Reason.DoubleEvaluation);
    assertThat(s.placement().message()).startsWith("Prometheus monitoring/kps, ThanosRuler monitoring/global both"
        + " evaluate the PrometheusRule").contains("Keep one: e.g. only ThanosRuler monitoring/global, with Prometheus"
        + " monitoring/kps no longer selecting the PrometheusRule (spec.ruleSelector)");
    // two ThanosRulers are double evaluation too
    Selection two = Selection.of(cluster(shardedPrometheus("kps", labels("release", "kps"), null, 1), global,
        thanosRuler("other", ALL)), "shop", Map.of("release", "kps"), true);
    assertThat(two.placement().reason()).isEqualTo(Reason.DoubleEvaluation);
  }

  @Test
  void aWholePrometheusKeepsTheRulesAndNoLabelIsAddedForAThanosRuler() {
    Instance kps = prometheus("kps", labels("release", "kps"));
    Selection s = Selection.of(cluster(kps, thanosRuler("global", labels("thanos", "global"))), "shop", OURS, true);
    assertThat(s.addedLabels()).containsExactly(Map.entry("release", "kps"));
    assertThat(s.message()).isEqualTo("selected by Prometheus monitoring/kps (labels added: release=kps;"
        + " addSelectorLabels: false turns this off)");
    assertThat(s.evaluatedBy()).containsExactly(kps);
    assertThat(s.placement()).isNull();
  }

  @Test
  void agentsScrapeForAThanosRulerButAThanosRulerAloneScrapesNothing() {
    Instance agent = new Instance(Kind.AGENT, "monitoring", "agent", ALL, ALL, null, null, null, 3);
    Instance global = thanosRuler("global", ALL);
    Selection s = Selection.of(cluster(agent, global), "shop", OURS, true);
    assertThat(s.selected()).isTrue();
    assertThat(s.scrapedBy()).containsExactly(agent);
    assertThat(s.placement()).as("an agent's shards evaluate nothing").isNull();
    Selection alone = Selection.of(cluster(global), "shop", OURS, true);
    assertThat(alone.outcome()).isEqualTo(Selection.Outcome.NO_PROMETHEUS);
    assertThat(alone.message()).startsWith("no Prometheus resource in the cluster (ThanosRuler monitoring/global"
        + " scrapes nothing)");
  }

  @Test
  void withAddingOffTheSplitNamesWhatEachInstanceSelects() {
    Instance k8s = shardedPrometheus("k8s", labels("release", "kps"), null, 2);
    Instance global = thanosRuler("global", labels("thanos", "global"));
    Selection s = Selection.of(cluster(k8s, global), "shop", OURS, false);
    assertThat(s.outcome()).isEqualTo(Selection.Outcome.NOT_SELECTED);
    assertThat(s.message()).isEqualTo("no Prometheus selects the ServiceMonitor and PrometheusRule: Prometheus"
        + " monitoring/k8s selects ServiceMonitors labelled release=kps: add commonLabels: {release: kps} or remove"
        + " addSelectorLabels: false; ThanosRuler monitoring/global selects PrometheusRules labelled thanos=global:"
        + " add commonLabels: {thanos: global} or remove addSelectorLabels: false; Prometheus monitoring/k8s selects"
        + " no PrometheusRules (spec.ruleSelector is not set)");
  }
}
