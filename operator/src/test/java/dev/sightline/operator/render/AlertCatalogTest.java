package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.AlertCatalog;
import dev.sightline.operator.api.AlertsSpec;
import dev.sightline.operator.render.rules.GoldenSignalAlerts;
import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An alert is its field in the API (which declares its name and defaults with @Alert) and its
 * definition: every definition is declared there, every declared name is defined, and the defaults
 * table carries what the declarations say.
 */
class AlertCatalogTest {
  @Test
  void everyDeclaredAlertIsDefinedAndEveryDefinitionDeclared() {
    List<String> defined = new ArrayList<>(GoldenSignalAlerts.DEFINITIONS.stream()
        .map(GoldenSignalAlerts.Definition::name).toList());
    for (String slo : List.of("Availability", "Latency")) {
      defined.add(slo + "BudgetBurnFast");
      defined.add(slo + "BudgetBurnSlow");
    }
    assertThat(defined).containsExactlyInAnyOrderElementsOf(AlertCatalog.NAMES);
    for (GoldenSignalAlerts.Definition d : GoldenSignalAlerts.DEFINITIONS) {
      assertThat(AlertCatalog.governing(d.name()).forDuration()).as("%s's default for", d.name()).isNotNull();
    }
  }

  /** The names the dashboard's tiles and the routing read from the definitions are the rules' own, in order. */
  @Test
  void theAlertNamesAreTheRenderedRulesAlerts() throws Exception {
    for (String name : GoldenFilesTest.cases().toList()) {
      var model = GoldenFilesTest.load(name);
      List<String> rendered = PrometheusRuleRenderer.render(model).getSpec().getGroups().stream()
          .flatMap(g -> g.getRules().stream()).map(r -> r.getAlert()).filter(a -> a != null).distinct().toList();
      assertThat(PrometheusRuleRenderer.alertNames(model)).as(name).isNotEmpty().isEqualTo(rendered);
    }
  }

  @Test
  void everyAlertSettingOfTheApiIsDeclared() throws Exception {
    for (var f : AlertsSpec.class.getFields()) {
      boolean setting = f.getName().equals("budgetBurn")
          || dev.sightline.operator.api.AlertSpec.class.isAssignableFrom(f.getType());
      assertThat(AlertCatalog.SETTINGS.stream().anyMatch(s -> s.field().equals(f.getName())))
          .as("alerts.%s declares its alerts", f.getName()).isEqualTo(setting);
    }
  }

  @Test
  void theDefaultsTableHasEachSettingsForAndSeverity() {
    var rows = dev.sightline.operator.api.Defaults.TABLE;
    assertThat(rows).anySatisfy(e -> {
      assertThat(e.field()).isEqualTo("alerts.requestsStuck.for");
      assertThat(e.value()).isEqualTo("3m");
    });
    assertThat(rows).anySatisfy(e -> {
      assertThat(e.field()).isEqualTo("alerts.saturation.severity");
      assertThat(e.value()).isEqualTo("ticket");
    });
    assertThat(rows.stream().filter(e -> e.field().equals("alerts.saturation.for"))).hasSize(1);
  }
}
