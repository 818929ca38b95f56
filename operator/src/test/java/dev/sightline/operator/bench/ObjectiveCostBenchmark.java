package dev.sightline.operator.bench;

import dev.sightline.operator.api.LatencyObjectiveSpec;
import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.api.SloSpec;
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
    Path history = dir.resolve("history.om");
    long samples = RuleCostBenchmark.writeHistory(history, List.of(plain), n, start, end);
    Path services1 = dir.resolve("services.om");
    samples += RuleCostBenchmark.writeHistory(services1, services, 1, start, end);
    Path objectives = dir.resolve("objectives.om");
    samples += objectiveHistory(objectives, n, start, end);
    Path blocks = Files.createDirectories(dir.resolve("blocks"));
    for (Path om : List.of(history, services1, objectives)) {
      RuleCostBenchmark.run(dir, bin.resolve("promtool").toString(), "tsdb", "create-blocks-from", "openmetrics",
          "--max-block-duration=24h", om.toString(), blocks.toString());
      Files.delete(om);
    }
    System.out.printf(Locale.ROOT, "history: %d days, one service of %d routes and %d services of one, %,d samples"
        + " every %ds, backfilled in %.0f s%n", days, n, n, samples, RuleCostBenchmark.STEP_SECONDS,
        (System.nanoTime() - t0) / 1e9);

    double alone = measure(dir, bin, blocks, "service-wide", Map.of("shop", rules(plain, 0)), evaluations)[0];
    // both groups evaluated every 5 s to measure them; the slow group runs every 5m in the PrometheusRule
    Map<String, List<Rule>> namedGroups = new LinkedHashMap<>();
    namedGroups.put("shop", rules(named, 0));
    namedGroups.put("shop.slow", rules(named, 1));
    double[] withNamed = measure(dir, bin, blocks, "named", namedGroups, evaluations);
    Map<String, List<Rule>> each = new LinkedHashMap<>();
    services.forEach(s -> each.put(s.name(), rules(s, 0)));
    double[] perService = measure(dir, bin, blocks, "services", each, evaluations);
    double serviceMean = java.util.Arrays.stream(perService).average().orElseThrow();
    double alerting = (withNamed[0] - alone) / n;
    double slow = withNamed[1] / n;
    System.out.println();
    System.out.println("| rule group | rules | median evaluation |");
    System.out.println("|---|---:|---:|");
    System.out.printf(Locale.ROOT, "| shop: service-wide objective only | %d | %.2f ms |%n", rules(plain, 0).size(),
        alone * 1000);
    System.out.printf(Locale.ROOT, "| shop: and %d named objectives, one per route | %d | %.2f ms |%n", n,
        rules(named, 0).size(), withNamed[0] * 1000);
    System.out.printf(Locale.ROOT, "| shop.slow: their long windows, tickets and budgets (every %s) | %d | %.2f ms |%n",
        ObjectiveRules.SLOW_INTERVAL, rules(named, 1).size(), withNamed[1] * 1000);
    System.out.printf(Locale.ROOT, "| per named objective: 5m sums, page windows, pages ((with - without) / %d) | %d |"
        + " %.2f ms |%n", n, (rules(named, 0).size() - rules(plain, 0).size()) / n, alerting * 1000);
    System.out.printf(Locale.ROOT, "| per named objective: its slow part | %d | %.2f ms |%n", rules(named, 1).size() / n,
        slow * 1000);
    System.out.printf(Locale.ROOT, "| per service of one route (mean of %d) | %d | %.2f ms |%n", n,
        rules(services.get(0), 0).size(), serviceMean * 1000);
    // Prometheus's time per minute at kube-prometheus-stack's 30 s evaluation interval
    double interval = 30;
    double slowInterval = dev.sightline.operator.model.DurationParser.seconds(ObjectiveRules.SLOW_INTERVAL);
    double objectivePerMinute = alerting * 60 / interval + slow * 60 / slowInterval;
    double servicePerMinute = serviceMean * 60 / interval;
    System.out.printf(Locale.ROOT, "%nevaluation time per minute at a 30 s interval: per named objective %.1f ms, per"
        + " service %.1f ms; ratio %.2f (per evaluation of both groups: %.2f)%n", objectivePerMinute * 1000,
        servicePerMinute * 1000, objectivePerMinute / servicePerMinute, (alerting + slow) / serviceMean);
    System.out.println("median of prometheus_rule_group_last_duration_seconds over " + evaluations
        + " evaluations; data and logs: " + dir);
  }

  private static double[] measure(Path dir, Path bin, Path blocks, String variant, Map<String, List<Rule>> groups,
      int evaluations) throws Exception {
    Path data = dir.resolve("data-" + variant);
    RuleCostBenchmark.copy(blocks, data);
    return RuleCostBenchmark.measure(dir, bin, data, groups, variant, evaluations);
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
