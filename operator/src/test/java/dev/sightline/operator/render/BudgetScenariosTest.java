package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.render.rules.RecordingRules;
import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import dev.sightline.operator.api.LatencyObjectiveSpec;
import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error budget left, on the real rule engine: traffic-weighted, and a number after a quiet hour
 * (with a mean of 5-minute ratios it was NaN for the rest of the SLO window).
 */
class BudgetScenariosTest {
  static ObservedServiceModel spec() {
    ObservedServiceSpec s = new ObservedServiceSpec();
    s.objectives = new ObjectivesSpec();
    s.objectives.availability = 99.5;
    s.objectives.window = "7d";
    s.objectives.latency = new LatencyObjectiveSpec();
    s.objectives.latency.threshold = "300ms";
    s.objectives.latency.target = 99.0;
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop").build());
    o.setSpec(s);
    return ObservedServiceModel.fromCrd(o);
  }

  @Test
  void aQuietHourLeavesTheBudgetANumberAndItIsTrafficWeighted(@TempDir Path dir) throws Exception {
    // 6 h at 10 req/s with 0.1 % errors and 0.1 % slow, one hour with no request at all, 6 h more:
    // failed / all = 0.1 %, so 1 - 0.001 / 0.005 = 0.8 of the availability budget and 1 - 0.001 / 0.01 = 0.9
    // of the latency budget are left, quiet hour or not
    Traffic t = new Traffic().normal(360).phase(60, 0, 0, 0, true).normal(360);
    String budget = RecordingRules.budgetRemaining("availability");
    String latency = RecordingRules.budgetRemaining("latency");
    List<Map<String, Object>> checks = new ArrayList<>();
    for (int minute : new int[] {400, 420, 480, 700}) {
      for (var e : Map.of(budget, 0.8, latency, 0.9).entrySet()) {
        checks.add(Map.of("eval_time", minute + "m",
            "expr", "abs(" + e.getKey() + " - " + e.getValue() + ") < bool 0.001",
            "exp_samples", List.of(Map.of("labels", "{namespace=\"shop\", job=\"orders\"}", "value", 1))));
      }
    }
    assertHolds(dir, spec(), t.series(), checks);
  }

  @Test
  void aBucketLayoutWithoutTheThresholdLeavesTheLatencyBudgetWhereItWas(@TempDir Path dir) throws Exception {
    // 6 h with a bucket at 300 ms and 0.1 % of the requests at 400 ms: 1 - 0.001 / 0.01 = 0.9 of the budget left;
    // then a rolling deploy to FastAPI's buckets, which have none at 300 ms, and nothing slower for 8 hours:
    // the new pods' requests cannot be classified, so they count on neither side, and the budget stays at 0.9
    // (it read -9.2, and falling, when they counted as requests but never as fast ones)
    var model = AlertScenarios.fastapi(dev.sightline.operator.api.MetricConvention.MICROMETER, "300ms",
        List.of(0.1, 0.3, 0.5, 1.0));
    var series = RoutineEvents.layoutChange(model.metrics().names(), 360, 480);
    List<Map<String, Object>> checks = new ArrayList<>();
    for (int minute : new int[] {350, 400, 600, 840}) {
      checks.add(Map.of("eval_time", minute + "m",
          "expr", "abs(" + RecordingRules.budgetRemaining("latency") + " - 0.9) < bool 0.001",
          "exp_samples", List.of(Map.of("labels", "{namespace=\"shop\", job=\"orders\"}", "value", 1))));
    }
    assertHolds(dir, model, series, checks);
  }

  @Test
  void eachNamedObjectiveHasItsOwnBudgetAndOneWithoutTrafficHasNoneRatherThanNaN(@TempDir Path dir)
      throws Exception {
    // /checkout: 2 req/s with 1 % errors for 6 h; /search (two routes, grouped): 0.1 % and 0.5 % errors; /admin:
    // no request at all. checkout 99 %: 1 - 0.01 / 0.01 = 0 left; search 99 % per route: 0.9 and 0.5 left;
    // admin: no budget series at all (not NaN), and no ratio either
    var model = AlertScenarios.withSlos(dev.sightline.operator.api.MetricConvention.MICROMETER,
        AlertScenarios.slo("checkout", "/checkout", 99.0, null, false),
        AlertScenarios.slo("admin", "/admin", 99.0, "300ms", false),
        withRegex(AlertScenarios.slo("search", null, 99.0, null, true), "/search/.*"));
    var series = Traffic.routes(model.metrics().names(), Map.of(
        "/checkout", new Traffic().phase(360, 2, 0.01, 0.001, true),
        "/search/a", new Traffic().phase(360, 2, 0.001, 0.001, true),
        "/search/b", new Traffic().phase(360, 2, 0.005, 0.001, true)));
    String budget = dev.sightline.operator.render.rules.ObjectiveRules.perObjective(
        RecordingRules.budgetRemaining("availability"));
    List<Map<String, Object>> checks = new ArrayList<>();
    for (int minute : new int[] {120, 350}) {
      checks.add(Map.of("eval_time", minute + "m", "expr", "round(" + budget + ", 0.001)",
          "exp_samples", List.of(
              Map.of("labels", "{namespace=\"shop\", job=\"orders\", slo=\"checkout\"}", "value", 0),
              Map.of("labels", "{namespace=\"shop\", job=\"orders\", slo=\"search\", uri=\"/search/a\"}",
                  "value", 0.9),
              Map.of("labels", "{namespace=\"shop\", job=\"orders\", slo=\"search\", uri=\"/search/b\"}",
                  "value", 0.5))));
      checks.add(Map.of("eval_time", minute + "m", "expr", "{slo=\"admin\"}", "exp_samples", List.of()));
    }
    assertHolds(dir, model, series, checks);
  }

  @Test
  void aNamedObjectiveInterpolatesBetweenTheBucketsAroundItsThreshold(@TempDir Path dir) throws Exception {
    // FastAPI's buckets (0.1, 0.5, 1), a 300 ms objective on /a: of 10 req/s, half under 0.1 s and all under 0.5 s;
    // interpolated, 5 + 5 x (0.3 - 0.1) / (0.5 - 0.1) = 7.5 req/s are fast, so a quarter is slow
    var model = AlertScenarios.withSlos(dev.sightline.operator.api.MetricConvention.MICROMETER,
        new dev.sightline.operator.model.Histogram(List.of(0.1, 0.5, 1.0), false),
        AlertScenarios.slo("api", "/a", null, "300ms", false));
    String labels = "namespace=\"shop\", job=\"orders\", instance=\"10.0.0.7:8080\", method=\"GET\", uri=\"/a\","
        + " status=\"200\"";
    Map<String, String> series = new LinkedHashMap<>();
    series.put("http_server_requests_seconds_count{" + labels + "}", "0+600x40");
    series.put("http_server_requests_seconds_bucket{" + labels + ", le=\"0.1\"}", "0+300x40");
    for (String le : List.of("0.5", "1.0", "+Inf")) {
      series.put("http_server_requests_seconds_bucket{" + labels + ", le=\"" + le + "\"}", "0+600x40");
    }
    String slow = dev.sightline.operator.render.rules.ObjectiveRules.perObjective(RecordingRules.slowRatio("5m"));
    assertHolds(dir, model, series, List.of(Map.of("eval_time", "30m", "expr", "round(" + slow + ", 0.001)",
        "exp_samples", List.of(Map.of("labels", "{namespace=\"shop\", job=\"orders\", slo=\"api\"}",
            "value", 0.25)))));
  }

  private static dev.sightline.operator.api.SloSpec withRegex(dev.sightline.operator.api.SloSpec s, String regex) {
    s.routeRegex = regex;
    return s;
  }

  /** promtool test rules: the model's rules on these series (one sample a minute) pass these expression checks. */
  private static void assertHolds(Path dir, ObservedServiceModel model, Map<String, String> series,
      List<Map<String, Object>> checks) throws Exception {
    var groups = PrometheusRuleRenderer.render(model).getSpec().getGroups();
    Files.writeString(dir.resolve("rules.yaml"), Serialization.asYaml(Map.of("groups", groups)));
    List<Map<String, Object>> input = new ArrayList<>();
    series.forEach((s, v) -> input.add(Map.of("series", s, "values", v)));
    Map<String, Object> expr = new LinkedHashMap<>();
    expr.put("interval", "1m");
    expr.put("input_series", input);
    expr.put("promql_expr_test", checks);
    Files.writeString(dir.resolve("test.yaml"), Serialization.asYaml(Map.of("rule_files", List.of("rules.yaml"),
        "evaluation_interval", "1m", "group_eval_order", PromtoolTimeline.groupOrder(groups), "tests",
        List.of(expr))));
    Process p = new ProcessBuilder(PromtoolCheckTest.promtool().toString(), "test", "rules", "test.yaml")
        .directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("promtool:%n%s", out).isZero();
  }
}
