package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.render.rules.GoldenSignalAlerts;
import dev.sightline.operator.api.AlertSpec;
import dev.sightline.operator.api.AlertsSpec;
import dev.sightline.operator.api.ErrorRateAlertSpec;
import dev.sightline.operator.api.LatencyAlertSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.api.Severity;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every page holds for the incident (keep_firing_for) unless switched off; tickets only when asked. */
class KeepFiringTest {
  static Map<String, String> keepFiringFor(AlertsSpec alerts) {
    ObservedServiceSpec s = new ObservedServiceSpec();
    s.alerts = alerts;
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop").build());
    o.setSpec(s);
    return GoldenSignalAlerts.render(ObservedServiceModel.fromCrd(o)).stream()
        .collect(Collectors.toMap(Rule::getAlert, r -> String.valueOf(r.getKeepFiringFor())));
  }

  @Test
  void pagesKeepFiringFiveMinutesAndTicketsNot() {
    Map<String, String> k = keepFiringFor(new AlertsSpec());
    assertThat(k).containsEntry("SightlineTargetDown", "5m").containsEntry("SightlineHighErrorRate", "5m")
        .containsEntry("SightlineAllRequestsFail", "5m").containsEntry("SightlineHighLatency", "null")
        .containsEntry("SightlineMetricsAbsent", "null");
  }

  @Test
  void zeroSwitchesItOffAndATicketMadeAPageHolds() {
    AlertsSpec a = new AlertsSpec();
    a.highErrorRate = new ErrorRateAlertSpec();
    a.highErrorRate.keepFiringFor = "0s";
    a.highLatency = new LatencyAlertSpec();
    a.highLatency.severity = Severity.PAGE;
    a.metricsAbsent = new AlertSpec();
    a.metricsAbsent.keepFiringFor = "15m";
    Map<String, String> k = keepFiringFor(a);
    assertThat(k).containsEntry("SightlineHighErrorRate", "null").containsEntry("SightlineHighLatency", "5m")
        .containsEntry("SightlineMetricsAbsent", "15m");
  }
}
