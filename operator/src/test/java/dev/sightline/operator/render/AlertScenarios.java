package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.CustomMetricsSpec;
import dev.sightline.operator.api.Defaults;
import dev.sightline.operator.api.SloGrouping;
import dev.sightline.operator.api.SloSpec;
import dev.sightline.operator.render.routing.AlertmanagerConfigRenderer;
import dev.sightline.operator.api.LatencyObjectiveSpec;
import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.api.MetricsSpec;
import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.model.MetricNames;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The alert scenarios as data: incidents and noise on a 99.5 % / 99 % under 300 ms / 30d service
 * (unless a scenario says otherwise), 10 requests/s with 0.1 % errors and 0.1 % slow as normal
 * traffic, one scrape and one rule evaluation per minute. Adding a scenario is one entry here; the
 * table in docs/alerts.md follows.
 */
final class AlertScenarios {
  static final Set<MetricConvention> ALL = EnumSet.of(MetricConvention.MICROMETER, MetricConvention.PROMETHEUS_CLIENT,
      MetricConvention.OTEL, MetricConvention.CUSTOM);
  static final Set<MetricConvention> MICROMETER = EnumSet.of(MetricConvention.MICROMETER);
  /** Normal traffic before an incident: six hours, every short window full. */
  static final int H6 = 6 * 60;
  /** Three days before incidents the long windows must see history for (up to the 3d window). */
  static final int D3 = 3 * 24 * 60;
  static final String HIGH_ERRORS = "SightlineHighErrorRate";
  static final String HIGH_LATENCY = "SightlineHighLatency";
  static final String TARGET_DOWN = "SightlineTargetDown";
  static final String SLI_MISSING = "SightlineLatencySliMissing";
  static final String LATENCY_FAST = "SightlineLatencyBudgetBurnFast";
  static final String LATENCY_SLOW = "SightlineLatencyBudgetBurnSlow";
  static final String AVAILABILITY_SLOW = "SightlineAvailabilityBudgetBurnSlow";
  static final String AVAILABILITY_SLI_MISSING = "SightlineAvailabilitySliMissing";
  static final String REQUESTS_STUCK = "SightlineRequestsStuck";
  static final String AVAILABILITY_FAST = "SightlineAvailabilityBudgetBurnFast";
  static final String CHECKOUT_FAST = AVAILABILITY_FAST + "{slo=checkout}";
  static final Set<MetricConvention> WITH_IN_FLIGHT = EnumSet.of(MetricConvention.MICROMETER,
      MetricConvention.PROMETHEUS_CLIENT, MetricConvention.OTEL);

  private AlertScenarios() {}

  static final List<AlertScenario> ALL_SCENARIOS = List.of(
      traffic("error storm: 20 % errors for 10 min", ALL, AlertScenarios::standard,
          new Traffic().normal(D3).phase(10, 10, 0.20, 0.001, true).normal(40), 1, D3, D3 + 10, o -> {
            assertThat(o.firstPage()).as("minutes to the page").isNotNull().isLessThanOrEqualTo(5);
            assertThat(o.pagesResolvedAfter()).as("minutes from recovery to resolved").isNotNull()
                .isLessThanOrEqualTo(10);
            assertThat(o.pageEpisodes()).isEqualTo(1);
            // 10 minutes at 40x use 0.9 % of the monthly budget: no burn-rate alert
            assertThat(o.fired()).containsExactly(HIGH_ERRORS);
          }),
      traffic("60 s of 100 % errors", ALL, AlertScenarios::standard,
          new Traffic().normal(H6).phase(1, 10, 1.0, 0.001, true).normal(40), 1, H6, H6 + 1,
          o -> assertThat(o.firstPage()).as("no page").isNull()),
      traffic("latency regression: half the requests over 300 ms for 40 min", ALL, AlertScenarios::standard,
          new Traffic().normal(D3).phase(40, 10, 0.001, 0.5, true).normal(40), 1, D3, D3 + 40, o -> {
            assertThat(o.firstPage()).isNotNull().isLessThanOrEqualTo(30);
            assertThat(o.fired()).contains(LATENCY_FAST).doesNotContain(HIGH_ERRORS, AVAILABILITY_SLOW);
          }),
      traffic("target down for 45 min", ALL, AlertScenarios::standard,
          new Traffic().normal(H6).phase(45, 10, 0, 0, false).normal(40), 1, H6, H6 + 45, o -> {
            // no scrape answered for 5 minutes, then TargetDown's for: 5m (a flaky target answers some); held past
            // the quarter hour where the target's hour stops looking healthy, until the 30-minute silence takes over
            assertThat(o.firstPage()).isNotNull().isLessThanOrEqualTo(10);
            assertThat(o.pagesResolvedMidIncident()).as("pages resolved while the target was still down").isEmpty();
            assertThat(o.pageEpisodes()).isEqualTo(1);
            assertThat(o.fired()).contains(TARGET_DOWN);
          }),
      traffic("slow burn: 1 % errors (2x the budget) for 48 h", MICROMETER, AlertScenarios::standard,
          new Traffic().normal(D3).phase(48 * 60, 10, 0.01, 0.001, true), 10, D3, D3 + 48 * 60, o -> {
            // only the 3d/6h pair (factor 1) sees 2x, once the 3d ratio passes 0.5 %: about 36 h
            assertThat(o.firstTicket()).as("a ticket").isNotNull();
            assertThat(o.firstPage()).as("never a page").isNull();
          }),
      traffic("near-zero traffic: one request per 10 min, one failing", MICROMETER, AlertScenarios::standard,
          nearZero(), 1, -1, -1, o -> assertThat(o.fired()).isEmpty()),
      traffic("healthy: 0.2 % errors, 0.5 % slow for 3 d", MICROMETER, AlertScenarios::standard,
          new Traffic().phase(D3 + 180, 10, 0.002, 0.005, true), 1, -1, -1, o -> assertThat(o.fired()).isEmpty()),
      traffic("#1 small service fails every request: 0.05 req/s for 1 h", ALL, AlertScenarios::standard,
          new Traffic().normal(H6).phase(60, 0.05, 1.0, 0.001, true).normal(60), 1, H6, H6 + 60, o -> {
            assertThat(o.firstPage()).isNotNull().isLessThanOrEqualTo(10);
            assertThat(o.pageEpisodes()).isEqualTo(1);
          }),
      traffic("#2 outage at 10 req/s, callers back off to 0.05 req/s for 1 h", ALL, AlertScenarios::standard,
          new Traffic().normal(H6).phase(12, 10, 1.0, 0.001, true).phase(60, 0.05, 1.0, 0.001, true).normal(60), 1,
          H6, H6 + 72, o -> {
            assertThat(o.firstPage()).isNotNull().isLessThanOrEqualTo(5);
            assertThat(o.pageEpisodes()).as("page episodes in one incident").isEqualTo(1);
            assertThat(o.pagesResolvedMidIncident()).as("pages resolved while everything still failed").isEmpty();
            assertThat(o.fired()).contains(HIGH_ERRORS, "SightlineAllRequestsFail");
            assertThat(o.pagesResolvedAfter()).as("pages resolve after the recovery").isNotNull();
          }),
      traffic("a handful of failures: 0.01 req/s, 10 % failing for 1 h", ALL, AlertScenarios::standard,
          new Traffic().normal(H6).phase(60, 0.01, 0.1, 0.001, true).normal(30), 1, H6, H6 + 60,
          o -> assertThat(o.firstPage()).as("no page").isNull()),
      scenario("#3 FastAPI buckets (0.1, 0.5, 1), 300 ms objective: half at 400 ms for 30 min", ALL,
          c -> fastapi(c, "300ms", List.of(0.1, 0.5, 1.0)),
          m -> HistogramScrapes.fastapi(m.metrics().names(), new int[] {H6, 30, 30}, new double[][] {{0.001, 0}, {0.5, 0}, {0.001, 0}}),
          H6 + 60, 1, H6, H6 + 30, o -> {
            // interpolated between 0.1 and 0.5: 25 % of the requests count as slow, enough for the ticket
            assertThat(o.fired()).contains(LATENCY_SLOW).doesNotContain(SLI_MISSING);
            assertThat(o.firstTicket()).isNotNull().isLessThanOrEqualTo(20);
          }),
      scenario("#3 FastAPI buckets, bucket layout not seen yet: half at 400 ms", ALL,
          c -> fastapi(c, "300ms", List.of()),
          m -> HistogramScrapes.fastapi(m.metrics().names(), new int[] {60}, new double[][] {{0.5, 0}}), 60, 1, 0, 60, o -> {
            assertThat(o.first(SLI_MISSING)).isBetween(15, 20);
            assertThat(o.firstPage()).isNull();
          }),
      scenario("#3 2 s objective, buckets up to 1 s (no SLI possible)", ALL,
          c -> fastapi(c, "2s", List.of(0.1, 0.5, 1.0)),
          m -> HistogramScrapes.fastapi(m.metrics().names(), new int[] {60}, new double[][] {{0.03, 0}}), 60, 1, 0, 60, o -> {
            assertThat(o.fired()).containsExactly(SLI_MISSING);
            assertThat(o.first(SLI_MISSING)).isBetween(15, 20);
          }),
      traffic("#5 slow burn 5x, diurnal traffic (12 h at 10 req/s, 12 h at 0.02) for 2 days", ALL,
          AlertScenarios::standard, diurnal(), 10, H6, H6 + 48 * 60, o -> {
            assertThat(o.firstTicket()).isNotNull();
            assertThat(o.ticketEpisodes()).as("ticket episodes for one slow burn").isEqualTo(1);
            assertThat(o.firstPage()).isNull();
          }),
      traffic("#6 7d window: 0.4x budget burn for 96 h", ALL, AlertScenarios::week,
          new Traffic().normal(24 * 60).phase(96 * 60, 10, 0.002, 0.001, true), 10, -1, -1,
          o -> assertThat(o.fired()).isEmpty()),
      traffic("#6 7d window: 1.6x budget burn for 96 h", ALL, AlertScenarios::week,
          new Traffic().normal(24 * 60).phase(96 * 60, 10, 0.008, 0.001, true), 10, 24 * 60, 120 * 60, o -> {
            assertThat(o.firstTicket()).isNotNull();
            assertThat(o.firstPage()).isNull();
          }),
      scenario("#7 FastAPI buckets, 3 % at 150 ms, none over 300 ms, for 12 h", ALL,
          c -> fastapi(c, "300ms", List.of(0.1, 0.5, 1.0)),
          m -> HistogramScrapes.fastapi(m.metrics().names(), new int[] {H6 + 12 * 60}, new double[][] {{0.03, 0}}), H6 + 12 * 60, 10, -1,
          -1, o -> {
            // p99 interpolates to 0.367 s: HighLatency must not fire; the interpolated SLI counts half of
            // (0.1, 0.5] as slow (1.5 %), a slow-burn ticket at most, never a page
            assertThat(o.fired()).doesNotContain(HIGH_LATENCY, LATENCY_FAST);
          }),
      scenario("#8 scraped every 2 min: 20 % errors for 20 min", ALL, AlertScenarios::everyTwoMinutes,
          m -> Traffic.scrapedEvery(new Traffic().normal(H6).phase(20, 10, 0.20, 0.001, true).normal(40)
              .series(m.metrics().names()), 2),
          H6 + 60, 1, H6, H6 + 20, o -> {
            assertThat(o.fired()).contains(HIGH_ERRORS);
            assertThat(o.firstPage()).isNotNull().isLessThanOrEqualTo(10);
          }),
      scenario("native histogram: half at 400 ms for 1 h", ALL, AlertScenarios::nativeOnly,
          m -> HistogramScrapes.nativeOnly(m.metrics().names(), new int[] {H6, 60, 60}, new double[] {0.005, 0.5, 0.005}),
          H6 + 120, 1, H6,
          H6 + 60, o -> {
            // histogram_fraction interpolates exponentially inside (0.25, 0.5]: 37 % count as slow, and the 1h
            // window passes 14.4 x the 1 % budget after 60 x 0.144 / 0.37 = 23 min
            assertThat(o.firstPage()).isBetween(20, 25);
            assertThat(o.fired()).contains(HIGH_LATENCY).doesNotContain(SLI_MISSING);
          }),
      scenario("#23.1 rolling deploy: 5 pods, each answers no scrape and is not ready for its first 2 min", MICROMETER,
          AlertScenarios::standard, m -> RoutineEvents.rollingDeploy(m.metrics().names(), H6, 5, 60), H6 + 70, 1,
          -1, -1, o -> assertThat(o.fired()).isEmpty()),
      scenario("#23.1 a pod restarted 2 min ago stops answering for 20 min", MICROMETER, AlertScenarios::standard,
          m -> RoutineEvents.youngTargetDown(m.metrics().names(), H6, 2, 20, 40), H6 + 64, 1, H6 + 4, H6 + 24, o -> {
            // its hour holds two minutes of answers: steady (few changes of up), so silence is down
            assertThat(o.firstPage()).isNotNull().isLessThanOrEqualTo(10);
            assertThat(o.pageEpisodes()).isEqualTo(1);
            assertThat(o.fired()).containsExactly(TARGET_DOWN);
          }),
      new AlertScenario("#23.2 flaky scrapes: 1 pod of 3 fails 70 % of its scrapes (every 30 s) for 2 h", MICROMETER,
          AlertScenarios::standard, m -> RoutineEvents.flakyScrapes(m.metrics().names(), H6, 120, 0.7, 60),
          H6 + 180 - 240, H6 + 180, 1, -1, -1, o -> {
            assertThat(o.fired()).doesNotContain(TARGET_DOWN);
            assertThat(o.ticketEpisodes()).as("ticket episodes").isLessThanOrEqualTo(1);
          }, 30),
      scenario("#23.3 metrics renamed (to OTel's, or prometheus-client's), 2 h later every request fails for 15 min",
          ALL, AlertScenarios::standard,
          m -> RoutineEvents.renamed(m.metrics().names(), MetricNames.CONVENTIONS.get(
              m.metrics().convention() == MetricConvention.OTEL ? MetricConvention.PROMETHEUS_CLIENT : MetricConvention.OTEL),
              H6, 120, 15, 60), H6 + 195, 1, H6, H6 + 135, o -> {
            assertThat(o.first(AVAILABILITY_SLI_MISSING)).as("minutes from the rename").isNotNull().isBetween(5, 20);
            assertThat(o.ticketEpisodes()).as("one ticket, held through the outage").isEqualTo(1);
          }),
      traffic("#23.4 hang: no request completes, 300 in flight, /metrics answers, for 30 min", WITH_IN_FLIGHT,
          AlertScenarios::standard, new Traffic().normal(H6).hang(30, 300).normal(60), 1, H6, H6 + 30, o -> {
            assertThat(o.firstPage()).isNotNull().isLessThanOrEqualTo(10);
            assertThat(o.pageEpisodes()).isEqualTo(1);
            assertThat(o.fired()).contains(REQUESTS_STUCK);
          }),
      traffic("#23.5 flapping: 30 % errors 5 min on, 5 min off, for 1 h", MICROMETER, AlertScenarios::standard,
          flapping(), 1, H6, H6 + 60, o -> {
            assertThat(o.pageEpisodes()).as("page episodes in one incident").isEqualTo(1);
            assertThat(ScenarioCells.pages(o, List.of())).as("page notifications without routing")
                .isLessThanOrEqualTo(2);
          }),
      new AlertScenario("#23.6 quiet nights: 0.5 % errors (5x a 99.9 % budget, 28d) for 2 days after a healthy one,"
          + " 12 h at 2 req/s, 12 h at 0.05, random failures, whole requests every 30 s", MICROMETER,
          AlertScenarios::strict, m -> RoutineEvents.quietNights(m.metrics().names(), 1, 0.0005, 2, 0.005, 2, 0.05),
          24 * 60 - AlertScenario.QUIET_BEFORE, 72 * 60, 1, 24 * 60, 72 * 60, o -> {
            assertThat(o.firstTicket()).as("the slow-burn ticket").isNotNull().isLessThanOrEqualTo(5 * 60);
            assertThat(o.firstPage()).as("never a page").isNull();
          }, 30),
      scenario("#23.7 bucket layout change: a 3-minute rolling deploy to FastAPI's buckets (no 300 ms bucket),"
          + " nothing slower", ALL, c -> fastapi(c, "300ms", List.of(0.1, 0.3, 0.5, 1.0)),
          m -> RoutineEvents.layoutChange(m.metrics().names(), H6, 8 * 60), H6 + 8 * 60, 1, H6, H6 + 8 * 60, o -> {
            assertThat(o.firstPage()).as("no page").isNull();
            assertThat(o.first(SLI_MISSING)).isNotNull().isBetween(15, 30);
          }),
      scenario("#25 one route of ten fails every request for 30 min, 2 % of the traffic; objective checkout 99.9 %"
          + " on it", ALL, c -> withSlos(c, slo("checkout", "/checkout", 99.9, null, false)),
          m -> Traffic.routes(m.metrics().names(), tenRoutes(new Traffic().phase(H6, 0.2, 0.001, 0.001, true).phase(30, 0.2, 1.0, 0.001, true)
              .phase(60, 0.2, 0.001, 0.001, true))), H6 + 90, 1, H6, H6 + 30, o -> {
            assertThat(o.first(CHECKOUT_FAST)).as("minutes to checkout's page").isNotNull().isLessThanOrEqualTo(5);
            assertThat(o.fired()).as("the service-wide objective and symptoms do not page")
                .doesNotContain(AVAILABILITY_FAST, HIGH_ERRORS);
            assertThat(o.pageEpisodes()).isEqualTo(1);
          }),
      scenario("#25 grouped latency objective (api, per route, 99 % < 300 ms): /api/b half over 300 ms for 40 min",
          ALL, c -> withSlos(c, slo("api", null, null, "300ms", true)),
          m -> Traffic.routes(m.metrics().names(), Map.of(
              "/api/a", new Traffic().normal(H6).normal(100),
              "/api/b", new Traffic().normal(H6).phase(40, 10, 0.001, 0.5, true).normal(60),
              "/api/c", new Traffic().normal(H6).normal(100))), H6 + 100, 1, H6, H6 + 40, o -> {
            String b = LATENCY_FAST + "{slo=api,route=/api/b}";
            // 50 % slow passes 14.4 x the 1 % budget in the 1h window after about 17 min, as service-wide
            assertThat(o.first(b)).as("minutes to /api/b's page").isNotNull().isLessThanOrEqualTo(30);
            assertThat(o.fired().stream().filter(a -> a.contains("slo=api")))
                .as("only /api/b's objective alerts").allMatch(a -> a.contains("route=/api/b"));
          }),
      scenario("#25 two objectives burn at once: checkout and search each fail every request for 30 min", ALL,
          c -> withSlos(c, slo("checkout", "/checkout", 99.9, null, false), slo("search", "/search", 99.5, null, false)),
          m -> Traffic.routes(m.metrics().names(), Map.of(
              "/orders", new Traffic().normal(H6).normal(90),
              "/checkout", new Traffic().phase(H6, 0.2, 0.001, 0.001, true).phase(30, 0.2, 1.0, 0.001, true)
                  .phase(60, 0.2, 0.001, 0.001, true),
              "/search", new Traffic().phase(H6, 0.2, 0.001, 0.001, true).phase(30, 0.2, 1.0, 0.001, true)
                  .phase(60, 0.2, 0.001, 0.001, true))), H6 + 90, 1, H6, H6 + 30, o -> {
            assertThat(o.fired()).contains(CHECKOUT_FAST, AVAILABILITY_FAST + "{slo=search}");
            assertThat(o.notifications(Set.of(CHECKOUT_FAST), Defaults.PAGE_GROUP_WAIT,
                AlertmanagerConfigRenderer.INHIBITIONS)).as("checkout's page, routed").isEqualTo(1);
            assertThat(o.notifications(Set.of(AVAILABILITY_FAST + "{slo=search}"), Defaults.PAGE_GROUP_WAIT,
                AlertmanagerConfigRenderer.INHIBITIONS)).as("search's page, routed").isEqualTo(1);
          }),
      scenario("#25 an objective whose route gets no request (admin, 99.9 %) on a service with 0.2 % errors for"
          + " 3 d", MICROMETER, c -> withSlos(c, slo("admin", "/admin", 99.9, "300ms", false)),
          m -> new Traffic().phase(D3 + 180, 10, 0.002, 0.005, true).series(m.metrics().names()), D3 + 180, 1, -1,
          -1, o -> assertThat(o.fired()).isEmpty()));

  /** Ten routes: /checkout with this traffic, nine others at 1.09 req/s each (10 req/s with /checkout's 0.2). */
  private static Map<String, Traffic> tenRoutes(Traffic checkout) {
    Map<String, Traffic> routes = new java.util.LinkedHashMap<>();
    for (int i = 1; i <= 9; i++) {
      routes.put("/r" + i, new Traffic().phase(checkout.minutes(), 9.8 / 9, 0.001, 0.001, true));
    }
    routes.put("/checkout", checkout);
    return routes;
  }

  /** A named objective over one route (or every route when null), per route when grouped. */
  static SloSpec slo(String name, String route, Double availability, String latencyThreshold, boolean perRoute) {
    SloSpec s = new SloSpec();
    s.name = name;
    s.routes = route == null ? null : List.of(route);
    s.availability = availability;
    if (latencyThreshold != null) {
      s.latency = new LatencyObjectiveSpec();
      s.latency.threshold = latencyThreshold;
    }
    s.groupBy = perRoute ? SloGrouping.ROUTE : null;
    return s;
  }

  /** The standard service with named objectives. */
  static ObservedServiceModel withSlos(MetricConvention convention, SloSpec... slos) {
    return withSlos(convention, Histogram.UNKNOWN, slos);
  }

  /** The standard service with named objectives, its histogram's layout found by the closed loop. */
  static ObservedServiceModel withSlos(MetricConvention convention, Histogram histogram, SloSpec... slos) {
    ObservedServiceSpec s = spec(convention, "300ms");
    s.slos = List.of(slos);
    return model(s, histogram);
  }

  private static AlertScenario traffic(String name, Set<MetricConvention> conventions,
      Function<MetricConvention, ObservedServiceModel> model, Traffic t, int step, int start, int recovery,
      Consumer<AlertScenario.Outcome> expect) {
    return scenario(name, conventions, model, m -> t.series(m.metrics().names()), t.minutes(), step, start, recovery,
        expect);
  }

  private static AlertScenario scenario(String name, Set<MetricConvention> conventions,
      Function<MetricConvention, ObservedServiceModel> model, Function<ObservedServiceModel, Map<String, String>> series,
      int minutes, int step, int start, int recovery, Consumer<AlertScenario.Outcome> expect) {
    // an incident is checked from an hour before it (which must be quiet); noise over its last 4 hours, unless it
    // is checked every 10 minutes (then all of it)
    int from = start >= 0 ? start - AlertScenario.QUIET_BEFORE : step >= 10 ? step : minutes - 240;
    return new AlertScenario(name, conventions, model, series, from, minutes, step, start, recovery, expect, 60);
  }

  private static Traffic nearZero() {
    Traffic t = new Traffic().phase(D3, 0, 0, 0, true).phase(1, 1 / 60.0, 1.0, 0, true);
    for (int i = 0; i < 12; i++) {
      t.phase(9, 0, 0, 0, true).phase(1, 1 / 60.0, 0, 0, true);
    }
    return t;
  }

  /** 2.5 % errors (5x the budget) through two days of busy days and quiet nights. */
  private static Traffic diurnal() {
    Traffic t = new Traffic().normal(H6);
    for (int day = 0; day < 2; day++) {
      t.phase(12 * 60, 10, 0.025, 0.001, true).phase(12 * 60, 0.02, 0.025, 0.001, true);
    }
    return t;
  }

  /** 30 % errors five minutes on, five off, for an hour. */
  private static Traffic flapping() {
    Traffic t = new Traffic().normal(H6);
    for (int i = 0; i < 6; i++) {
      t.phase(5, 10, 0.3, 0.001, true).normal(5);
    }
    return t.normal(60);
  }

  /** 99.9 % over 28 days, no latency objective. */
  static ObservedServiceModel strict(MetricConvention convention) {
    ObservedServiceSpec s = spec(convention, null);
    s.objectives.availability = 99.9;
    s.objectives.window = "28d";
    return model(s, Histogram.UNKNOWN);
  }

  /** The standard service in a convention: 99.5 %, 99 % under 300 ms, 30d. */
  static ObservedServiceModel standard(MetricConvention convention) {
    return model(spec(convention, "300ms"), Histogram.UNKNOWN);
  }

  /** 99.5 % over 7 days, no latency objective. */
  static ObservedServiceModel week(MetricConvention convention) {
    ObservedServiceSpec s = spec(convention, null);
    s.objectives.window = "7d";
    return model(s, Histogram.UNKNOWN);
  }

  /** A service with FastAPI's buckets whose layout the closed loop found (or not yet: empty). */
  static ObservedServiceModel fastapi(MetricConvention convention, String threshold, List<Double> buckets) {
    return model(spec(convention, threshold), new Histogram(buckets, false));
  }

  /** A service whose latency histogram is native only. */
  static ObservedServiceModel nativeOnly(MetricConvention convention) {
    return model(spec(convention, "300ms"), new Histogram(List.of(), true));
  }

  /** Scraped every 2 minutes, 99.5 %, no latency objective. */
  static ObservedServiceModel everyTwoMinutes(MetricConvention convention) {
    ObservedServiceSpec s = spec(convention, null);
    s.interval = "2m";
    s.scrapeTimeout = "10s";
    return model(s, Histogram.UNKNOWN);
  }

  /** The spec in a convention (custom: shop_* names and other labels), with a latency threshold or none. */
  private static ObservedServiceSpec spec(MetricConvention convention, String latencyThreshold) {
    ObservedServiceSpec s = new ObservedServiceSpec();
    s.metrics = new MetricsSpec();
    s.metrics.convention = convention;
    if (convention == MetricConvention.CUSTOM) {
      s.metrics.custom = new CustomMetricsSpec();
      s.metrics.custom.requestsTotal = "shop_requests_total";
      s.metrics.custom.durationHistogram = "shop_request_seconds";
      s.metrics.custom.statusLabel = "code";
      s.metrics.custom.routeLabel = "path";
      s.metrics.custom.methodLabel = "verb";
    }
    s.objectives = new ObjectivesSpec();
    if (latencyThreshold != null) {
      s.objectives.latency = new LatencyObjectiveSpec();
      s.objectives.latency.threshold = latencyThreshold;
    }
    return s;
  }

  private static ObservedServiceModel model(ObservedServiceSpec s, Histogram histogram) {
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop").build());
    o.setSpec(s);
    return ObservedServiceModel.fromCrd(o, new ObservedServiceModel.Discovered(Map.of(), null, histogram));
  }
}
