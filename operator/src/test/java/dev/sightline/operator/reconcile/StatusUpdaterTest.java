package dev.sightline.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.api.ObservedServiceStatus;
import dev.sightline.operator.model.InvalidSpecException;
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
        outcome.applied(), null, null, null, "micrometer");
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
}
