package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.render.rules.RecordingRules;
import dev.sightline.operator.render.rules.GoldenSignalAlerts;
import dev.sightline.operator.render.rules.Windows;
import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.model.Objectives.Latency.Method;
import dev.sightline.operator.model.ObservedServiceModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the latency SLI is computed for each histogram layout, and the windows against the scrape
 * interval; the rule engine's behaviour on them is in {@link AlertScenarios}.
 */
class LatencySliTest {
  @Test
  void theMethodFollowsTheLayoutPrometheusHas() {
    assertThat(AlertScenarios.standard(MetricConvention.MICROMETER).objectives().latency()
        .method()).as("layout unknown: the bucket at the threshold is assumed").isEqualTo(Method.BUCKET);
    assertThat(AlertScenarios.fastapi(MetricConvention.PROMETHEUS_CLIENT, "300ms", List.of(0.1, 0.3, 1.0)).objectives().latency().method())
        .isEqualTo(Method.BUCKET);
    assertThat(AlertScenarios.fastapi(MetricConvention.PROMETHEUS_CLIENT, "300ms", List.of(0.1, 0.5, 1.0)).objectives().latency().method())
        .isEqualTo(Method.INTERPOLATED);
    assertThat(AlertScenarios.fastapi(MetricConvention.PROMETHEUS_CLIENT, "2s", List.of(0.1, 0.5, 1.0)).objectives().latency().method())
        .isEqualTo(Method.NONE);
    assertThat(AlertScenarios.nativeOnly(MetricConvention.PROMETHEUS_CLIENT).objectives().latency().method()).isEqualTo(Method.NATIVE);
  }

  @Test
  void aNativeHistogramUsesHistogramFraction() {
    ObservedServiceModel m = AlertScenarios.nativeOnly(MetricConvention.PROMETHEUS_CLIENT);
    assertThat(rule(m, RecordingRules.FAST_RATE5M)).contains("histogram_fraction(0, 0.3, ",
        "http_request_duration_seconds{namespace=\"shop\", job=\"orders\"}");
    assertThat(rule(m, RecordingRules.latencyQuantile(99))).doesNotContain("_bucket", "le)");
  }

  @Test
  void aMissingSliSaysWhyAndWhatToDo() {
    ObservedServiceModel m = AlertScenarios.fastapi(MetricConvention.PROMETHEUS_CLIENT, "2s", List.of(0.1, 0.5, 1.0));
    assertThat(m.latencySli()).isFalse();
    assertThat(GoldenSignalAlerts.render(m).stream().filter(r -> r.getAlert().equals(AlertScenarios.SLI_MISSING))
        .findFirst().orElseThrow().getAnnotations().get("description"))
        .contains("buckets up to 1s only", "add a bucket at or above 2s");
  }

  @Test
  void windowsAreAtLeastFourScrapes() {
    ObservedServiceModel m = AlertScenarios.everyTwoMinutes(MetricConvention.MICROMETER);
    assertThat(Windows.fastError(m)).isEqualTo("8m");
    assertThat(Windows.sli(m)).containsExactly("8m", "30m", "1h", "2h", "6h", "1d", "3d");
    assertThat(Windows.fastError(AlertScenarios.standard(MetricConvention.MICROMETER)))
        .isEqualTo("2m");
    assertThat(Windows.format(90)).isEqualTo("90s");
    assertThat(Windows.format(259200)).isEqualTo("3d");
  }

  private static String rule(ObservedServiceModel m, String record) {
    return RecordingRules.render(m).stream().filter(r -> record.equals(r.getRecord())).findFirst().orElseThrow()
        .getExpr().getStrVal();
  }
}
