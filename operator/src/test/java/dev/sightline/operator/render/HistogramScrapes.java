package dev.sightline.operator.render;

import dev.sightline.operator.model.MetricNames;
import dev.sightline.operator.model.Numbers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Synthetic scrapes of latency histograms other than {@link Traffic}'s (which has a bucket at the
 * threshold): FastAPI's default classic buckets, and a native histogram. One sample per minute, 10
 * requests/s, in any convention's names.
 */
final class HistogramScrapes {
  static final String LABELS = "namespace=\"shop\", job=\"orders\", instance=\"10.0.0.7:8080\"";

  private HistogramScrapes() {}

  private static String route(MetricNames names) {
    return ", " + names.methodLabel() + "=\"GET\", " + names.routeLabel() + "=\"/orders\"";
  }

  /** Per minute at 10 req/s: the share of requests in (0.1, 0.5] and in (0.5, 1]; the rest under 0.1. */
  static Map<String, String> fastapi(MetricNames names, int[] minutes, double[][] shares) {
    String labels = LABELS + route(names);
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
      s.put(names.bucket() + "{" + labels + ", " + names.statusLabel() + "=\"200\", le=\"" + bounds[k] + "\"}",
          j[k].toString());
    }
    s.put(names.requestsTotal() + "{" + labels + ", " + names.statusLabel() + "=\"200\"}", requests.toString());
    s.put("up{" + LABELS + "}", "1x" + (long) (total / 600 - 1));
    return s;
  }

  /**
   * Per minute at 10 req/s, schema 0 (bucket bounds at powers of two): the share of requests at about
   * 200 ms (bucket (0.125, 0.25]) and the rest at about 400 ms (bucket (0.25, 0.5]).
   */
  static Map<String, String> nativeOnly(MetricNames names, int[] minutes, double[] slowShares) {
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
    String labels = LABELS + route(names) + ", " + names.statusLabel() + "=\"200\"";
    s.put(names.durationHistogram() + "{" + labels + "}", histogram.toString());
    s.put(names.requestsTotal() + "{" + labels + "}", requests.toString());
    s.put("up{" + LABELS + "}", "1x" + (requests.length() == 0 ? 0 : requests.toString().split(" ").length - 1));
    return s;
  }
}
