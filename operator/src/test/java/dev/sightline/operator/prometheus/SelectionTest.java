package dev.sightline.operator.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.prometheus.PrometheusSelection.Instance;
import dev.sightline.operator.prometheus.PrometheusSelection.Kind;
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
}
