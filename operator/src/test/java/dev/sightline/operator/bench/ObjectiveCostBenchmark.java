package dev.sightline.operator.bench;

import dev.sightline.operator.api.LatencyObjectiveSpec;
import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.api.SloSpec;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.render.rules.ObjectiveRules;
import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import dev.sightline.operator.render.rules.RecordingRules;
import dev.sightline.testsupport.TestCluster;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a named objective costs Prometheus against a service of its own: one service with N routes, evaluated
 * with its service-wide objective only and with one named objective per route (availability and latency), and N
 * services of one route each (what a team did before named objectives: one ObservedService per route), on the
 * same backfilled days of history (counters, and the recorded 5m series the long windows read). Prints the median
 * prometheus_rule_group_last_duration_seconds of each, the cost per named objective (with minus without, over N,
 * and its slow part: long windows, tickets and budgets, in a group evaluated every 5 minutes) and per service, and
 * their ratio per minute of Prometheus's time. Arguments: [days of history] [objectives] [evaluations].
 */
public final class ObjectiveCostBenchmark {
  private ObjectiveCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int evaluations = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    Path dir = Files.createTempDirectory("sightline-objective-cost");
    Path bin = TestCluster.cache().resolve("bin");
    long end = System.currentTimeMillis() / 1000 / RuleCostBenchmark.STEP_SECONDS * RuleCostBenchmark.STEP_SECONDS
        - RuleCostBenchmark.STEP_SECONDS;
    long start = end - days * 86400L;

    ObservedServiceModel plain = RuleCostBenchmark.model("shop");
    ObservedServiceModel named = withObjectives("shop", n);
    List<ObservedServiceModel> services = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      services.add(RuleCostBenchmark.model("svc-" + i));
    }
    long t0 = System.nanoTime();
    List<RuleCostBenchmark.History> histories = List.of(
        (file, from, to) -> RuleCostBenchmark.writeHistory(file, List.of(plain), n, from, to),
        (file, from, to) -> RuleCostBenchmark.writeHistory(file, services, 1, from, to),
        (file, from, to) -> objectiveHistory(file, n, from, to));
    long samples = 0;
    Path blocks = Files.createDirectories(dir.resolve("blocks"));
    for (RuleCostBenchmark.History h : histories) {
      Path om = dir.resolve("history.om");
      samples += h.write(om, start, end);
      RuleCostBenchmark.run(dir, bin.resolve("promtool").toString(), "tsdb", "create-blocks-from", "openmetrics",
          "--max-block-duration=24h", om.toString(), blocks.toString());
      Files.delete(om);
    }
    System.out.printf(Locale.ROOT, "history: %d days, one service of %d routes and %d services of one, %,d samples"
        + " every %ds, backfilled in %.0f s%n", days, n, n, samples, RuleCostBenchmark.STEP_SECONDS,
        (System.nanoTime() - t0) / 1e9);

    // every group evaluated every 5 s to measure it; the slow groups run every 5m in the PrometheusRule
    RuleCostBenchmark.Measured alone = measure(dir, bin, blocks, end, histories, "service-wide", groups(plain), evaluations);
    RuleCostBenchmark.Measured withNamed = measure(dir, bin, blocks, end, histories, "named", groups(named), evaluations);
    Map<String, List<Rule>> each = new LinkedHashMap<>();
    services.forEach(s -> each.putAll(groups(s)));
    RuleCostBenchmark.Measured perService = measure(dir, bin, blocks, end, histories, "services", each, evaluations);
    double serviceMean = services.stream().mapToDouble(s -> perService.median(group(s, 0))).average().orElseThrow();
    double serviceSlowMean = services.stream().mapToDouble(s -> perService.median(group(s, 1))).average()
        .orElseThrow();
    double alerting = (withNamed.median(group(named, 0)) - alone.median(group(plain, 0))) / n;
    double slow = (withNamed.median(group(named, 1)) - alone.median(group(plain, 1))) / n;
    System.out.println();
    System.out.println("| rule group | rules | median evaluation |");
    System.out.println("|---|---:|---:|");
    System.out.printf(Locale.ROOT, "| shop: service-wide objective only | %d | %.2f ms |%n", rules(plain, 0).size(),
        alone.median(group(plain, 0)) * 1000);
    System.out.printf(Locale.ROOT, "| shop.slow: its budgets (every %s) | %d | %.2f ms |%n",
        ObjectiveRules.SLOW_INTERVAL, rules(plain, 1).size(), alone.median(group(plain, 1)) * 1000);
    System.out.printf(Locale.ROOT, "| shop: and %d named objectives, one per route | %d | %.2f ms |%n", n,
        rules(named, 0).size(), withNamed.median(group(named, 0)) * 1000);
    System.out.printf(Locale.ROOT, "| shop.slow: and their long windows, tickets and budgets | %d | %.2f ms |%n",
        rules(named, 1).size(), withNamed.median(group(named, 1)) * 1000);
    System.out.printf(Locale.ROOT, "| per named objective: 5m sums, page windows, pages ((with - without) / %d) | %d |"
        + " %.2f ms |%n", n, (rules(named, 0).size() - rules(plain, 0).size()) / n, alerting * 1000);
    System.out.printf(Locale.ROOT, "| per named objective: its slow part | %d | %.2f ms |%n",
        (rules(named, 1).size() - rules(plain, 1).size()) / n, slow * 1000);
    System.out.printf(Locale.ROOT, "| per service of one route (mean of %d) | %d | %.2f ms |%n", n,
        rules(services.get(0), 0).size(), serviceMean * 1000);
    System.out.printf(Locale.ROOT, "| per service of one route: its budgets | %d | %.2f ms |%n",
        rules(services.get(0), 1).size(), serviceSlowMean * 1000);
    // Prometheus's time per minute at kube-prometheus-stack's 30 s evaluation interval
    double interval = 30;
    double slowInterval = dev.sightline.operator.model.DurationParser.seconds(ObjectiveRules.SLOW_INTERVAL);
    double objectivePerMinute = alerting * 60 / interval + slow * 60 / slowInterval;
    double servicePerMinute = serviceMean * 60 / interval + serviceSlowMean * 60 / slowInterval;
    System.out.printf(Locale.ROOT, "%nevaluation time per minute at a 30 s interval: per named objective %.1f ms, per"
        + " service %.1f ms; ratio %.2f (per evaluation of both groups: %.2f)%n", objectivePerMinute * 1000,
        servicePerMinute * 1000, objectivePerMinute / servicePerMinute, (alerting + slow) / (serviceMean + serviceSlowMean));
    System.out.println("median of prometheus_rule_group_last_duration_seconds over " + evaluations
        + " evaluations; data and logs: " + dir);
  }

  private static RuleCostBenchmark.Measured measure(Path dir, Path bin, Path blocks, long end,
      List<RuleCostBenchmark.History> histories, String variant, Map<String, List<Rule>> groups, int evaluations)
      throws Exception {
    return RuleCostBenchmark.measure(dir, bin, RuleCostBenchmark.freshCopy(blocks, dir, variant, end, histories), groups,
        variant, evaluations);
  }

  /** A service's two groups as rendered (the service's and the slow one), by their names. */
  private static Map<String, List<Rule>> groups(ObservedServiceModel m) {
    Map<String, List<Rule>> groups = new LinkedHashMap<>();
    PrometheusRuleRenderer.render(m).getSpec().getGroups().forEach(g -> groups.put(g.getName(), g.getRules()));
    return groups;
  }

  /** The name of a service's group: 0 its own, 1 the slow one. */
  private static String group(ObservedServiceModel m, int group) {
    return GeneratedNames.ruleGroups(m).get(group);
  }

  private static List<Rule> rules(ObservedServiceModel m, int group) {
    return PrometheusRuleRenderer.render(m).getSpec().getGroups().get(group).getRules();
  }

  /** The benchmark's service with one named objective per route: 99.9 % and 99 % under 300 ms. */
  static ObservedServiceModel withObjectives(String name, int n) {
    ObservedServiceSpec s = new ObservedServiceSpec();
    s.objectives = new ObjectivesSpec();
    s.objectives.latency = new LatencyObjectiveSpec();
    s.objectives.latency.threshold = "300ms";
    s.slos = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SloSpec o = new SloSpec();
      o.name = "route-" + i;
      o.routes = List.of("/r" + i);
      o.availability = 99.9;
      o.latency = new LatencyObjectiveSpec();
      o.latency.threshold = "300ms";
      s.slos.add(o);
    }
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").build());
    o.setSpec(s);
    return ObservedServiceModel.fromCrd(o);
  }

  /** The named objectives' recorded 5m series over the history, as their rules have recorded them for days. */
  private static long objectiveHistory(Path file, int n, long start, long end) throws Exception {
    long samples = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      for (int i = 0; i < n; i++) {
        String labels = "{namespace=\"shop\",job=\"shop\",slo=\"route-" + i + "\"}";
        samples += RuleCostBenchmark.gauge(w, ObjectiveRules.perObjective(RecordingRules.REQUESTS_RATE5M) + labels,
            10.02, start, end);
        samples += RuleCostBenchmark.gauge(w, ObjectiveRules.perObjective(RecordingRules.ERRORS_RATE5M) + labels,
            0.02, start, end);
        samples += RuleCostBenchmark.gauge(w, ObjectiveRules.perObjective(RecordingRules.FAST_RATE5M) + labels,
            10.02 * 0.6, start, end);
        samples += RuleCostBenchmark.gauge(w, ObjectiveRules.perObjective(RecordingRules.HISTOGRAM_RATE5M) + labels,
            10.02, start, end);
      }
      w.write("# EOF\n");
    }
    return samples;
  }
}
