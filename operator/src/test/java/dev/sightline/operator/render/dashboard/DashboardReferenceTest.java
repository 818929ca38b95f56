package dev.sightline.operator.render.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.GeneratedDocs;
import dev.sightline.operator.render.GoldenFilesTest;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.render.dashboard.DashboardVariables.Variable;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/dashboard.md's table is generated from the dashboard's rows and panels (DashboardPanels.ROWS). */
class DashboardReferenceTest {
  @Test
  void theDashboardTableIsGeneratedFromTheCode() throws Exception {
    GeneratedDocs.check(GeneratedDocs.DOCS.resolve("dashboard.md"), "DashboardReferenceTest",
        Map.of("dashboard-table", table()));
  }

  /** Every row and panel of a micrometer service with a latency objective (the most a dashboard has). */
  static String table() throws Exception {
    ObservedServiceModel m = GoldenFilesTest.load("prometheus-client-selector");
    StringBuilder md = new StringBuilder("| Row (choices it follows) | Panel | Shows |\n|---|---|---|\n");
    for (DashboardPanels.RenderedRow row : DashboardPanels.of(m)) {
      String choices = row.scope().variables.stream().map(v -> v.label.replaceAll(" \\(.*", "").toLowerCase())
          .collect(Collectors.joining(", "));
      String title = row.title().replace(m.objectives().summary(), "<objectives>");
      for (Panel p : row.panels()) {
        md.append("| ").append(title).append(" (").append(choices).append(") | ").append(p.title()).append(" | ")
            .append(p.description().replace("|", "\\|")).append(" |\n");
        title = "";
        choices = "";
      }
    }
    // the JVM's panels, for services with micrometer's JVM metrics
    java.util.Set<String> shown = DashboardPanels.of(m).stream().flatMap(r -> r.panels().stream()).map(Panel::title)
        .collect(Collectors.toSet());
    for (DashboardPanels.RenderedRow row : DashboardPanels.of(GoldenFilesTest.load("micrometer-minimal"))) {
      for (Panel p : row.panels()) {
        if (row.title().equals("Saturation") && !shown.contains(p.title())) {
          md.append("| ").append(row.title()).append(", JVM services | ").append(p.title()).append(" | ")
              .append(p.description()).append(" |\n");
        }
      }
    }
    return md.toString().replace(" () |", " |");
  }

  @Test
  void everyChoiceIsNamedInTheTable() throws Exception {
    for (Variable v : Variable.values()) {
      assertThat(table()).contains(v.label.replaceAll(" \\(.*", "").toLowerCase());
    }
  }
}
