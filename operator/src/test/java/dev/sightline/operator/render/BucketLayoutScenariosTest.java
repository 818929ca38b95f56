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
 * FastAPI's default buckets (0.1, 0.5, 1, +Inf) under a 300 ms objective, on the real rule engine,
 * with the layout Sightline found in Prometheus: the latency SLI interpolates between 0.1 and 0.5
 * instead of being empty, and HighLatency does not fire on histogram_quantile's interpolation when
 * no request crossed a bucket above the threshold (the price: slowness between the threshold and
 * the next bucket is left to the latency SLO alerts).
 */
class BucketLayoutScenariosTest {
  static final int H = 6 * 60;
  static final String LATENCY_FAST = "SightlineLatencyBudgetBurnFast";
  static final String HIGH_LATENCY = "SightlineHighLatency";

  static final String SLI_MISSING = "SightlineLatencySliMissing";

  static ObservedServiceModel fastapi() {
    return fastapi("300ms", List.of(0.1, 0.5, 1.0));
  }

  static ObservedServiceModel fastapi(String threshold, List<Double> discoveredBuckets) {
    ObservedServiceSpec s = new ObservedServiceSpec();
    s.metrics = new MetricsSpec();
    s.metrics.convention = MetricConvention.PROMETHEUS_CLIENT;
    s.objectives = new ObjectivesSpec();
    s.objectives.latency = new LatencyObjectiveSpec();
    s.objectives.latency.threshold = threshold;
    s.alerts = new dev.sightline.operator.api.AlertsSpec();
    s.alerts.highLatency = new dev.sightline.operator.api.LatencyAlertSpec();
    s.alerts.highLatency.forDuration = "10m";
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop").build());
    o.setSpec(s);
    return ObservedServiceModel.fromCrd(o,
        new ObservedServiceModel.Discovered(Map.of(), null, new Histogram(discoveredBuckets, false)));
  }

  /** Per minute at 10 req/s: the share of requests in (0.1, 0.5] and in (0.5, 1]; the rest under 0.1. */
  static Map<String, String> series(int[] minutes, double[][] shares) {
    String labels = "namespace=\"shop\", job=\"orders\", instance=\"10.0.0.7:8080\", method=\"GET\", handler=\"/orders\"";
    double[] le = new double[4];
    double total = 0;
    StringJoiner[] j = {new StringJoiner(" "), new StringJoiner(" "), new StringJoiner(" "), new StringJoiner(" ")};
    StringJoiner requests = new StringJoiner(" ");
    for (int p = 0; p < minutes.length; p++) {
      for (int i = 0; i < minutes[p]; i++) {
        double n = 600;
        total += n;
        le[0] += n * (1 - shares[p][0] - shares[p][1]);
        le[1] += n * (1 - shares[p][1]);
        le[2] += n;
        le[3] += n;
        for (int k = 0; k < 4; k++) {
          j[k].add(Numbers.format(le[k]));
        }
        requests.add(Numbers.format(total));
      }
    }
    Map<String, String> s = new LinkedHashMap<>();
    String[] bounds = {"0.1", "0.5", "1.0", "+Inf"};
    for (int k = 0; k < 4; k++) {
      s.put("http_request_duration_seconds_bucket{" + labels + ", le=\"" + bounds[k] + "\"}", j[k].toString());
    }
    s.put("http_requests_total{" + labels + ", status=\"200\"}", requests.toString());
    s.put("up{namespace=\"shop\", job=\"orders\", instance=\"10.0.0.7:8080\"}", "1x" + (long) (total / 600 - 1));
    return s;
  }

  @Test
  void nothingOverTheThresholdFiresNothing(@TempDir Path dir) throws Exception {
    // 3 % of the requests at about 150 ms, none slower: p99 interpolates to 0.367 s
    var timeline = PromtoolTimeline.run(dir, fastapi(), series(new int[] {H + 12 * 60}, new double[][] {{0.03, 0}}),
        H, H + 12 * 60, 10);
    System.out.printf("scenario | %-55s | fired: %s%n", "FastAPI buckets, 3 % at 150 ms for 12 h",
        PromtoolTimeline.everFired(timeline));
    assertThat(PromtoolTimeline.everFired(timeline)).as("no percentile artefact").doesNotContain(HIGH_LATENCY);
    // the interpolated SLI counts half of (0.1 s, 0.5 s] as slow, 1.5 % here: a slow-burn ticket is the price of
    // a layout without a bucket at the threshold (MetricsFound says how to make the SLI exact); never a page
    assertThat(PromtoolTimeline.everFired(timeline)).doesNotContain(LATENCY_FAST, SLI_MISSING);
  }

  @Test
  void noBucketAboveTheThresholdTicketsThatTheSliIsMissing(@TempDir Path dir) throws Exception {
    // a 2 s objective on buckets up to 1 s: no SLI can be computed, so say so instead of staying silent
    ObservedServiceModel model = fastapi("2s", List.of(0.1, 0.5, 1.0));
    assertThat(model.latencySli()).isFalse();
    var timeline = PromtoolTimeline.run(dir, model, series(new int[] {60}, new double[][] {{0.03, 0}}), 0, 60, 1);
    int ticket = PromtoolTimeline.firstFiring(timeline, SLI_MISSING, 0);
    System.out.printf("scenario | %-55s | %s after %d min%n", "2 s objective, buckets up to 1 s", SLI_MISSING, ticket);
    assertThat(ticket).as("a ticket").isBetween(15, 20);
    assertThat(GoldenSignalAlerts.render(model).stream().filter(r -> r.getAlert().equals(SLI_MISSING)).findFirst()
        .orElseThrow().getAnnotations().get("description")).contains("buckets up to 1s only", "add a bucket at or above 2s");
  }

  @Test
  void aLayoutNotYetKnownWithoutTheThresholdBucketTicketsThatTheSliIsMissing(@TempDir Path dir) throws Exception {
    // before the closed loop has seen the histogram a bucket at the threshold is assumed; FastAPI has none at 300 ms
    ObservedServiceModel model = fastapi("300ms", List.of());
    var timeline = PromtoolTimeline.run(dir, model, series(new int[] {60}, new double[][] {{0.5, 0}}), 0, 60, 1);
    int ticket = PromtoolTimeline.firstFiring(timeline, SLI_MISSING, 0);
    System.out.printf("scenario | %-55s | %s after %d min%n", "FastAPI buckets, layout not known yet", SLI_MISSING,
        ticket);
    assertThat(ticket).as("a ticket").isBetween(15, 20);
    assertThat(PromtoolTimeline.everFired(timeline)).as("no page").allMatch(a -> !a.contains("Fast"));
  }

  @Test
  void halfTheRequestsOverTheThresholdBurnTheInterpolatedLatencyBudget(@TempDir Path dir) throws Exception {
    // half the requests at about 400 ms for 30 minutes
    var timeline = PromtoolTimeline.run(dir, fastapi(),
        series(new int[] {H, 30}, new double[][] {{0.001, 0}, {0.5, 0}}), H - 60, H + 30, 1);
    String slow = "SightlineLatencyBudgetBurnSlow";
    int fired = PromtoolTimeline.firstFiring(timeline, slow, H);
    System.out.printf("scenario | %-55s | %s after %d min; fired: %s%n", "FastAPI buckets, half at 400 ms for 30 min",
        slow, fired - H, PromtoolTimeline.everFired(timeline));
    // before: no slow-request series at all, nothing but HighLatency could fire
    assertThat(fired).as("the latency SLO alerts").isPositive();
    assertThat(PromtoolTimeline.everFired(timeline.headMap(H))).as("quiet history").isEmpty();
  }
}
