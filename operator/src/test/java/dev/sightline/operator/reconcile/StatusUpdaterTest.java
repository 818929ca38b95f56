package dev.sightline.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.api.ObservedServiceStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusUpdaterTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant T1 = Instant.parse("2026-01-01T01:00:00Z");

  static StatusUpdater.Observation ok(long gen) {
    return new StatusUpdater.Observation(gen, "orders", "99.5% / 30d", 1, 2, null, "1 Service(s) (orders) with 2 ready endpoint(s)",
        "Applied", "all up to date", true, List.of(new GeneratedObject("v1", "ConfigMap", "orders-dashboard")), null);
  }

  @Test
  void sameObservationGivesAnEqualStatusSoNothingIsWritten() {
    ObservedServiceStatus first = StatusUpdater.next(null, ok(1), T0);
    ObservedServiceStatus again = StatusUpdater.next(first, ok(1), T1);
    assertThat(again).isEqualTo(first);
    assertThat(StatusUpdater.find(again, StatusUpdater.READY).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void transitionTimeMovesOnlyWhenTheStatusFlips() {
    ObservedServiceStatus ready = StatusUpdater.next(null, ok(1), T0);
    var missing = new StatusUpdater.Observation(2, "orders", "99.5% / 30d", 0, 0, "ServiceNotFound", "Service orders not found",
        "Applied", "all up to date", true, List.of(), null);
    ObservedServiceStatus notReady = StatusUpdater.next(ready, missing, T1);
    assertThat(StatusUpdater.find(notReady, StatusUpdater.READY).getStatus()).isEqualTo("False");
    assertThat(StatusUpdater.find(notReady, StatusUpdater.READY).getReason()).isEqualTo("ServiceNotFound");
    assertThat(StatusUpdater.find(notReady, StatusUpdater.READY).getLastTransitionTime()).isEqualTo("2026-01-01T01:00:00Z");
    assertThat(StatusUpdater.find(notReady, StatusUpdater.RESOURCES_APPLIED).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(notReady.observedGeneration).isEqualTo(2);
  }

  @Test
  void applyProblemsWinOverServiceProblemsInTheReadyReason() {
    var both = new StatusUpdater.Observation(1, "x", "y", 0, 0, "ServiceNotFound", "no svc", "NameClash", "clash", false, List.of(), null);
    var s = StatusUpdater.next(null, both, T0);
    assertThat(StatusUpdater.find(s, StatusUpdater.READY).getReason()).isEqualTo("NameClash");
  }
}
