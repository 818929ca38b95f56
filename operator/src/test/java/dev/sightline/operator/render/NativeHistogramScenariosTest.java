package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.LatencyObjectiveSpec;
import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.api.MetricsSpec;
import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.Objectives;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service exposing its latency as a native histogram only (no _bucket series), on the real rule
 * engine: the latency SLI comes from histogram_fraction up to the threshold, so no classic bucket at
 * the threshold is needed; the quantiles come from the native buckets too.
 */
class NativeHistogramScenariosTest {
  static final int H = 6 * 60;
  static final String LABELS = "namespace=\"shop\", job=\"orders\", instance=\"10.0.0.7:8080\"";

  static ObservedServiceModel model() {
    ObservedServiceSpec s = new ObservedServiceSpec();
    s.metrics = new MetricsSpec();
    s.metrics.convention = MetricConvention.PROMETHEUS_CLIENT;
    s.objectives = new ObjectivesSpec();
    s.objectives.latency = new LatencyObjectiveSpec();
    s.objectives.latency.threshold = "300ms";
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop").build());
    o.setSpec(s);
    return ObservedServiceModel.fromCrd(o, new ObservedServiceModel.Discovered(Map.of(), null,
        new Histogram(List.of(), true)));
  }

  /**
   * Per minute at 10 req/s, schema 0 (bucket bounds at powers of two): the share of requests at about
   * 200 ms (bucket (0.125, 0.25]) and the rest at about 400 ms (bucket (0.25, 0.5]).
   */
  static Map<String, String> series(int[] minutes, double[] slowShares) {
    StringJoiner histogram = new StringJoiner(" ");
    StringJoiner requests = new StringJoiner(" ");
    double fast = 0;
    double slow = 0;
    for (int p = 0; p < minutes.length; p++) {
      for (int i = 0; i < minutes[p]; i++) {
        fast += 600 * (1 - slowShares[p]);
        slow += 600 * slowShares[p];
        histogram.add("{{schema:0 count:" + Numbers.format(fast + slow) + " sum:" + Numbers.format(fast * 0.2 + slow * 0.4)
            + " offset:-2 buckets:[" + Numbers.format(fast) + " " + Numbers.format(slow) + "]}}");
        requests.add(Numbers.format(fast + slow));
      }
    }
    Map<String, String> s = new LinkedHashMap<>();
    String route = ", method=\"GET\", handler=\"/orders\"";
    s.put("http_request_duration_seconds{" + LABELS + route + "}", histogram.toString());
    s.put("http_requests_total{" + LABELS + route + ", status=\"200\"}", requests.toString());
    s.put("up{" + LABELS + "}", "1x" + (requests.length() == 0 ? 0 : requests.toString().split(" ").length - 1));
    return s;
  }

  @Test
  void theLatencySliUsesHistogramFraction() {
    ObservedServiceModel m = model();
    assertThat(m.objectives().latency().method()).isEqualTo(Objectives.Latency.Method.NATIVE);
    assertThat(RecordingRules.render(m).stream().filter(r -> RecordingRules.FAST_RATE5M.equals(r.getRecord()))
        .findFirst().orElseThrow().getExpr().getStrVal()).contains("histogram_fraction(0, 0.3, ");
  }

  @Test
  void aSlowStormBurnsTheLatencyBudgetAndHighLatencyFires(@TempDir Path dir) throws Exception {
    // 0.5 % slow for hours, then half the requests at 400 ms for an hour
    var timeline = PromtoolTimeline.run(dir, model(), series(new int[] {H, 60}, new double[] {0.005, 0.5}), H - 60,
        H + 60, 1);
    int page = PromtoolTimeline.firstFiring(timeline, "SightlineLatencyBudgetBurnFast", H);
    int latency = PromtoolTimeline.firstFiring(timeline, "SightlineHighLatency", H);
    System.out.printf("scenario | %-55s | latency page after %d min, HighLatency after %d min%n",
        "native histogram, half at 400 ms for 1 h", page - H, latency - H);
    assertThat(PromtoolTimeline.everFired(timeline.headMap(H))).as("quiet history").isEmpty();
    // histogram_fraction interpolates exponentially inside (0.25, 0.5]: 26 % of it counts as under 300 ms, so
    // 37 % of the requests are slow, and the 1h window passes 14.4 x the 1 % budget after 60 x 0.144 / 0.37 = 23 min
    assertThat(page - H).as("minutes to the latency page").isBetween(20, 25);
    assertThat(latency - H).as("minutes to HighLatency").isBetween(10, 20);
    assertThat(PromtoolTimeline.everFired(timeline)).doesNotContain("SightlineLatencySliMissing");
  }
}
