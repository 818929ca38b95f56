package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.render.dashboard.DashboardStructureTest;
import dev.sightline.testsupport.GrafanaQueries;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.operator.model.MetricNames;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A count that is zero shows 0, not "No data" (Grafana's linter asks it of every count): on a healthy
 * service (up, requests, none failing, no alert), every query of the panels that count something returns
 * a series, as the real promtool evaluates it with the variables Grafana gives on first load.
 */
class DashboardZeroTest {
  /** The panels that count events or things, by title prefix. */
  static final Set<String> COUNTS = Set.of("Targets up", "Request rate", "In flight", "Alerts", "Errors by");

  @ParameterizedTest
  @MethodSource("dev.sightline.operator.render.dashboard.DashboardStructureTest#cases")
  void everyCountShowsZeroOnAHealthyService(String name, @TempDir Path dir) throws Exception {
    ObservedServiceModel m = GoldenFilesTest.load(name);
    JsonNode d = DashboardStructureTest.render(name);
    Map<String, String> values = GrafanaQueries.defaults(d, "1m");
    MetricNames n = m.metrics().names();
    String target = "namespace=\"" + m.namespace() + "\", job=\"" + m.name() + "\", instance=\"10.0.0.1:8080\"";
    Map<String, String> input = new LinkedHashMap<>();
    input.put("up{" + target + ", pod=\"p-1\"}", "1x40");
    String request = target + ", " + n.routeLabel() + "=\"/orders\", " + n.statusLabel() + "=\"200\""
        + (n.exceptionLabel() != null ? ", " + n.exceptionLabel() + "=\"none\"" : "");
    input.put(n.requestsTotal() + "{" + request + "}", "0+30x40");
    if (n.inFlight() != null) {
      input.put(n.inFlight() + "{" + target + "}", "0x40");
    }
    List<Map<String, Object>> tests = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    for (GrafanaQueries.PanelQuery q : GrafanaQueries.panelQueries(d)) {
      if (COUNTS.stream().anyMatch(q.panel()::startsWith)) {
        checked.add(q.panel() + " " + q.refId());
        tests.add(Map.of("expr", "count(" + GrafanaQueries.substitute(q.expr(), values) + ") > bool 0",
            "eval_time", "8m", "exp_samples", List.of(Map.of("labels", "{}", "value", 1))));
      }
    }
    assertThat(checked).as("count panels").hasSizeGreaterThanOrEqualTo(6);
    List<Map<String, String>> series = new ArrayList<>();
    input.forEach((s, v) -> series.add(Map.of("series", s, "values", v)));
    Path file = dir.resolve("zero-test.yaml");
    Files.writeString(file, Serialization.asYaml(Map.of("evaluation_interval", "15s", "tests",
        List.of(Map.of("interval", "15s", "input_series", series, "promql_expr_test", tests)))));
    assertThat(PromtoolCheckTest.run(dir, "test", "rules", file.toString())).as("checked %s", checked).contains("SUCCESS");
  }
}
