package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.render.dashboard.DashboardStructureTest;
import dev.sightline.operator.render.dashboard.DashboardRenderer;
import dev.sightline.operator.render.dashboard.Panel;
import dev.sightline.testsupport.GrafanaSchema;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard Sightline renders passes Grafana's published schema, as both published checkers see it
 * ({@link GrafanaSchema}: grafana-foundation-sdk's strict unmarshal and Validate, @grafana/schema with
 * tsc). The end-to-end suite checks the dashboards it reads from the cluster the same way.
 */
class GrafanaSchemaTest {
  @Test
  void everyGoldenDashboardPassesBothCheckers(@TempDir Path dir) throws Exception {
    List<Path> files = new ArrayList<>();
    for (String name : DashboardStructureTest.cases()) {
      Path f = dir.resolve(name + ".json");
      Files.writeString(f, DashboardRenderer.render(GoldenFilesTest.load(name)));
      files.add(f);
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    for (GrafanaSchema.Report r : GrafanaSchema.check(files)) {
      System.out.println("grafana schema | " + r.checker() + "\n" + r.output());
      assertThat(r.clean()).as("%s:%n%s", r.checker(), r.output()).isTrue();
      for (Path f : files) {
        assertThat(r.output()).as(r.checker()).contains(f + ": 0 errors");
      }
    }
  }

  /** The checkers can fail: the heatmap defect of earlier dashboards (calculate as an object) is found by both. */
  @Test
  void bothCheckersFindTheHeatmapDefect(@TempDir Path dir) throws Exception {
    ObjectNode d = (ObjectNode) DashboardStructureTest.render("micrometer-minimal");
    int heatmap = 0;
    for (int i = 0; i < d.get("panels").size(); i++) {
      if ("heatmap".equals(d.get("panels").get(i).get("type").asText())) {
        heatmap = i;
        ((ObjectNode) d.get("panels").get(i).get("options")).putObject("calculate").put("value", false);
      }
    }
    Path f = dir.resolve("broken.json");
    Files.writeString(f, d.toString());
    for (GrafanaSchema.Report r : GrafanaSchema.check(List.of(f))) {
      assertThat(r.clean()).as(r.checker()).isFalse();
      assertThat(r.output()).as(r.checker()).contains("panels[" + heatmap + "].options.calculate").contains(": 1 errors");
    }
  }

  /**
   * What one checker cannot see: @grafana/schema has no Prometheus query type, so a wrong field in the
   * annotation's Prometheus query passes tsc; grafana-foundation-sdk reads it as a Prometheus query and
   * finds it. Panel targets are the same (Record<string, unknown> in @grafana/schema).
   */
  @Test
  void onlyTheGoCheckerSeesPrometheusQueryFields(@TempDir Path dir) throws Exception {
    ObjectNode d = (ObjectNode) DashboardStructureTest.render("micrometer-minimal");
    ((ObjectNode) d.at("/annotations/list/0/target")).put("exprr", "up");
    Path f = dir.resolve("annotation.json");
    Files.writeString(f, d.toString());
    List<GrafanaSchema.Report> reports = GrafanaSchema.check(List.of(f));
    assertThat(reports.get(0).output()).as(reports.get(0).checker())
        .contains("annotations.list[0].target").contains("exprr").contains(": 1 errors");
    assertThat(reports.get(1).clean()).as("%s cannot see it:%n%s", reports.get(1).checker(), reports.get(1).output())
        .isTrue();
  }
}
