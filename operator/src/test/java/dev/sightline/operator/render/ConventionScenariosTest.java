package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.CustomMetricsSpec;
import dev.sightline.operator.api.LatencyObjectiveSpec;
import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.api.MetricsSpec;
import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every metric convention's rules react to incidents written in that convention's own metric and
 * label names (real rule engine, promtool). Six hours of normal traffic precede each incident.
 */
class ConventionScenariosTest {
  static final int H = 6 * 60;

  static ObservedServiceModel spec(MetricConvention convention) {
    ObservedServiceSpec s = new ObservedServiceSpec();
    s.metrics = new MetricsSpec();
    s.metrics.convention = convention;
    if (convention == MetricConvention.CUSTOM) {
      s.metrics.custom = new CustomMetricsSpec();
      s.metrics.custom.requestsTotal = "shop_requests_total";
      s.metrics.custom.durationHistogram = "shop_request_seconds";
      s.metrics.custom.statusLabel = "code";
      s.metrics.custom.routeLabel = "path";
      s.metrics.custom.methodLabel = "verb";
    }
    s.objectives = new ObjectivesSpec();
    s.objectives.latency = new LatencyObjectiveSpec();
    s.objectives.latency.threshold = "300ms";
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop").build());
    o.setSpec(s);
    return ObservedServiceModel.fromCrd(o);
  }

  @ParameterizedTest
  // auto renders the rules of the convention it found (micrometer until then): no series of its own
  @EnumSource(value = MetricConvention.class, names = "AUTO", mode = EnumSource.Mode.EXCLUDE)
  void errorStormPagesAndLatencyRegressionBurnsTheLatencyBudget(MetricConvention convention, @TempDir Path dir)
      throws Exception {
    ObservedServiceModel spec = spec(convention);
    Traffic storm = new Traffic().normal(H).phase(10, 10, 0.20, 0.001, true);
    var t1 = PromtoolTimeline.run(dir, spec, storm.series(spec.metrics().names()), H - 30, storm.minutes(), 1);
    int page = PromtoolTimeline.firstFiring(t1, "SightlineHighErrorRate", H);
    assertThat(page).as("%s: HighErrorRate fires", convention).isPositive();
    assertThat(page - H).isLessThanOrEqualTo(5);
    assertThat(PromtoolTimeline.everFired(t1.headMap(H))).as("quiet before").isEmpty();

    Traffic slow = new Traffic().normal(H).phase(40, 10, 0.001, 0.5, true);
    var t2 = PromtoolTimeline.run(dir, spec, slow.series(spec.metrics().names()), H - 30, slow.minutes(), 1);
    int burn = PromtoolTimeline.firstFiring(t2, "SightlineLatencyBudgetBurnFast", H);
    assertThat(burn).as("%s: latency burn fires", convention).isPositive();
    assertThat(burn - H).isLessThanOrEqualTo(30);
    System.out.printf("convention %-17s | HighErrorRate after %d min | LatencyBudgetBurnFast after %d min%n",
        convention, page - H, burn - H);
  }
}
