package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.render.dashboard.DashboardStructureTest;
import dev.sightline.operator.render.dashboard.DashboardRenderer;
import dev.sightline.testsupport.GrafanaQueries;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every dashboard query (panels and annotations) is valid PromQL for the real Prometheus parser. */
class DashboardQueriesTest {
  static List<String> cases() throws Exception {
    return DashboardStructureTest.cases();
  }

  /** Every panel query and the annotation's, with the variables Grafana gives them on first load. */
  static List<String> queries(JsonNode dashboard) {
    Map<String, String> values = GrafanaQueries.defaults(dashboard, "1m");
    List<String> out = new ArrayList<>();
    GrafanaQueries.panelQueries(dashboard).forEach(q -> out.add(GrafanaQueries.substitute(q.expr(), values)));
    dashboard.at("/annotations/list").forEach(a -> out.add(GrafanaQueries.substitute(a.at("/target/expr").asText(), values)));
    dashboard.at("/templating/list").forEach(v -> {
      if ("query".equals(v.get("type").asText())) { // label_values(selector, label): its selector
        String q = v.get("query").asText();
        assertThat(q).startsWith("label_values(");
        out.add(GrafanaQueries.substitute(q.substring("label_values(".length(), q.lastIndexOf(',')), values));
      }
    });
    return out;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyQueryParsesWithPromtool(String name, @TempDir Path dir) throws Exception {
    JsonNode d = new ObjectMapper().readTree(DashboardRenderer.render(GoldenFilesTest.load(name)));
    List<String> queries = queries(d);
    assertThat(queries).hasSizeGreaterThan(10);
    List<Map<String, String>> rules = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      Map<String, String> r = new LinkedHashMap<>();
      r.put("record", "dashboard_query_" + i);
      r.put("expr", queries.get(i));
      rules.add(r);
    }
    Path file = dir.resolve("dashboard-queries.yaml");
    Files.writeString(file, Serialization.asYaml(Map.of("groups", List.of(Map.of("name", "q", "rules", rules)))));
    assertThat(PromtoolCheckTest.run(dir, "check", "rules", file.toString()))
        .contains("SUCCESS: " + queries.size() + " rules found");
  }
}
