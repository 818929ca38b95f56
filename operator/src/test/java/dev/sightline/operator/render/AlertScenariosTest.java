package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.LatencyObjectiveSpec;
import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents and noise replayed through the real Prometheus rule engine (promtool test rules) on the
 * rules Sightline renders for a micrometer service with 99.5 % availability and 99 % under 300 ms
 * over 30 days. Each scenario asserts what must fire and what must not; detection times are
 * printed and recorded in docs/alerts.md. Traffic is 10 requests/s, one sample per minute, rule
 * evaluation every minute.
 */
class AlertScenariosTest {
  static final String FAST = "SightlineAvailabilityBudgetBurnFast";
  static final String SLOW = "SightlineAvailabilityBudgetBurnSlow";
  static final String LATENCY_FAST = "SightlineLatencyBudgetBurnFast";
  static final String HIGH_ERRORS = "SightlineHighErrorRate";
  static final String TARGET_DOWN = "SightlineTargetDown";
  static final Set<String> PAGES = Set.of(FAST, LATENCY_FAST, HIGH_ERRORS, TARGET_DOWN);

  /**
   * Three days of normal traffic before each incident, so every window up to 3d holds real history
   * (on a service younger than a window, that window sees only the young data and is more sensitive).
   */
  static final int H = 3 * 24 * 60;

  static ObservedServiceModel spec;

  @BeforeAll
  static void render() {
    ObservedServiceSpec s = new ObservedServiceSpec();
    s.objectives = new ObjectivesSpec();
    s.objectives.availability = 99.5;
    s.objectives.window = "30d";
    s.objectives.latency = new LatencyObjectiveSpec();
    s.objectives.latency.threshold = "300ms";
    s.objectives.latency.target = 99.0;
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop").build());
    o.setSpec(s);
    spec = ObservedServiceModel.fromCrd(o);
  }

  /** The timeline from an hour before the incident (the history must be quiet) to the end. */
  static TreeMap<Integer, Set<String>> run(Path dir, Traffic t, int step) throws Exception {
    return PromtoolTimeline.run(dir, spec, t.series(), H - 60, t.minutes(), step);
  }

  static void report(String scenario, String result) {
    System.out.printf("scenario | %-55s | %s%n", scenario, result);
  }

  @Test
  void errorStormPagesWithinFiveMinutesAndRecoveryResolves(@TempDir Path dir) throws Exception {
    Traffic t = new Traffic().normal(H).phase(10, 10, 0.20, 0.001, true).normal(30);
    var timeline = run(dir, t, 1);
    int fired = PromtoolTimeline.firstFiring(timeline, HIGH_ERRORS, H);
    report("error storm: 20 % errors for 10 min", "pages: " + HIGH_ERRORS + " after " + (fired - H) + " min; fired: "
        + PromtoolTimeline.everFired(timeline));
    assertThat(fired).as("HighErrorRate fires").isPositive();
    assertThat(fired - H).as("minutes from storm start to page").isLessThanOrEqualTo(5);
    assertThat(PromtoolTimeline.everFired(timeline.headMap(H))).as("nothing before the storm").isEmpty();
    int quiet = firstQuiet(timeline, H + 10);
    report("recovery after the storm", "all alerts resolved " + (quiet - H - 10) + " min after errors stop");
    assertThat(quiet - H - 10).as("minutes from recovery to resolved").isBetween(0, 6);
    assertThat(timeline.tailMap(quiet).values()).as("stays resolved").allMatch(Set::isEmpty);
  }

  @Test
  void oneMinuteBlipOfTotalFailurePagesNoOne(@TempDir Path dir) throws Exception {
    Traffic t = new Traffic().normal(H).phase(1, 10, 1.0, 0.001, true).normal(40);
    var timeline = run(dir, t, 1);
    report("60 s blip of 100 % errors", "fired: " + PromtoolTimeline.everFired(timeline));
    assertThat(PromtoolTimeline.everFired(timeline)).doesNotContainAnyElementsOf(PAGES);
  }

  @Test
  void slowBurnAtTwiceTheBudgetOpensATicketButNeverPages(@TempDir Path dir) throws Exception {
    // 1 % errors = 2x the 0.5 % budget, after three quiet days: only the 3d/6h pair (factor 1) can see
    // it, once the 3d ratio passes 0.5 %, i.e. after about 36 h (see docs/alerts.md).
    int days = H;
    Traffic t = new Traffic().normal(days).phase(48 * 60, 10, 0.01, 0.001, true);
    var timeline = run(dir, t, 10);
    int ticket = PromtoolTimeline.firstFiring(timeline, SLOW, days);
    report("slow burn: 1 % errors (2x budget) for 48 h", SLOW + " after " + hours(ticket - days) + "; pages: "
        + intersect(PromtoolTimeline.everFired(timeline), PAGES));
    assertThat(PromtoolTimeline.everFired(timeline.headMap(days))).as("quiet history").isEmpty();
    assertThat(ticket).as("slow burn opens a ticket").isPositive();
    assertThat(PromtoolTimeline.everFired(timeline)).doesNotContainAnyElementsOf(PAGES);
  }

  @Test
  void latencyRegressionFiresTheLatencySloAlert(@TempDir Path dir) throws Exception {
    Traffic t = new Traffic().normal(H).phase(60, 10, 0.001, 0.5, true);
    var timeline = run(dir, t, 1);
    int fired = PromtoolTimeline.firstFiring(timeline, LATENCY_FAST, H);
    report("latency regression: half the requests over 300 ms", LATENCY_FAST + " after " + (fired - H) + " min; fired: "
        + PromtoolTimeline.everFired(timeline));
    assertThat(fired).isPositive();
    assertThat(fired - H).isLessThanOrEqualTo(30);
    assertThat(PromtoolTimeline.everFired(timeline)).doesNotContain(FAST, SLOW, HIGH_ERRORS);
  }

  @Test
  void targetDownFiresTargetDown(@TempDir Path dir) throws Exception {
    Traffic t = new Traffic().normal(H).phase(20, 10, 0, 0, false);
    var timeline = run(dir, t, 1);
    int fired = PromtoolTimeline.firstFiring(timeline, TARGET_DOWN, H);
    report("target down (up == 0)", TARGET_DOWN + " after " + (fired - H) + " min; fired: "
        + PromtoolTimeline.everFired(timeline));
    assertThat(fired).isPositive();
    assertThat(fired - H).isLessThanOrEqualTo(7);
  }

  @Test
  void nearZeroTrafficWithOneErrorPagesNoOne(@TempDir Path dir) throws Exception {
    // one request every 10 minutes, and one of them fails: 100 % error ratio over short windows
    Traffic t = new Traffic().phase(H, 0, 0, 0, true).phase(1, 1 / 60.0, 1.0, 0, true);
    for (int i = 0; i < 12; i++) {
      t.phase(9, 0, 0, 0, true).phase(1, 1 / 60.0, 0, 0, true);
    }
    var timeline = run(dir, t, 1);
    report("near-zero traffic, one failed request", "fired: " + PromtoolTimeline.everFired(timeline));
    assertThat(PromtoolTimeline.everFired(timeline)).isEmpty();
  }

  @Test
  void healthyTrafficWithinBudgetFiresNothing(@TempDir Path dir) throws Exception {
    Traffic t = new Traffic().phase(H + 180, 10, 0.002, 0.005, true);
    var timeline = run(dir, t, 1);
    report("healthy: 0.2 % errors, 0.5 % slow for 3 days + 3 h", "fired: " + PromtoolTimeline.everFired(timeline));
    assertThat(PromtoolTimeline.everFired(timeline)).isEmpty();
  }

  private static int firstQuiet(TreeMap<Integer, Set<String>> timeline, int from) {
    for (int m = from; m <= timeline.lastKey() + 1; m++) {
      if (!timeline.containsKey(m) || timeline.get(m).isEmpty()) {
        return m;
      }
    }
    return -1;
  }

  private static String hours(int minutes) {
    return minutes / 60 + " h " + minutes % 60 + " min";
  }

  private static Set<String> intersect(Set<String> a, Set<String> b) {
    return a.stream().filter(b::contains).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }
}
