package dev.sightline.operator.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.status.ObjectiveLive;
import dev.sightline.operator.status.ConditionStatus;
import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.api.MetricsSpec;
import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.LatencyObjectiveSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.api.SloSpec;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.prometheus.PrometheusApi.Rule;
import dev.sightline.operator.prometheus.PrometheusApi.RuleGroup;
import dev.sightline.operator.prometheus.PrometheusApi.Target;
import dev.sightline.operator.prometheus.PrometheusSelection.Instance;
import dev.sightline.operator.prometheus.PrometheusSelection.Kind;
import dev.sightline.operator.status.Check;
import dev.sightline.operator.status.Reason;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How one service is judged from what Prometheus said (the shapes Prometheus's API returns, parsed). */
class ServiceChecksTest {
  static final Instance KPS = new Instance(Kind.PROMETHEUS, "monitoring", "kps", new LabelSelector(),
      new LabelSelector(), new LabelSelector(), new LabelSelector(), null);
  static final Selection SELECTED = new Selection(List.of(KPS), Map.of(), Selection.Outcome.SELECTED, "selected");
  static final String POOL = "serviceMonitor/shop/orders/0";
  static final String FILE = "/etc/prometheus/rules/prometheus-kps-rulefiles-0/shop-orders-0a1b.yaml";

  static ObservedServiceModel model(MetricConvention convention, String latencyThreshold) {
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop").build());
    ObservedServiceSpec spec = new ObservedServiceSpec();
    spec.metrics = new MetricsSpec();
    spec.metrics.convention = convention;
    if (latencyThreshold != null) {
      spec.objectives = new ObjectivesSpec();
      spec.objectives.latency = new LatencyObjectiveSpec();
      spec.objectives.latency.threshold = latencyThreshold;
    }
    o.setSpec(spec);
    return ObservedServiceModel.fromCrd(o);
  }

  static PrometheusState state(List<Target> targets, List<RuleGroup> groups, Map<String, Set<String>> series,
      Map<String, Integer> firing) {
    return new PrometheusState(KPS, null, Map.of(POOL, targets),
        groups.stream().collect(java.util.stream.Collectors.groupingBy(RuleGroup::name)), Map.of("shop/orders", series),
        Map.of("shop/orders", firing), Map.of());
  }

  static final RuleGroup HEALTHY = new RuleGroup("sightline.orders", FILE,
      List.of(new Rule("a", "ok", ""), new Rule("b", "unknown", "")));
  /** The budgets' group, evaluated every 5 minutes: "unknown" until its first evaluation. */
  static final RuleGroup SLOW = new RuleGroup("sightline.orders.slow", FILE, List.of(new Rule("c", "unknown", "")));
  static final Map<String, Set<String>> MICROMETER = Map.of("http_server_requests_seconds_count", Set.of(""),
      "http_server_requests_seconds_bucket", Set.of("0.1", "0.3", "1.0", "+Inf"));

  @Test
  void allGoodCountsTargetsAndOnlyThisServicesFiringAlerts() {
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.MICROMETER, "300ms"), SELECTED, List.of(state(
        List.of(new Target(POOL, "10.0.0.1:8080", "up", ""), new Target(POOL, "10.0.0.2:8080", "up", "")),
        List.of(HEALTHY, SLOW), MICROMETER, Map.of("SightlineHighErrorRate", 1, "KubePodCrashLooping", 2))));
    assertThat(r.live().scraped()).isEqualTo(Check.ok(Reason.TargetsUp, "2/2 targets up in Prometheus monitoring/kps"));
    assertThat(r.live().rulesLoaded()).isEqualTo(Check.ok(Reason.RulesHealthy, "rule groups sightline.orders and"
        + " sightline.orders.slow loaded in Prometheus monitoring/kps (2 and 1 rules)"));
    assertThat(r.live().metricsFound().message()).isEqualTo("found http_server_requests_seconds_count with bucket le=\"0.3\""
        + " for job=\"orders\" in Prometheus monitoring/kps");
    assertThat(r.live().targets()).isEqualTo("2/2");
    assertThat(r.live().firing()).isEqualTo(1);
  }

  @Test
  void aDownTargetGivesItsScrapeError() {
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.MICROMETER, null), SELECTED, List.of(state(
        List.of(new Target(POOL, "10.0.0.1:8081", "down", "Get \"http://10.0.0.1:8081/metrics\": connection refused"),
            new Target(POOL, "10.0.0.2:8080", "up", "")), List.of(HEALTHY, SLOW), MICROMETER, Map.of())));
    assertThat(r.live().scraped().status()).isEqualTo(ConditionStatus.FALSE);
    assertThat(r.live().scraped().message()).isEqualTo("1/2 targets up in Prometheus monitoring/kps; 10.0.0.1:8081 is down:"
        + " Get \"http://10.0.0.1:8081/metrics\": connection refused");
    assertThat(r.live().targets()).isEqualTo("1/2");
  }

  @Test
  void aTargetNotScrapedYetIsPendingNotDown() {
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.MICROMETER, null), SELECTED, List.of(state(
        List.of(new Target(POOL, "10.0.0.1:8081", "unknown", ""), new Target(POOL, "10.0.0.2:8080", "up", "")),
        List.of(HEALTHY, SLOW), MICROMETER, Map.of())));
    assertThat(r.live().scraped()).isEqualTo(Check.unknown(Reason.TargetsPending,
        "1/2 targets up in Prometheus monitoring/kps, the others not scraped yet"));
  }

  @Test
  void noTargetAndNoRuleGroupSayWhereToLook() {
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.MICROMETER, null), SELECTED,
        List.of(state(List.of(), List.of(), Map.of(), Map.of())));
    assertThat(r.live().scraped().reason()).isEqualTo(Reason.NoTargets);
    assertThat(r.live().scraped().message()).contains("ready endpoints of orders on port http (spec.port)");
    assertThat(r.live().rulesLoaded().reason()).isEqualTo(Reason.RulesNotLoaded);
    assertThat(r.live().metricsFound().message()).isEqualTo("no series of job=\"orders\" in Prometheus monitoring/kps yet:"
        + " no target is up (see Scraped)");
    assertThat(r.live().targets()).isEqualTo("0/0");
  }

  @Test
  void aRuleThatFailsGivesItsError() {
    RuleGroup failing = new RuleGroup("sightline.orders", FILE,
        List.of(new Rule("a", "ok", ""), new Rule("SightlineHighLatency", "err", "many-to-many matching not allowed")));
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.MICROMETER, null), SELECTED, List.of(state(
        List.of(new Target(POOL, "10.0.0.1:8080", "up", "")), List.of(failing, SLOW), MICROMETER, Map.of())));
    assertThat(r.live().rulesLoaded()).isEqualTo(Check.failed(Reason.RuleErrors, "rule SightlineHighLatency of"
        + " group sightline.orders fails in Prometheus monitoring/kps: many-to-many matching not allowed"));
  }

  @Test
  void anotherConventionsSeriesAreNamedWithTheFix() {
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.PROMETHEUS_CLIENT, null), SELECTED, List.of(state(
        List.of(new Target(POOL, "10.0.0.1:8080", "up", "")), List.of(HEALTHY, SLOW), MICROMETER, Map.of())));
    assertThat(r.live().metricsFound()).isEqualTo(Check.failed(Reason.ConventionMismatch,
        "found http_server_requests_seconds_count, not http_requests_total, for job=\"orders\" in Prometheus"
            + " monitoring/kps: set metrics.convention: micrometer"));
  }

  @Test
  void aMissingBucketIsInterpolatedAndSaysHowToMakeItExact() {
    Map<String, Set<String>> fastapi = Map.of("http_requests_total", Set.of(""),
        "http_request_duration_seconds_bucket", Set.of("0.1", "0.5", "1.0", "+Inf"));
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.PROMETHEUS_CLIENT, "300ms"), SELECTED, List.of(state(
        List.of(new Target(POOL, "10.0.0.1:8080", "up", "")), List.of(HEALTHY, SLOW), fastapi, Map.of())));
    assertThat(r.live().metricsFound()).isEqualTo(Check.ok(Reason.BucketInterpolated,
        "http_request_duration_seconds_bucket of job=\"orders\" in Prometheus monitoring/kps has no bucket le=\"0.3\""
            + " (buckets: 0.1, 0.5, 1, +Inf): the latency SLI interpolates between le=\"0.1\" and le=\"0.5\"; for an"
            + " exact one, set objectives.latency.threshold to 100ms or 500ms, or add a bucket at 300ms to the service's"
            + " histogram, or expose it as a native histogram"));
    assertThat(r.histogram()).isEqualTo(new Histogram(List.of(0.1, 0.5, 1.0), false));
    LiveReport above = ServiceChecks.evaluate(model(MetricConvention.PROMETHEUS_CLIENT, "2s"), SELECTED, List.of(state(
        List.of(new Target(POOL, "10.0.0.1:8080", "up", "")), List.of(HEALTHY, SLOW), fastapi, Map.of())));
    assertThat(above.live().metricsFound().reason()).isEqualTo(Reason.BucketMissing);
    assertThat(above.live().metricsFound().message()).contains("no latency SLI can be computed");
  }

  @Test
  void aNativeHistogramGivesTheLatencySliWithoutAnyBucket() {
    // native only: one series under the base name, no le; exposed both ways without a bucket at 300ms: native too
    for (Map<String, Set<String>> series : List.of(
        Map.of("http_requests_total", Set.of(""), "http_request_duration_seconds", Set.of("")),
        Map.of("http_requests_total", Set.of(""), "http_request_duration_seconds", Set.of(""),
            "http_request_duration_seconds_bucket", Set.of("0.1", "0.5", "+Inf")))) {
      LiveReport r = ServiceChecks.evaluate(model(MetricConvention.PROMETHEUS_CLIENT, "300ms"), SELECTED, List.of(
          state(List.of(new Target(POOL, "10.0.0.1:8080", "up", "")), List.of(HEALTHY, SLOW), series, Map.of())));
      assertThat(r.live().metricsFound()).isEqualTo(Check.ok(Reason.NativeHistogram, "found http_requests_total"
          + " with native histogram http_request_duration_seconds for job=\"orders\" in Prometheus monitoring/kps: the"
          + " latency SLI is histogram_fraction(0, 0.3, ...)"));
      assertThat(r.histogram().nativeBuckets()).isTrue();
    }
  }

  @Test
  void autoFindsTheConventionAndReportsIt() {
    Map<String, Set<String>> fastapi = Map.of("http_requests_total", Set.of(""),
        "http_request_duration_seconds_bucket", Set.of("0.1", "0.3", "+Inf"));
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.AUTO, "300ms"), SELECTED, List.of(state(
        List.of(new Target(POOL, "10.0.0.1:8080", "up", "")), List.of(HEALTHY, SLOW), fastapi, Map.of())));
    assertThat(r.found()).isEqualTo(MetricConvention.PROMETHEUS_CLIENT);
    assertThat(r.live().metricsFound().message()).startsWith("found http_requests_total (auto: prometheus-client) with bucket");
    assertThat(ServiceChecks.metricNames(model(MetricConvention.AUTO, "300ms")))
        .contains("http_request_duration_seconds_bucket", "http_server_requests_seconds_bucket");
  }

  @Test
  void aNamedLatencyObjectiveAloneAsksForTheHistogramAndEachObjectiveGetsWhatPrometheusHas() {
    ObservedServiceModel m = model(MetricConvention.MICROMETER, null);
    assertThat(ServiceChecks.metricNames(m)).doesNotContain("http_server_requests_seconds_bucket");
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop").build());
    ObservedServiceSpec spec = new ObservedServiceSpec();
    SloSpec checkout = new SloSpec();
    checkout.name = "checkout";
    checkout.latency = new LatencyObjectiveSpec();
    checkout.latency.threshold = "300ms";
    spec.slos = List.of(checkout);
    o.setSpec(spec);
    ObservedServiceModel named = ObservedServiceModel.fromCrd(o);
    assertThat(ServiceChecks.metricNames(named)).contains("http_server_requests_seconds_bucket");
    // two Prometheus servers: the budget from the first that has one, requests from either
    PrometheusState a = new PrometheusState(KPS, null, Map.of(), Map.of(), Map.of(), Map.of(),
        Map.of("shop/orders", Map.of("checkout", new ObjectiveLive(null, null, true))));
    PrometheusState b = new PrometheusState(KPS, null, Map.of(), Map.of(), Map.of(), Map.of(),
        Map.of("shop/orders", Map.of("checkout", new ObjectiveLive(0.5, null, false), "", new ObjectiveLive(0.9,
            null, false))));
    // the slow group is loaded and healthy too
    var mainOnly = new PrometheusState(KPS, null, Map.of(), Map.of(HEALTHY.name(), List.of(HEALTHY)), Map.of(),
        Map.of(), Map.of());
    assertThat(ServiceChecks.evaluate(named, SELECTED, List.of(mainOnly)).live().rulesLoaded().message())
        .startsWith("rule group sightline.orders.slow is not loaded in");
    var slow = new RuleGroup("sightline.orders.slow", FILE, List.of(new Rule("c", "ok", "")));
    var both = new PrometheusState(KPS, null, Map.of(), Map.of(HEALTHY.name(), List.of(HEALTHY), slow.name(),
        List.of(slow)), Map.of(), Map.of(), Map.of());
    assertThat(ServiceChecks.evaluate(named, SELECTED, List.of(both)).live().rulesLoaded().message())
        .startsWith("rule groups sightline.orders and sightline.orders.slow loaded in").endsWith("(2 and 1 rules)");
    var live = ServiceChecks.evaluate(named, SELECTED, List.of(a, b)).live().objectives();
    assertThat(live).containsEntry("checkout", new ObjectiveLive(0.5, null, true))
        .containsEntry("", new ObjectiveLive(0.9, null, false));
  }

  @Test
  void anUnreachablePrometheusMakesTheLiveChecksUnknown() {
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.MICROMETER, null), SELECTED,
        List.of(PrometheusState.unreachable(KPS, "cannot reach http://prometheus-operated.monitoring.svc:9090/")));
    assertThat(List.of(r.live().scraped(), r.live().rulesLoaded(), r.live().metricsFound())).allSatisfy(c -> {
      assertThat(c.status()).isEqualTo(ConditionStatus.UNKNOWN);
      assertThat(c.reason()).isEqualTo(Reason.PrometheusUnreachable);
    });
    assertThat(r.live().targets()).isNull();
  }

  @Test
  void theSeriesQueryCoversEveryNameOnce() {
    assertThat(PrometheusState.seriesQuery(List.of("b_total", "a_total", "b_total")))
        .isEqualTo("group by (namespace, job, __name__, le) ({__name__=~\"a_total|b_total\"})");
  }

  @Test
  void connectionFailuresAreDescribedInWords() {
    var unresolved = new java.net.ConnectException();
    unresolved.initCause(new java.nio.channels.UnresolvedAddressException());
    assertThat(PrometheusApi.describe(unresolved)).isEqualTo("ConnectException: the host name does not resolve"
        + " (no ready Prometheus pod behind the Service?)");
    var refused = new java.net.ConnectException("Connection refused");
    refused.initCause(new java.net.ConnectException("Connection refused"));
    assertThat(PrometheusApi.describe(refused)).isEqualTo("Connection refused");
  }

  static final Instance SHARDED = new Instance(Kind.PROMETHEUS, "monitoring", "k8s", new LabelSelector(),
      new LabelSelector(), null, null, null, 2);
  static final Instance RULER = new Instance(Kind.THANOS_RULER, "monitoring", "global", null, null,
      new LabelSelector(), new LabelSelector(), null, 1);
  static final Selection SPLIT = new Selection(List.of(SHARDED, RULER), Map.of(), Selection.Outcome.SELECTED,
      "split", List.of(SHARDED), List.of(RULER), null, Map.of());

  static PrometheusState shard(Instance instance, List<Target> targets, Map<String, Set<String>> series) {
    return new PrometheusState(instance, null, Map.of(POOL, targets), Map.of(), Map.of("shop/orders", series),
        Map.of("shop/orders", Map.of("SightlineHighErrorRate", 1)), Map.of());
  }

  @Test
  void theShardsOfAPrometheusScrapeAsOneAndTheThanosRulerEvaluates() {
    PrometheusState k8s = PrometheusState.merge(SHARDED, List.of(
        shard(SHARDED, List.of(new Target(POOL, "10.0.0.1:8080", "up", "")), MICROMETER),
        shard(SHARDED, List.of(new Target(POOL, "10.0.0.2:8080", "up", ""),
            new Target(POOL, "10.0.0.3:8080", "up", "")), Map.of("http_server_requests_seconds_count", Set.of("")))));
    PrometheusState global = new PrometheusState(RULER, null, Map.of(), Map.of("sightline.orders", List.of(HEALTHY),
        "sightline.orders.slow", List.of(SLOW)), Map.of(), Map.of("shop/orders", Map.of("SightlineHighErrorRate", 1)),
        Map.of());
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.MICROMETER, "300ms"), SPLIT, List.of(k8s, global));
    assertThat(r.live().scraped()).isEqualTo(Check.ok(Reason.TargetsUp, "3/3 targets up in Prometheus monitoring/k8s"));
    assertThat(r.live().targets()).isEqualTo("3/3");
    assertThat(r.live().rulesLoaded()).isEqualTo(Check.ok(Reason.RulesHealthy, "rule groups sightline.orders and"
        + " sightline.orders.slow loaded in ThanosRuler monitoring/global (2 and 1 rules)"));
    assertThat(r.live().metricsFound().reason()).as("the buckets of one shard count").isEqualTo(Reason.MetricsPresent);
    assertThat(r.live().firing()).as("alerts fire where the rules are evaluated, not in the shards").isEqualTo(1);
  }

  @Test
  void anUnreachableShardNamesItsPodAndAnUnreachableRulerLeavesScrapingJudged() {
    PrometheusState k8s = PrometheusState.merge(SHARDED, List.of(
        shard(SHARDED, List.of(new Target(POOL, "10.0.0.1:8080", "up", "")), MICROMETER),
        PrometheusState.unreachable(SHARDED, "cannot reach http://x/")));
    assertThat(k8s.unreachable()).isEqualTo("shard 1 (pod prometheus-k8s-shard-1-0): cannot reach http://x/");
    PrometheusState one = shard(SHARDED, List.of(new Target(POOL, "10.0.0.1:8080", "up", "")), MICROMETER);
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.MICROMETER, null), SPLIT,
        List.of(PrometheusState.merge(SHARDED, List.of(one, one)), PrometheusState.unreachable(RULER, "cannot reach")));
    assertThat(r.live().scraped()).isEqualTo(Check.ok(Reason.TargetsUp, "2/2 targets up in Prometheus monitoring/k8s"));
    assertThat(r.live().rulesLoaded()).isEqualTo(Check.unknown(Reason.PrometheusUnreachable,
        "ThanosRuler monitoring/global: cannot reach"));
    assertThat(r.live().firing()).as("no evaluator answered: no count").isNull();
  }

  @Test
  void theThanosRulersAlertsAreCountedWhenTheShardsDoNotAnswer() {
    PrometheusState global = new PrometheusState(RULER, null, Map.of(), Map.of("sightline.orders", List.of(HEALTHY)),
        Map.of(), Map.of("shop/orders", Map.of("SightlineHighErrorRate", 1)), Map.of());
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.MICROMETER, null), SPLIT,
        List.of(PrometheusState.unreachable(SHARDED, "cannot reach"), global));
    assertThat(r.live().targets()).as("no scraper answered").isNull();
    assertThat(r.live().firing()).isEqualTo(1);
  }

  @Test
  void aShardedPrometheusEvaluatingTheRulesShowsNoBudgetOfPartOfTheTraffic() {
    Selection selection = new Selection(List.of(SHARDED), Map.of(), Selection.Outcome.SELECTED, "selected",
        List.of(SHARDED), List.of(SHARDED), Check.failed(Reason.ShardedRules, "runs 2 shards"), Map.of());
    PrometheusState partial = new PrometheusState(SHARDED, null, Map.of(POOL, List.of(new Target(POOL, "a", "up", ""))),
        Map.of("sightline.orders", List.of(HEALTHY)), Map.of("shop/orders", MICROMETER), Map.of(),
        Map.of("shop/orders", Map.of("", new ObjectiveLive(0.4, null, true))));
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.MICROMETER, null), selection, List.of(partial));
    assertThat(r.live().objectives()).isEmpty();
    assertThat(r.live().rulesLoaded().reason()).isEqualTo(Reason.ShardedRules);
    LiveReport whole = ServiceChecks.evaluate(model(MetricConvention.MICROMETER, null), SELECTED, List.of(
        new PrometheusState(KPS, null, partial.targets(), partial.groups(), partial.series(), Map.of(),
            partial.objectives())));
    assertThat(whole.live().objectives()).as("one server's budget is shown").containsKey("");
  }

  @Test
  void anAgentIsJudgedByItsTargetsOnly() {
    Instance agent = new Instance(Kind.AGENT, "monitoring", "agent", new LabelSelector(), new LabelSelector(), null,
        null, null, 1);
    Selection selection = new Selection(List.of(agent, RULER), Map.of(), Selection.Outcome.SELECTED, "split",
        List.of(agent), List.of(RULER), null, Map.of());
    PrometheusState targets = new PrometheusState(agent, null, Map.of(POOL, List.of(new Target(POOL, "a", "up", ""))),
        Map.of(), Map.of(), Map.of(), Map.of());
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.MICROMETER, null), selection,
        List.of(targets, new PrometheusState(RULER, null, Map.of(), Map.of("sightline.orders", List.of(HEALTHY),
            "sightline.orders.slow", List.of(SLOW)), Map.of(), Map.of(), Map.of())));
    assertThat(r.live().scraped())
        .isEqualTo(Check.ok(Reason.TargetsUp, "1/1 targets up in PrometheusAgent monitoring/agent"));
    assertThat(r.live().metricsFound().status()).isEqualTo(ConditionStatus.UNKNOWN);
    assertThat(r.live().metricsFound().message()).startsWith("PrometheusAgent monitoring/agent answers no queries");
    assertThat(r.live().rulesLoaded().reason()).isEqualTo(Reason.RulesHealthy);
  }

  @Test
  void rulesInTheWrongPlaceFailRulesLoadedEvenWhenTheyLoad() {
    Check sharded = Check.failed(Reason.ShardedRules, "Prometheus monitoring/kps runs 2 shards");
    Selection selection = new Selection(List.of(KPS), Map.of(), Selection.Outcome.SELECTED, "selected", List.of(KPS),
        List.of(KPS), sharded, Map.of());
    LiveReport r = ServiceChecks.evaluate(model(MetricConvention.MICROMETER, null), selection, List.of(state(
        List.of(new Target(POOL, "10.0.0.1:8080", "up", "")), List.of(HEALTHY, SLOW), MICROMETER, Map.of())));
    assertThat(r.live().rulesLoaded()).isEqualTo(sharded);
    assertThat(r.live().scraped().reason()).isEqualTo(Reason.TargetsUp);
  }
}
