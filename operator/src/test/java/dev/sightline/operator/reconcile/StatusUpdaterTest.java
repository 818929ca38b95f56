package dev.sightline.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.api.ObservedServiceStatus;
import dev.sightline.operator.model.InvalidSpecException;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.prometheus.LiveReport;
import dev.sightline.operator.prometheus.LiveReport.Check;
import dev.sightline.operator.prometheus.Selection;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconciler's logic without a cluster: outcome, condition precedence, status, Events. */
class StatusUpdaterTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant T1 = Instant.parse("2026-01-01T01:00:00Z");
  static final List<GeneratedObject> ALL = List.of(
      new GeneratedObject("monitoring.coreos.com/v1", "ServiceMonitor", "orders"),
      new GeneratedObject("monitoring.coreos.com/v1", "PrometheusRule", "orders"),
      new GeneratedObject("v1", "ConfigMap", "orders-dashboard"));
  static final WorkflowOutcome.Problem FOUND =
      new WorkflowOutcome.Problem(Reason.Found, "1 Service(s) (orders) with 2 ready endpoint(s)");
  static final WorkflowOutcome.Problem NOT_FOUND =
      new WorkflowOutcome.Problem(Reason.ServiceNotFound, "Service orders not found");

  static StatusUpdater.Observation observe(long gen, WorkflowOutcome outcome, WorkflowOutcome.Problem service) {
    return new StatusUpdater.Observation(gen, "orders", "99.5% / 30d", 1, 2, service, outcome.apply(),
        outcome.applied(), null, null, null, "micrometer", null, null);
  }

  static WorkflowOutcome applied() {
    return new WorkflowOutcome(ALL, List.of(), List.of());
  }

  @Test
  void sameObservationGivesAnEqualStatusSoNothingIsWrittenOrAnnounced() {
    ObservedServiceStatus first = StatusUpdater.next(null, observe(1, applied(), FOUND), T0);
    ObservedServiceStatus again = StatusUpdater.next(first, observe(1, applied(), FOUND), T1);
    assertThat(again).isEqualTo(first);
    assertThat(StatusUpdater.find(again, StatusUpdater.READY).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(StatusUpdater.announcements(first, again)).isEmpty();
    assertThat(first.generated).isEqualTo(ALL);
    assertThat(StatusUpdater.find(first, StatusUpdater.RESOURCES_APPLIED).getMessage())
        .isEqualTo("ServiceMonitor orders, PrometheusRule orders, ConfigMap orders-dashboard up to date");
  }

  @Test
  void becomingReadyTheFirstTimeIsNotAnnounced() {
    ObservedServiceStatus first = StatusUpdater.next(null, observe(1, applied(), FOUND), T0);
    assertThat(StatusUpdater.announcements(null, first)).isEmpty();
  }

  @Test
  void transitionTimeMovesOnlyWhenTheStatusFlips() {
    ObservedServiceStatus ready = StatusUpdater.next(null, observe(1, applied(), FOUND), T0);
    ObservedServiceStatus notReady = StatusUpdater.next(ready, observe(2, applied(), NOT_FOUND), T1);
    assertThat(StatusUpdater.find(notReady, StatusUpdater.READY).getStatus()).isEqualTo("False");
    assertThat(StatusUpdater.find(notReady, StatusUpdater.READY).getReason()).isEqualTo("ServiceNotFound");
    assertThat(StatusUpdater.find(notReady, StatusUpdater.READY).getLastTransitionTime()).isEqualTo("2026-01-01T01:00:00Z");
    assertThat(StatusUpdater.find(notReady, StatusUpdater.RESOURCES_APPLIED).getLastTransitionTime())
        .isEqualTo("2026-01-01T00:00:00Z");
    assertThat(notReady.observedGeneration).isEqualTo(2);
  }

  @Test
  void oneProblemIsOneWarningEvenWhenTwoConditionsReportIt() {
    ObservedServiceStatus ready = StatusUpdater.next(null, observe(1, applied(), FOUND), T0);
    var clash = new WorkflowOutcome(ALL.subList(1, 3), List.of(),
        List.of(new NameClashException("ServiceMonitor", "orders", "managed by helm")));
    ObservedServiceStatus clashed = StatusUpdater.next(ready, observe(1, clash, FOUND), T1);
    // Ready and ResourcesApplied both say NameClash with the same message: one Event
    assertThat(StatusUpdater.announcements(ready, clashed)).singleElement().satisfies(a -> {
      assertThat(a.warning()).isTrue();
      assertThat(a.reason()).isEqualTo(Reason.NameClash);
      assertThat(a.message()).contains("ServiceMonitor orders already exists", "managed by helm");
    });
    // status.generated lists only what this ObservedService applied, never the other party's object
    assertThat(clashed.generated).extracting(g -> g.kind).containsExactly("PrometheusRule", "ConfigMap");
    // the clash goes away: one Normal Event for the recovery
    ObservedServiceStatus recovered = StatusUpdater.next(clashed, observe(1, applied(), FOUND), T1);
    assertThat(StatusUpdater.announcements(clashed, recovered)).singleElement()
        .satisfies(a -> assertThat(a.warning()).isFalse())
        .satisfies(a -> assertThat(a.reason()).isEqualTo(Reason.Ready));
  }

  @Test
  void applyProblemsWinOverServiceProblemsInTheReadyReason() {
    var clash = new WorkflowOutcome(List.of(), List.of(), List.of(new NameClashException("ServiceMonitor", "x", "no owner")));
    var s = StatusUpdater.next(null, observe(1, clash, NOT_FOUND), T0);
    assertThat(StatusUpdater.find(s, StatusUpdater.READY).getReason()).isEqualTo("NameClash");
    assertThat(StatusUpdater.find(s, StatusUpdater.SERVICE_FOUND).getReason()).isEqualTo("ServiceNotFound");
    assertThat(StatusUpdater.announcements(null, s)).extracting(StatusUpdater.Announcement::reason)
        .containsExactly(Reason.NameClash, Reason.ServiceNotFound);
  }

  @Test
  void theMostImportantErrorNamesTheReasonAndEveryMessageIsKept() {
    var outcome = new WorkflowOutcome(List.of(), List.of("servicemonitors.monitoring.coreos.com"), List.of(
        new KubernetesClientException("admission webhook denied"),
        new InvalidSpecException("not a duration: 5 minutes")));
    assertThat(outcome.apply().reason()).isEqualTo(Reason.InvalidSpec);
    assertThat(outcome.apply().message()).isEqualTo("admission webhook denied; not a duration: 5 minutes");
    assertThat(outcome.retry()).isTrue();
  }

  @Test
  void missingCrdsSayWhatToInstall() {
    var prom = new WorkflowOutcome(List.of(), List.of("prometheusrules.monitoring.coreos.com"), List.of());
    assertThat(prom.apply().reason()).isEqualTo(Reason.CrdMissing);
    assertThat(prom.apply().message()).contains("prometheusrules.monitoring.coreos.com", "Install prometheus-operator");
    var grafana = new WorkflowOutcome(List.of(), List.of("grafanadashboards.grafana.integreatly.org"), List.of());
    assertThat(grafana.apply().message()).contains("Install grafana-operator");
    assertThat(applied().retry()).isFalse();
  }

  @Test
  void aReplacedObjectIsReportedAsReplacingNotAsAFailure() {
    var replacing = new WorkflowOutcome(List.of(), List.of(),
        List.of(new ReplacingException("GrafanaDashboard", "orders", "spec.instanceSelector")));
    assertThat(replacing.apply().reason()).isEqualTo(Reason.Replacing);
    assertThat(replacing.apply().message()).contains("spec.instanceSelector cannot change in place");
  }

  static final Selection SELECTED =
      new Selection(List.of(), java.util.Map.of(), Selection.Outcome.SELECTED, "selected by Prometheus monitoring/k8s");

  static StatusUpdater.Observation checked(LiveReport live) {
    WorkflowOutcome outcome = applied();
    return new StatusUpdater.Observation(1, "orders", "99.5% / 30d", 1, 2, FOUND, outcome.apply(), outcome.applied(),
        null, SELECTED, live, "micrometer", null, null);
  }

  static LiveReport report(Check scraped) {
    return new LiveReport("selected", scraped, Check.ok(Reason.RulesHealthy, "loaded"),
        Check.ok(Reason.MetricsPresent, "found"), "1/1", 0, null, Histogram.UNKNOWN);
  }

  @Test
  void monitoredIsTheFirstCheckThatFailsAndOnlyItIsAnnounced() {
    ObservedServiceStatus good = StatusUpdater.next(null, checked(report(Check.ok(Reason.TargetsUp, "1/1 up"))), T0);
    assertThat(StatusUpdater.find(good, StatusUpdater.MONITORED).getStatus()).isEqualTo("True");
    assertThat(good.conditions).extracting(Condition::getType).containsExactly("Ready", "ServiceFound",
        "ResourcesApplied", "Selected", "Scraped", "RulesLoaded", "MetricsFound", "Monitored");
    ObservedServiceStatus down = StatusUpdater.next(good,
        checked(report(Check.failed(Reason.TargetsDown, "0/1 up; connection refused"))), T1);
    Condition monitored = StatusUpdater.find(down, StatusUpdater.MONITORED);
    assertThat(monitored.getReason()).isEqualTo("TargetsDown");
    assertThat(monitored.getMessage()).isEqualTo("0/1 up; connection refused");
    assertThat(StatusUpdater.announcements(good, down)).singleElement()
        .satisfies(a -> assertThat(a.reason()).isEqualTo(Reason.TargetsDown));
    // back: one Normal Event for Monitored
    ObservedServiceStatus back = StatusUpdater.next(down, checked(report(Check.ok(Reason.TargetsUp, "1/1 up"))), T1);
    assertThat(StatusUpdater.announcements(down, back)).singleElement().satisfies(a -> {
      assertThat(a.warning()).isFalse();
      assertThat(a.reason()).isEqualTo(Reason.Monitored);
    });
  }

  @Test
  void unknownIsNotAnnouncedAndUncheckedKeepsWhatStatusSaid() {
    ObservedServiceStatus good = StatusUpdater.next(null, checked(report(Check.ok(Reason.TargetsUp, "1/1 up"))), T0);
    ObservedServiceStatus away = StatusUpdater.next(good,
        checked(report(Check.unknown(Reason.PrometheusUnreachable, "cannot reach"))), T1);
    assertThat(StatusUpdater.find(away, StatusUpdater.MONITORED).getStatus()).isEqualTo("Unknown");
    assertThat(StatusUpdater.announcements(good, away)).isEmpty();
    // a restarted operator that has not asked Prometheus yet writes nothing new
    assertThat(StatusUpdater.next(good, checked(null), T1)).isEqualTo(good);
  }

  @Test
  void theHistogramLayoutFoundIsKeptForARestartedOperator() {
    WorkflowOutcome outcome = applied();
    Histogram found = new Histogram(java.util.List.of(0.1, 0.3, 1.0), true);
    var status = StatusUpdater.next(null, new StatusUpdater.Observation(1, "orders", "99.5% / 30d", 1, 2, FOUND,
        outcome.apply(), outcome.applied(), null, SELECTED, null, "micrometer", found, null), java.time.Instant.EPOCH);
    assertThat(status.latencyBuckets).containsExactly(0.1, 0.3, 1.0);
    assertThat(status.nativeHistogram).isTrue();
    dev.sightline.operator.api.ObservedService o = new dev.sightline.operator.api.ObservedService();
    o.setStatus(status);
    assertThat(dev.sightline.operator.prometheus.PrometheusChecks.lastHistogram(o)).isEqualTo(found);
    assertThat(dev.sightline.operator.prometheus.PrometheusChecks.lastHistogram(
        new dev.sightline.operator.api.ObservedService())).isEqualTo(Histogram.UNKNOWN);
  }
}
