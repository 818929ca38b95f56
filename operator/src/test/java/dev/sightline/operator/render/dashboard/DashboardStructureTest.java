package dev.sightline.operator.render.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.testsupport.GrafanaQueries;
import dev.sightline.testsupport.GrafanaSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.operator.render.GoldenFilesTest;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.render.dashboard.DashboardVariables.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grafana-level validity of every golden dashboard (ids, layout, descriptions) and the rules of
 * Grafana's dashboard linter that users run on dashboards (the linter itself is not installable here):
 * Grafana units, $__rate_interval for every range, the data source only through its variable, every
 * panel honouring every choice of its row, the instance's All as .+.
 */
public class DashboardStructureTest {
  private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)]");

  public static List<String> cases() throws Exception {
    return GoldenFilesTest.cases().filter(c -> {
      try {
        return GoldenFilesTest.load(c).dashboard().enabled();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  public static JsonNode render(String name) throws Exception {
    return new ObjectMapper().readTree(DashboardRenderer.render(GoldenFilesTest.load(name)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void dashboardIsValidGrafanaJson(String name) throws Exception {
    ObservedServiceModel spec = GoldenFilesTest.load(name);
    JsonNode d = render(name);
    assertThat(d.get("schemaVersion").asInt()).isEqualTo(DashboardRenderer.SCHEMA_VERSION).isEqualTo(42);
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
        assertThat(p.get("targets")).isNotEmpty();
      }
    }
  }

  /** The top row answers first whether Prometheus sees the service, then shows the latency the alert watches. */
  @ParameterizedTest
  @MethodSource("cases")
  void topRowStartsWithScrapeHealthAndShowsTheAlertsPercentile(String name) throws Exception {
    ObservedServiceModel spec = GoldenFilesTest.load(name);
    List<String> top = DashboardPanels.of(spec).get(0).panels().stream().map(Panel::title).toList();
    assertThat(top.get(0)).isEqualTo("Targets up");
    if (spec.metrics().names().hasLatency()) {
      int p = spec.alerts().highLatency().percentile();
      assertThat(top).contains("p" + p + " latency", "p" + (p == 99 ? 95 : 99) + " latency");
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyUnitIsAGrafanaUnit(String name) throws Exception {
    Set<String> units = GrafanaSchema.units();
    for (JsonNode p : panels(render(name))) {
      assertThat(p.at("/fieldConfig/defaults/unit").asText()).as("unit of %s", p.get("title")).isIn(units);
      if (p.at("/options/yAxis/unit").isTextual()) {
        assertThat(p.at("/options/yAxis/unit").asText()).as("y-axis unit of %s", p.get("title")).isIn(units);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyRangeIsTheRateInterval(String name) throws Exception {
    List<String> ranges = new ArrayList<>();
    for (GrafanaQueries.PanelQuery q : GrafanaQueries.panelQueries(render(name))) {
      Matcher m = RANGE.matcher(q.expr());
      while (m.find()) {
        ranges.add(q.panel() + ": " + m.group(1));
        assertThat(m.group(1)).as("range in %s: %s", q.panel(), q.expr()).isEqualTo("$__rate_interval");
      }
    }
    assertThat(ranges).isNotEmpty();
  }

  /** Panels, targets, annotations and query variables name the data source only as ${datasource}. */
  @ParameterizedTest
  @MethodSource("cases")
  void theDataSourceIsOnlyTheVariable(String name) throws Exception {
    JsonNode d = render(name);
    List<JsonNode> refs = d.findValues("datasource");
    assertThat(refs).hasSizeGreaterThan(10);
    for (JsonNode ds : refs) {
      assertThat(ds.path("uid").asText()).as("datasource %s", ds).isEqualTo("${datasource}");
      assertThat(ds.path("type").asText()).isEqualTo("prometheus");
    }
    JsonNode variable = d.at("/templating/list/0");
    assertThat(variable.get("type").asText()).isEqualTo("datasource");
    assertThat(variable.get("query").asText()).isEqualTo("prometheus");
  }

  /**
   * Every panel honours every choice its row offers (a query without $instance ignores the instance chosen);
   * a row that leaves the instance out says so in its title; the instance's All is .+ (the route's .*).
   */
  @ParameterizedTest
  @MethodSource("cases")
  void everyPanelHonoursItsRowsChoices(String name) throws Exception {
    ObservedServiceModel spec = GoldenFilesTest.load(name);
    for (DashboardPanels.RenderedRow row : DashboardPanels.of(spec)) {
      if (!row.scope().variables.contains(Variable.INSTANCE)) {
        assertThat(row.title()).as("a row for the whole service says so").contains("whole service");
      }
      for (Panel p : row.panels()) {
        for (Panel.Query q : p.queries()) {
          for (Variable v : row.scope().variables) {
            assertThat(q.expr()).as("%s in %s", v.ref(), p.title()).contains(v.ref());
          }
        }
      }
    }
    JsonNode d = render(name);
    List<String> names = new ArrayList<>();
    for (JsonNode v : d.at("/templating/list")) {
      names.add(v.get("name").asText());
      if (v.path("includeAll").asBoolean()) {
        // the linter's rule is for the instance (every series has one); a route label may be missing: .*
        assertThat(v.get("allValue").asText()).as("All of %s", v.get("name"))
            .isEqualTo("instance".equals(v.get("name").asText()) ? ".+" : ".*");
      }
    }
    assertThat(names).containsExactly("datasource", "namespace", "instance", "route");
    for (GrafanaQueries.PanelQuery q : GrafanaQueries.panelQueries(d)) {
      assertThat(q.expr()).as(q.panel()).contains("$namespace");
    }
  }

  private static List<JsonNode> panels(JsonNode d) {
    List<JsonNode> out = new ArrayList<>();
    d.get("panels").forEach(p -> {
      if (!"row".equals(p.get("type").asText())) {
        out.add(p);
      }
    });
    return out;
  }
}
