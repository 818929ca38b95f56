package dev.sightline.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.api.ObservedServiceStatus;
import dev.sightline.operator.model.InvalidSpecException;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.prometheus.LiveReport;
import dev.sightline.operator.dependent.NameClashException;
import dev.sightline.operator.dependent.ReplacingException;
import dev.sightline.operator.status.Check;
import dev.sightline.operator.status.LiveChecks;
import dev.sightline.operator.status.ObjectiveLive;
import dev.sightline.operator.status.Problem;
import dev.sightline.operator.status.Reason;
import dev.sightline.operator.status.StatusBuilder;
import dev.sightline.operator.prometheus.Selection;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reconciler's logic without a cluster: outcome, condition precedence, status, Events. */
class StatusBuilderTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant T1 = Instant.parse("2026-01-01T01:00:00Z");
  static final List<GeneratedObject> ALL = List.of(
      new GeneratedObject("monitoring.coreos.com/v1", "ServiceMonitor", "orders"),
      new GeneratedObject("monitoring.coreos.com/v1", "PrometheusRule", "orders"),
      new GeneratedObject("v1", "ConfigMap", "orders-dashboard"));
  static final Problem FOUND =
      new Problem(Reason.Found, "1 Service(s) (orders) with 2 ready endpoint(s)");
  static final Problem NOT_FOUND =
      new Problem(Reason.ServiceNotFound, "Service orders not found");

  static final StatusBuilder.Summary SUMMARY =
      new StatusBuilder.Summary("orders", "99.5% / 30d", "micrometer", null, null, List.of());

  /** An observation without the closed loop's part (as for a spec the checks do not see). */
  static StatusBuilder.Observation observe(long gen, WorkflowOutcome outcome, Problem service) {
    return new StatusBuilder.Observation(gen, SUMMARY, new StatusBuilder.Services(1, 2, service),
        new StatusBuilder.Applied(outcome.applied(), outcome.apply()), null);
  }

  static WorkflowOutcome applied() {
    return new WorkflowOutcome(ALL, List.of(), List.of());
  }

  @Test
  void sameObservationGivesAnEqualStatusSoNothingIsWrittenOrAnnounced() {
    ObservedServiceStatus first = StatusBuilder.next(null, observe(1, applied(), FOUND), T0);
    ObservedServiceStatus again = StatusBuilder.next(first, observe(1, applied(), FOUND), T1);
    assertThat(again).isEqualTo(first);
    assertThat(StatusBuilder.find(again, StatusBuilder.READY).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(StatusBuilder.announcements(first, again)).isEmpty();
    assertThat(first.generated).isEqualTo(ALL);
    assertThat(StatusBuilder.find(first, StatusBuilder.RESOURCES_APPLIED).getMessage())
        .isEqualTo("ServiceMonitor orders, PrometheusRule orders, ConfigMap orders-dashboard up to date");
  }

  @Test
  void becomingReadyTheFirstTimeIsNotAnnounced() {
    ObservedServiceStatus first = StatusBuilder.next(null, observe(1, applied(), FOUND), T0);
    assertThat(StatusBuilder.announcements(null, first)).isEmpty();
  }

  @Test
  void transitionTimeMovesOnlyWhenTheStatusFlips() {
    ObservedServiceStatus ready = StatusBuilder.next(null, observe(1, applied(), FOUND), T0);
    ObservedServiceStatus notReady = StatusBuilder.next(ready, observe(2, applied(), NOT_FOUND), T1);
    assertThat(StatusBuilder.find(notReady, StatusBuilder.READY).getStatus()).isEqualTo("False");
    assertThat(StatusBuilder.find(notReady, StatusBuilder.READY).getReason()).isEqualTo("ServiceNotFound");
    assertThat(StatusBuilder.find(notReady, StatusBuilder.READY).getLastTransitionTime()).isEqualTo("2026-01-01T01:00:00Z");
    assertThat(StatusBuilder.find(notReady, StatusBuilder.RESOURCES_APPLIED).getLastTransitionTime())
        .isEqualTo("2026-01-01T00:00:00Z");
    assertThat(notReady.observedGeneration).isEqualTo(2);
  }

  @Test
  void oneProblemIsOneWarningEvenWhenTwoConditionsReportIt() {
    ObservedServiceStatus ready = StatusBuilder.next(null, observe(1, applied(), FOUND), T0);
    var clash = new WorkflowOutcome(ALL.subList(1, 3), List.of(),
        List.of(new NameClashException("ServiceMonitor", "orders", "managed by helm")));
    ObservedServiceStatus clashed = StatusBuilder.next(ready, observe(1, clash, FOUND), T1);
    // Ready and ResourcesApplied both say NameClash with the same message: one Event
    assertThat(StatusBuilder.announcements(ready, clashed)).singleElement().satisfies(a -> {
      assertThat(a.warning()).isTrue();
      assertThat(a.reason()).isEqualTo(Reason.NameClash);
      assertThat(a.message()).contains("ServiceMonitor orders already exists", "managed by helm");
    });
    // status.generated lists only what this ObservedService applied, never the other party's object
    assertThat(clashed.generated).extracting(g -> g.kind).containsExactly("PrometheusRule", "ConfigMap");
    // the clash goes away: one Normal Event for the recovery
    ObservedServiceStatus recovered = StatusBuilder.next(clashed, observe(1, applied(), FOUND), T1);
    assertThat(StatusBuilder.announcements(clashed, recovered)).singleElement()
        .satisfies(a -> assertThat(a.warning()).isFalse())
        .satisfies(a -> assertThat(a.reason()).isEqualTo(Reason.Ready));
  }

  @Test
  void applyProblemsWinOverServiceProblemsInTheReadyReason() {
    var clash = new WorkflowOutcome(List.of(), List.of(), List.of(new NameClashException("ServiceMonitor", "x", "no owner")));
    var s = StatusBuilder.next(null, observe(1, clash, NOT_FOUND), T0);
    assertThat(StatusBuilder.find(s, StatusBuilder.READY).getReason()).isEqualTo("NameClash");
    assertThat(StatusBuilder.find(s, StatusBuilder.SERVICE_FOUND).getReason()).isEqualTo("ServiceNotFound");
    assertThat(StatusBuilder.announcements(null, s)).extracting(StatusBuilder.Announcement::reason)
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

  static StatusBuilder.Observation checked(LiveReport live) {
    return checked(live, SUMMARY);
  }

  static StatusBuilder.Observation checked(LiveReport live, StatusBuilder.Summary summary) {
    WorkflowOutcome outcome = applied();
    return new StatusBuilder.Observation(1, summary, new StatusBuilder.Services(1, 2, FOUND),
        new StatusBuilder.Applied(outcome.applied(), outcome.apply()),
        new StatusBuilder.Checks(SELECTED.check(), live == null ? null : live.live(), null));
  }

  static LiveReport report(Check scraped) {
    return new LiveReport("selected", new LiveChecks(scraped, Check.ok(Reason.RulesHealthy, "loaded"),
        Check.ok(Reason.MetricsPresent, "found"), "1/1", 0, Map.of()), null, Histogram.UNKNOWN);
  }

  @Test
  void theObjectivesShowTheirBudgetsTheWorstAndANamedOneWithoutRequests() {
    var summary = new StatusBuilder.Summary("orders", "99.5% / 30d", "micrometer", null, null, List.of(
        new StatusBuilder.ObjectiveSummary(null, "99.5% / 30d", "availability from x", null),
        new StatusBuilder.ObjectiveSummary("checkout", "99.9% / 30d", "availability from x", "uri=\"/checkout\""),
        new StatusBuilder.ObjectiveSummary("api", "99% < 300ms / 30d, per route", "latency from the bucket le=\"0.3\"",
            "uri=~\"/api/.*\""),
        new StatusBuilder.ObjectiveSummary("admin", "99.9% / 30d", "availability from x", "uri=\"/admin\"")));
    ObservedServiceStatus s = StatusBuilder.next(null, withObjectives(summary, Map.of(
        "", new ObjectiveLive(0.874, null, false),
        "checkout", new ObjectiveLive(0.42, null, true),
        "api", new ObjectiveLive(0.611, "/api/b", true))), T0);
    assertThat(s.objectiveCount).isEqualTo(4);
    assertThat(s.worstBudget).isEqualTo("42% checkout");
    assertThat(s.objectives).extracting(o -> o.budgetRemaining)
        .containsExactly("87%", "42%", "61% (route /api/b)", null);
    assertThat(s.objectives.get(3).message).startsWith("Prometheus has no request of this objective (uri=\"/admin\")");
    assertThat(s.objectives.get(1).message).isNull();
    // nothing asked since a restart: the last budgets stay
    assertThat(StatusBuilder.next(s, withObjectives(summary, null), T1)).isEqualTo(s);
    // budgets move: a minute later status keeps the figures it shows (no write), five minutes later it takes them
    var later = withObjectives(summary, Map.of(
        "", new ObjectiveLive(0.86, null, false),
        "checkout", new ObjectiveLive(0.40, null, true),
        "api", new ObjectiveLive(0.60, "/api/b", true)));
    assertThat(StatusBuilder.next(s, later, T0.plusSeconds(60))).isEqualTo(s);
    ObservedServiceStatus refreshed = StatusBuilder.next(s, later, T0.plusSeconds(301));
    assertThat(refreshed.worstBudget).isEqualTo("40% checkout");
    assertThat(refreshed.budgetsAt).isEqualTo(T0.plusSeconds(301).toString());
  }

  /** The objectives observed with what Prometheus has for them (null: not asked since the operator started). */
  private static StatusBuilder.Observation withObjectives(StatusBuilder.Summary summary,
      Map<String, ObjectiveLive> objectives) {
    LiveChecks live = objectives == null ? null : new LiveChecks(Check.ok(Reason.TargetsUp, "1/1 up"),
        Check.ok(Reason.RulesHealthy, "loaded"), Check.ok(Reason.MetricsPresent, "found"), "1/1", 0, objectives);
    return new StatusBuilder.Observation(1, summary, new StatusBuilder.Services(1, 2, FOUND),
        new StatusBuilder.Applied(applied().applied(), applied().apply()),
        new StatusBuilder.Checks(SELECTED.check(), live, null));
  }

  @Test
  void monitoredIsTheFirstCheckThatFailsAndOnlyItIsAnnounced() {
    ObservedServiceStatus good = StatusBuilder.next(null, checked(report(Check.ok(Reason.TargetsUp, "1/1 up"))), T0);
    assertThat(StatusBuilder.find(good, StatusBuilder.MONITORED).getStatus()).isEqualTo("True");
    assertThat(good.conditions).extracting(Condition::getType).containsExactly("Ready", "ServiceFound",
        "ResourcesApplied", "Selected", "Scraped", "RulesLoaded", "MetricsFound", "Monitored");
    ObservedServiceStatus down = StatusBuilder.next(good,
        checked(report(Check.failed(Reason.TargetsDown, "0/1 up; connection refused"))), T1);
    Condition monitored = StatusBuilder.find(down, StatusBuilder.MONITORED);
    assertThat(monitored.getReason()).isEqualTo("TargetsDown");
    assertThat(monitored.getMessage()).isEqualTo("0/1 up; connection refused");
    assertThat(StatusBuilder.announcements(good, down)).singleElement()
        .satisfies(a -> assertThat(a.reason()).isEqualTo(Reason.TargetsDown));
    // back: one Normal Event for Monitored
    ObservedServiceStatus back = StatusBuilder.next(down, checked(report(Check.ok(Reason.TargetsUp, "1/1 up"))), T1);
    assertThat(StatusBuilder.announcements(down, back)).singleElement().satisfies(a -> {
      assertThat(a.warning()).isFalse();
      assertThat(a.reason()).isEqualTo(Reason.Monitored);
    });
  }

  @Test
  void unknownIsNotAnnouncedAndUncheckedKeepsWhatStatusSaid() {
    ObservedServiceStatus good = StatusBuilder.next(null, checked(report(Check.ok(Reason.TargetsUp, "1/1 up"))), T0);
    ObservedServiceStatus away = StatusBuilder.next(good,
        checked(report(Check.unknown(Reason.PrometheusUnreachable, "cannot reach"))), T1);
    assertThat(StatusBuilder.find(away, StatusBuilder.MONITORED).getStatus()).isEqualTo("Unknown");
    assertThat(StatusBuilder.announcements(good, away)).isEmpty();
    // a restarted operator that has not asked Prometheus yet writes nothing new
    assertThat(StatusBuilder.next(good, checked(null), T1)).isEqualTo(good);
  }

  @Test
  void theHistogramLayoutFoundIsKeptForARestartedOperator() {
    Histogram found = new Histogram(java.util.List.of(0.1, 0.3, 1.0), true);
    var status = StatusBuilder.next(null, checked(null,
        new StatusBuilder.Summary("orders", "99.5% / 30d", "micrometer", found, null, List.of())),
        java.time.Instant.EPOCH);
    assertThat(status.latencyBuckets).containsExactly(0.1, 0.3, 1.0);
    assertThat(status.nativeHistogram).isTrue();
    dev.sightline.operator.api.ObservedService o = new dev.sightline.operator.api.ObservedService();
    o.setStatus(status);
    assertThat(dev.sightline.operator.prometheus.PrometheusChecks.lastHistogram(o)).isEqualTo(found);
    assertThat(dev.sightline.operator.prometheus.PrometheusChecks.lastHistogram(
        new dev.sightline.operator.api.ObservedService())).isEqualTo(Histogram.UNKNOWN);
  }
}
