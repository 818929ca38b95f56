package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.operator.model.ObservedServiceModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Grafana-level validity of every golden dashboard: ids, layout, units, datasource. */
class DashboardStructureTest {
  static List<String> cases() throws Exception {
    return GoldenFilesTest.cases().filter(c -> {
      try {
        return GoldenFilesTest.load(c).dashboard().enabled();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void dashboardIsValidGrafanaJson(String name) throws Exception {
    ObservedServiceModel spec = GoldenFilesTest.load(name);
    JsonNode d = new ObjectMapper().readTree(DashboardRenderer.render(spec));
    assertThat(d.get("schemaVersion").asInt()).isEqualTo(DashboardRenderer.SCHEMA_VERSION);
    assertThat(d.get("uid").asText()).hasSizeLessThanOrEqualTo(40).isEqualTo(DashboardRenderer.uid(spec.namespace(), spec.name()));
    Set<Integer> ids = new HashSet<>();
    boolean[][] grid = new boolean[200][24];
    for (JsonNode p : d.get("panels")) {
      assertThat(ids.add(p.get("id").asInt())).as("duplicate panel id %s", p.get("id")).isTrue();
      JsonNode g = p.get("gridPos");
      int x = g.get("x").asInt();
      int y = g.get("y").asInt();
      int w = g.get("w").asInt();
      int h = g.get("h").asInt();
      assertThat(x + w).as("panel %s fits the 24-column grid", p.get("title")).isLessThanOrEqualTo(24);
      for (int row = y; row < y + h; row++) {
        for (int col = x; col < x + w; col++) {
          assertThat(grid[row][col]).as("panel %s overlaps another at %d,%d", p.get("title"), col, row).isFalse();
          grid[row][col] = true;
        }
      }
      if (!"row".equals(p.get("type").asText())) {
        assertThat(p.path("description").asText()).as("description of %s", p.get("title")).isNotBlank();
        assertThat(p.at("/fieldConfig/defaults/unit").asText()).as("unit of %s", p.get("title")).isNotBlank();
        assertThat(p.at("/datasource/uid").asText()).isEqualTo("${datasource}");
        assertThat(p.get("targets")).isNotEmpty();
      }
    }
  }
}
