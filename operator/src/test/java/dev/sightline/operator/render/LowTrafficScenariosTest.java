package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.model.ObservedServiceModel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Outages of small services and outages whose traffic collapses, in every convention, on the real
 * rule engine: a low-traffic guard must not hide them, and one incident is one page episode.
 */
class LowTrafficScenariosTest {
  static final Set<String> PAGES = Set.of("SightlineAllRequestsFail", "SightlineAvailabilityBudgetBurnFast",
      "SightlineHighErrorRate", "SightlineTargetDown", "SightlineLatencyBudgetBurnFast");
  static final int H = ConventionScenariosTest.H;

  static TreeMap<Integer, Set<String>> run(Path dir, MetricConvention c, Traffic t) throws Exception {
    ObservedServiceModel model = ConventionScenariosTest.spec(c);
    return PromtoolTimeline.run(dir, model, t.series(model.metrics().names()), H - 60, t.minutes(), 1);
  }

  /** Starts of page episodes: minutes at which some page fires and none fired the minute before. */
  static int pageEpisodes(TreeMap<Integer, Set<String>> timeline, int from, int to) {
    int episodes = 0;
    boolean paging = false;
    for (int m = from; m <= to; m++) {
      Set<String> firing = timeline.getOrDefault(m, Set.of());
      boolean now = firing.stream().anyMatch(PAGES::contains);
      if (now && !paging) {
        episodes++;
      }
      paging = now;
    }
    return episodes;
  }

  /** Starts of firing episodes of one alert between two minutes. */
  static int alertEpisodes(TreeMap<Integer, Set<String>> timeline, String alert, int from, int to) {
    int episodes = 0;
    boolean was = false;
    for (int m = from; m <= to; m++) {
      boolean now = timeline.getOrDefault(m, Set.of()).contains(alert);
      episodes += now && !was ? 1 : 0;
      was = now;
    }
    return episodes;
  }

  static int firstPage(TreeMap<Integer, Set<String>> timeline, int from) {
    return timeline.tailMap(from).entrySet().stream()
        .filter(e -> e.getValue().stream().anyMatch(PAGES::contains)).mapToInt(Map.Entry::getKey).findFirst()
        .orElse(-1);
  }

  // auto renders the rules of the convention it found: no series of its own
  @ParameterizedTest
  @EnumSource(value = MetricConvention.class, names = "AUTO", mode = EnumSource.Mode.EXCLUDE)
  void aSmallServiceThatFailsEveryRequestPages(MetricConvention c, @TempDir Path dir) throws Exception {
    // 0.05 requests/s, every one failing, for an hour
    Traffic t = new Traffic().normal(H).phase(60, 0.05, 1.0, 0.001, true);
    var timeline = run(dir, c, t);
    int page = firstPage(timeline, H);
    System.out.printf("scenario | %-17s | %-45s | first page after %d min: %s; episodes %d%n", c,
        "0.05 req/s, 100 % errors for 1 h", page - H, timeline.getOrDefault(page, Set.of()),
        pageEpisodes(timeline, H, t.minutes()));
    assertThat(page).as("a page").isPositive();
    assertThat(page - H).as("minutes to the page").isLessThanOrEqualTo(10);
    assertThat(pageEpisodes(timeline, H, t.minutes())).as("page episodes").isEqualTo(1);
    assertThat(PromtoolTimeline.everFired(timeline.headMap(H))).as("quiet history").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = MetricConvention.class, names = "AUTO", mode = EnumSource.Mode.EXCLUDE)
  void anOutageWhoseCallersBackOffIsOnePageEpisode(MetricConvention c, @TempDir Path dir) throws Exception {
    // full outage at 10 req/s; after 12 minutes circuit breakers cut traffic to 0.05 req/s of failing probes
    // for an hour; then the service recovers
    Traffic t = new Traffic().normal(H).phase(12, 10, 1.0, 0.001, true).phase(60, 0.05, 1.0, 0.001, true)
        .normal(60);
    var timeline = run(dir, c, t);
    int episodes = pageEpisodes(timeline, H, H + 72);
    int page = firstPage(timeline, H);
    int quiet = H + 72;
    while (quiet <= t.minutes() && timeline.getOrDefault(quiet, Set.of()).stream().anyMatch(PAGES::contains)) {
      quiet++;
    }
    System.out.printf("scenario | %-17s | %-45s | first page after %d min, %d episode(s), resolved %d min after"
        + " recovery%n", c, "outage, then callers back off (0.05 req/s)", page - H, episodes, quiet - H - 72);
    assertThat(page - H).as("minutes to the page").isBetween(0, 5);
    assertThat(episodes).as("page episodes in one incident").isEqualTo(1);
    // no page resolves mid-incident (a "resolved" notification while everything still fails): once firing,
    // each holds until the service recovers
    for (String alert : PromtoolTimeline.everFired(timeline)) {
      int first = PromtoolTimeline.firstFiring(timeline, alert, H);
      for (int m = first; m < H + 72; m++) {
        assertThat(timeline.getOrDefault(m, Set.of())).as("%s still firing at minute %d of the outage", alert, m - H)
            .contains(alert);
      }
      assertThat(alertEpisodes(timeline, alert, H, t.minutes())).as("episodes of %s", alert).isEqualTo(1);
    }
    assertThat(PromtoolTimeline.everFired(timeline)).contains("SightlineHighErrorRate", "SightlineAllRequestsFail");
    assertThat(quiet).as("resolves after the recovery").isLessThanOrEqualTo(t.minutes());
  }

  @ParameterizedTest
  @EnumSource(value = MetricConvention.class, names = {"MICROMETER", "PROMETHEUS_CLIENT"})
  void aHandfulOfFailuresAtNearZeroTrafficNeverPages(MetricConvention c, @TempDir Path dir) throws Exception {
    // 0.01 requests/s (36 an hour) for an hour with 10 % failing: 3 or 4 failures
    Traffic t = new Traffic().normal(H).phase(60, 0.01, 0.1, 0.001, true).normal(30);
    var timeline = run(dir, c, t);
    System.out.printf("scenario | %-17s | %-45s | pages: %d episode(s)%n", c, "0.01 req/s, 10 % errors for 1 h",
        pageEpisodes(timeline, H, t.minutes()));
    assertThat(pageEpisodes(timeline, H, t.minutes())).isZero();
  }

  @org.junit.jupiter.api.Test
  void aSlowBurnWithDiurnalTrafficIsOneTicket(@TempDir Path dir) throws Exception {
    // 2.5 % errors (5x the 0.5 % budget) for two days of 12 h at 10 req/s and 12 h at 0.02 req/s: with a
    // traffic-rate guard the ticket closed each evening and reopened each morning
    Traffic t = new Traffic().normal(H);
    for (int day = 0; day < 2; day++) {
      t.phase(12 * 60, 10, 0.025, 0.001, true).phase(12 * 60, 0.02, 0.025, 0.001, true);
    }
    ObservedServiceModel model = ConventionScenariosTest.spec(MetricConvention.MICROMETER);
    // checked every 10 minutes: no page at any checked minute
    var timeline = PromtoolTimeline.run(dir, model, t.series(model.metrics().names()), H - 60, t.minutes(), 10);
    String slow = "SightlineAvailabilityBudgetBurnSlow";
    int ticks = 0;
    boolean was = false;
    for (int m = H; m <= t.minutes(); m += 10) {
      boolean now = timeline.getOrDefault(m, Set.of()).contains(slow);
      ticks += now && !was ? 1 : 0;
      was = now;
    }
    System.out.printf("scenario | %-17s | %-45s | %d ticket episode(s), first after %d min; pages: %d%n",
        MetricConvention.MICROMETER, "5x slow burn, diurnal traffic, 2 days", ticks,
        PromtoolTimeline.firstFiring(timeline, slow, H) - H, pageEpisodes(timeline, H, t.minutes()));
    assertThat(PromtoolTimeline.firstFiring(timeline, slow, H)).as("a ticket").isPositive();
    assertThat(ticks).as("ticket episodes for one slow burn").isEqualTo(1);
    assertThat(pageEpisodes(timeline, H, t.minutes())).as("pages").isZero();
  }
}
