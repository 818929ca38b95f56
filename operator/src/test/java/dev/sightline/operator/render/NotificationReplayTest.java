package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.render.routing.AlertmanagerConfigRenderer;
import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.model.ObservedServiceModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The notification replay behind docs/alerts.md's notification columns, on hand-made timelines: group
 * wait, muting by the renderer's inhibitions, and a muted alert notifying once what muted it stops.
 */
class NotificationReplayTest {
  static final String FAST_BURN = "SightlineAvailabilityBudgetBurnFast";
  static final String HIGH_ERRORS = AlertScenarios.HIGH_ERRORS;
  static final String SLOW_BURN = AlertScenarios.AVAILABILITY_SLOW;
  static final ObservedServiceModel MODEL = AlertScenarios.standard(MetricConvention.MICROMETER);

  /** An incident from minute 10 to 40; each alert fires over [from, to). */
  static AlertScenario.Outcome outcome(Map<String, int[]> firing) {
    AlertScenario scenario = new AlertScenario("replay", Set.of(MetricConvention.MICROMETER), c -> MODEL,
        m -> Map.of(), 1, 120, 1, 10, 40, o -> {}, 60);
    TreeMap<Integer, Set<String>> timeline = new TreeMap<>();
    firing.forEach((alert, span) -> {
      for (int m = span[0]; m < span[1]; m++) {
        timeline.computeIfAbsent(m, k -> new TreeSet<>()).add(alert);
      }
    });
    return new AlertScenario.Outcome(scenario, MODEL, timeline, new TreeSet<>(Set.of(FAST_BURN, HIGH_ERRORS)),
        new TreeSet<>(Set.of(SLOW_BURN)));
  }

  @Test
  void theAlertFiringFirstNotifiesAndTheOneItMutesDoesNot() {
    var o = outcome(Map.of(FAST_BURN, new int[] {12, 50}, HIGH_ERRORS, new int[] {14, 30}));
    assertThat(ScenarioCells.pages(o, List.of())).isEqualTo(2);
    assertThat(ScenarioCells.pages(o, AlertmanagerConfigRenderer.INHIBITIONS)).isEqualTo(1);
  }

  @Test
  void aMutedAlertNotifiesWhenWhatMutedItStops() {
    // reversed: HighErrorRate mutes the fast burn, resolves first, and the fast burn still fires
    var o = outcome(Map.of(FAST_BURN, new int[] {14, 50}, HIGH_ERRORS, new int[] {12, 30}));
    assertThat(ScenarioCells.pages(o, ScenarioCells.OPPOSITE)).isEqualTo(2);
    assertThat(ScenarioCells.pages(o, AlertmanagerConfigRenderer.INHIBITIONS)).as("HighErrorRate first: both page").isEqualTo(2);
  }

  @Test
  void aTicketWaitsItsGroupWaitAndAPageWithinItMutesIt() {
    var o = outcome(Map.of(SLOW_BURN, new int[] {11, 30}, FAST_BURN, new int[] {13, 35}));
    assertThat(o.notifications(o.tickets(), "5m", List.of())).isEqualTo(1);
    assertThat(o.notifications(o.tickets(), "5m", AlertmanagerConfigRenderer.INHIBITIONS))
        .as("muted at minute 16, resolved before the page").isZero();
    assertThat(o.notifications(o.tickets(), "1m", AlertmanagerConfigRenderer.INHIBITIONS))
        .as("flushed at minute 12, before the page").isEqualTo(1);
  }
}
