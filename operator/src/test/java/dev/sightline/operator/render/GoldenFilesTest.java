package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import dev.sightline.operator.render.dashboard.DashboardRenderer;
import dev.sightline.operator.render.dashboard.DashboardConfigMapRenderer;
import dev.sightline.operator.render.dashboard.GrafanaDashboardRenderer;
import dev.sightline.operator.render.routing.AlertmanagerConfigRenderer;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rendered objects for representative specs, compared byte for byte with reviewed files under
 * src/test/resources/golden/. Regenerate with -Dsightline.updateGolden=true and review the diff.
 */
public class GoldenFilesTest {
  static final Path ROOT = Path.of("src/test/resources/golden");

  public static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  public static ObservedServiceModel load(String name) throws IOException {
    ObservedService o = Serialization.unmarshal(Files.readString(ROOT.resolve(name).resolve("input.yaml")), ObservedService.class);
    return ObservedServiceModel.fromCrd(o);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void renderedObjectsMatchGoldenFiles(String name) throws IOException {
    ObservedServiceModel spec = load(name);
    check(name, "servicemonitor.yaml", Serialization.asYaml(ServiceMonitorRenderer.render(spec)));
    check(name, "prometheusrule.yaml", Serialization.asYaml(PrometheusRuleRenderer.render(spec)));
    if (spec.dashboard().enabled()) {
      // the operator writes compact JSON; the golden file holds it indented, for review
      String json = DashboardRenderer.render(spec);
      assertThat(json).doesNotContain("\n");
      check(name, "dashboard.json", new com.fasterxml.jackson.databind.ObjectMapper()
          .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)) + "\n");
      var cm = DashboardConfigMapRenderer.render(spec);
      cm.setData(null); // the JSON is its own golden file
      check(name, "dashboard-configmap.yaml", Serialization.asYaml(cm));
      if (spec.dashboard().delivery() == dev.sightline.operator.api.DashboardDelivery.GRAFANA_OPERATOR) {
        check(name, "grafanadashboard.yaml", Serialization.asYaml(GrafanaDashboardRenderer.render(spec)));
      }
    }
    if (spec.routing().enabled()) {
      check(name, "alertmanagerconfig.yaml", Serialization.asYaml(AlertmanagerConfigRenderer.render(spec)));
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void renderingIsDeterministic(String name) throws IOException {
    ObservedServiceModel a = load(name);
    ObservedServiceModel b = load(name);
    assertThat(Serialization.asYaml(PrometheusRuleRenderer.render(a))).isEqualTo(Serialization.asYaml(PrometheusRuleRenderer.render(b)));
    assertThat(Serialization.asYaml(ServiceMonitorRenderer.render(a))).isEqualTo(Serialization.asYaml(ServiceMonitorRenderer.render(b)));
    assertThat(DashboardRenderer.render(a)).isEqualTo(DashboardRenderer.render(b));
    assertThat(Serialization.asYaml(AlertmanagerConfigRenderer.render(a)))
        .isEqualTo(Serialization.asYaml(AlertmanagerConfigRenderer.render(b)));
  }

  private static void check(String name, String file, String actual) throws IOException {
    Path golden = ROOT.resolve(name).resolve(file);
    if (Boolean.getBoolean("sightline.updateGolden")) {
      Files.writeString(golden, actual);
    }
    assertThat(golden).as("golden file (create with -Dsightline.updateGolden=true)").exists();
    assertThat(actual).as("%s/%s", name, file).isEqualTo(Files.readString(golden));
  }
}
