package dev.sightline.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Golden-signal recording rules, named level:metric:operations. They normalise every metric
 * convention to one vocabulary keyed by {namespace, job}, which alerts and dashboards then share.
 */
public final class RecordingRules {
  public static final String REQUESTS_RATE5M = "namespace_job:sightline_http_requests:rate5m";
  public static final String ERRORS_RATE5M = "namespace_job:sightline_http_errors:rate5m";
  public static final String ERROR_RATIO5M = "namespace_job:sightline_http_errors:ratio_rate5m";
  public static final String IN_FLIGHT = "namespace_job:sightline_http_in_flight:sum";
  static final int[] PERCENTILES = {50, 95, 99};

  private RecordingRules() {}

  public static String latencyQuantile(int percentile) {
    return "namespace_job:sightline_http_request_duration_seconds:p" + percentile + "_rate5m";
  }

  public static List<Rule> render(ResolvedSpec spec) {
    MetricNames m = spec.metrics();
    String requests = PromQl.series(m.requestsTotal(), spec);
    String errors =
        PromQl.series(m.requestsTotal(), spec, Map.of(m.statusLabel(), "=~" + PromQl.quote(spec.errorStatusRegex())));
    List<Rule> rules = new ArrayList<>();
    rules.add(record(REQUESTS_RATE5M, "sum by (namespace, job) (rate(" + requests + "[5m]))"));
    // "or 0 * requests" keeps the error series at 0 instead of absent while nothing fails.
    rules.add(
        record(
            ERRORS_RATE5M,
            "sum by (namespace, job) (rate(" + errors + "[5m]))\nor\n0 * sum by (namespace, job) (rate("
                + requests + "[5m]))"));
    rules.add(
        record(
            ERROR_RATIO5M,
            PromQl.series(ERRORS_RATE5M, spec) + "\n/\n" + PromQl.series(REQUESTS_RATE5M, spec)));
    if (m.hasLatency()) {
      String buckets = "sum by (namespace, job, le) (rate(" + PromQl.series(m.bucket(), spec) + "[5m]))";
      for (int p : PERCENTILES) {
        rules.add(record(latencyQuantile(p), "histogram_quantile(" + Numbers.format(p / 100.0) + ", " + buckets + ")"));
      }
    }
    if (m.inFlight() != null) {
      rules.add(record(IN_FLIGHT, "sum by (namespace, job) (" + PromQl.series(m.inFlight(), spec) + ")"));
    }
    return rules;
  }

  private static Rule record(String name, String expr) {
    return new RuleBuilder().withRecord(name).withExpr(new IntOrString(expr)).build();
  }
}
