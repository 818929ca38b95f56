package dev.sightline.operator.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.status.ConditionStatus;
import dev.sightline.operator.status.Check;
import dev.sightline.operator.status.Reason;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Routed condition from the cluster's Alertmanager resources, by prometheus-operator's selection rules. */
class AlertmanagerSelectionTest {
  static final Map<String, String> OURS = Map.of("app.kubernetes.io/managed-by", "sightline");
  static final LabelSelector ALL = new LabelSelector();

  static Check judge(AlertmanagerSelection.Instance... instances) {
    return AlertmanagerSelection.judge(new ClusterPrometheuses(List.of(), Map.of("shop", Map.of("team", "shop")),
        List.of(instances), null), "shop", "orders", OURS);
  }

  @Test
  void kubePrometheusStackSelectsEveryAlertmanagerConfig() {
    assertThat(judge(new AlertmanagerSelection.Instance("monitoring", "kps", ALL, ALL))).isEqualTo(Check.ok(
        Reason.AlertmanagerSelected, "AlertmanagerConfig shop/orders selected by Alertmanager monitoring/kps"));
  }

  @Test
  void eachInstanceSaysWhyNot() {
    Check c = judge(
        new AlertmanagerSelection.Instance("monitoring", "a", ALL, null),
        new AlertmanagerSelection.Instance("monitoring", "b", null, ALL),
        new AlertmanagerSelection.Instance("monitoring", "c",
            new LabelSelector(null, Map.of("alertmanagerConfig", "main")), ALL));
    assertThat(c.status()).isEqualTo(ConditionStatus.FALSE);
    assertThat(c.reason()).isEqualTo(Reason.AlertmanagerNotSelected);
    assertThat(c.message()).isEqualTo("no Alertmanager selects AlertmanagerConfig shop/orders: Alertmanager"
        + " monitoring/a does not watch namespace shop (spec.alertmanagerConfigNamespaceSelector: not set, so only"
        + " monitoring); Alertmanager monitoring/b selects no AlertmanagerConfigs (spec.alertmanagerConfigSelector is"
        + " not set); Alertmanager monitoring/c selects it with commonLabels {alertmanagerConfig: main}");
  }

  @Test
  void aNamespaceSelectorMatchesTheNamespacesLabels() {
    assertThat(judge(new AlertmanagerSelection.Instance("monitoring", "kps", ALL,
        new LabelSelector(null, Map.of("team", "shop")))).holds()).isTrue();
  }

  @Test
  void noAlertmanagerOrUnreadable() {
    assertThat(judge().reason()).isEqualTo(Reason.NoAlertmanager);
    Check unknown = AlertmanagerSelection.judge(new ClusterPrometheuses(List.of(), Map.of(), List.of(),
        "cannot list alertmanagers.monitoring.coreos.com (HTTP 403)"), "shop", "orders", OURS);
    assertThat(unknown.status()).isEqualTo(ConditionStatus.UNKNOWN);
    assertThat(unknown.reason()).isEqualTo(Reason.AlertmanagersUnreadable);
  }
}
