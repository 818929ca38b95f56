package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 7-day SLO window (99.5 %) on the real rule engine: a burn the week absorbs alerts on nothing,
 * a burn that spends the budget early opens a ticket and does not page. With the month's budget
 * shares scaled to a week (factors 0.7 and 0.233) the first ticketed for four days while the SLO
 * was met.
 */
class WeekWindowScenariosTest {
  static final String FAST = "SightlineAvailabilityBudgetBurnFast";
  static final String SLOW = "SightlineAvailabilityBudgetBurnSlow";
  /**
   * A day of normal traffic (0.1 % errors: 0.2x the budget) before each scenario; with the 96 h after it,
   * under the 10,000 samples promtool's test engine loads for one query (the budget's 7d sum at 1m).
   */
  static final int H = 24 * 60;
  static final int RUN = 96 * 60;

  static ObservedServiceModel week() {
    ObservedServiceSpec s = new ObservedServiceSpec();
    s.objectives = new ObjectivesSpec();
    s.objectives.availability = 99.5;
    s.objectives.window = "7d";
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop").build());
    o.setSpec(s);
    return ObservedServiceModel.fromCrd(o);
  }

  static TreeMap<Integer, Set<String>> run(Path dir, double errorShare) throws Exception {
    Traffic t = new Traffic().normal(H).phase(RUN, 10, errorShare, 0.001, true);
    return PromtoolTimeline.run(dir, week(), t.series(), H - 60, t.minutes(), 10);
  }

  @Test
  void aBurnTheWeekAbsorbsAlertsOnNothing(@TempDir Path dir) throws Exception {
    // 0.2 % errors = 0.4x the budget for 96 h: the objective is met
    var timeline = run(dir, 0.002);
    System.out.printf("scenario | %-55s | fired: %s%n", "7d window, 0.4x budget burn for 96 h",
        PromtoolTimeline.everFired(timeline));
    assertThat(PromtoolTimeline.everFired(timeline)).isEmpty();
  }

  @Test
  void aBurnThatSpendsTheBudgetEarlyTicketsAndDoesNotPage(@TempDir Path dir) throws Exception {
    // 0.8 % errors = 1.6x the budget: gone after 4.4 days of the 7
    var timeline = run(dir, 0.008);
    int ticket = PromtoolTimeline.firstFiring(timeline, SLOW, H);
    System.out.printf("scenario | %-55s | %s after %d h %d min; fired: %s%n", "7d window, 1.6x budget burn for 96 h",
        SLOW, (ticket - H) / 60, (ticket - H) % 60, PromtoolTimeline.everFired(timeline));
    assertThat(ticket).as("a ticket").isPositive();
    assertThat(PromtoolTimeline.everFired(timeline)).doesNotContain(FAST);
  }
}
