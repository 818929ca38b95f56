package dev.sightline.operator.render;

import dev.sightline.operator.model.MetricNames;
import dev.sightline.operator.model.Numbers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Synthetic scrapes of an instrumented service, one sample per minute: request and error counters,
 * latency buckets around a 300 ms threshold, and up, named after any metric convention. Built phase
 * by phase.
 */
final class Traffic {
  private static final String LABELS = "namespace=\"shop\", job=\"orders\", instance=\"10.0.0.7:8080\"";
  private final StringJoiner ok = new StringJoiner(" ");
  private final StringJoiner failed = new StringJoiner(" ");
  private final StringJoiner fast = new StringJoiner(" ");
  private final StringJoiner under1s = new StringJoiner(" ");
  private final StringJoiner all = new StringJoiner(" ");
  private final StringJoiner up = new StringJoiner(" ");
  private final StringJoiner inFlight = new StringJoiner(" ");
  private double okTotal;
  private double failedTotal;
  private double fastTotal;
  private double totalTotal;
  private int minutes = -1;

  Traffic() {
    phase(1, 0, 0, 0, true); // the sample at t=0
  }

  /** {@code minutes} of traffic at {@code rps}, with error and slow shares (0..1). */
  Traffic phase(int minutes, double rps, double errorShare, double slowShare, boolean targetUp) {
    // requests take about 200 ms: rps / 5 in flight
    return phase(minutes, rps, errorShare, slowShare, targetUp, rps / 5);
  }

  /** A hang: no request completes (the counters stay flat), {@code inFlight} requests wait, /metrics answers. */
  Traffic hang(int minutes, double inFlight) {
    return phase(minutes, 0, 0, 0, true, inFlight);
  }

  private Traffic phase(int minutes, double rps, double errorShare, double slowShare, boolean targetUp,
      double inFlightNow) {
    for (int i = 0; i < minutes; i++) {
      this.minutes++;
      if (!targetUp) {
        for (StringJoiner j : new StringJoiner[] {ok, failed, fast, under1s, all, inFlight}) {
          j.add("_");
        }
        up.add("0");
        continue;
      }
      inFlight.add(Numbers.format(inFlightNow));
      double n = rps * 60;
      okTotal += n * (1 - errorShare);
      failedTotal += n * errorShare;
      fastTotal += n * (1 - slowShare);
      totalTotal += n;
      ok.add(Numbers.format(okTotal));
      failed.add(Numbers.format(failedTotal));
      fast.add(Numbers.format(fastTotal));
      under1s.add(Numbers.format(totalTotal));
      all.add(Numbers.format(totalTotal));
      up.add("1");
    }
    return this;
  }

  Traffic normal(int minutes) {
    return phase(minutes, 10, 0.001, 0.001, true);
  }

  int minutes() {
    return minutes;
  }

  /** Series in Micrometer's names. */
  Map<String, String> series() {
    return series(MetricNames.of(dev.sightline.operator.api.MetricConvention.MICROMETER, null));
  }

  /** Series in the given convention's names. */
  Map<String, String> series(MetricNames m) {
    return series(m, "/orders");
  }

  /** Series in the given convention's names, of requests to one route. */
  Map<String, String> series(MetricNames m, String routeValue) {
    String route = ", " + m.methodLabel() + "=\"GET\", " + m.routeLabel() + "=\"" + routeValue + "\"";
    String count = m.requestsTotal() + "{" + LABELS + route;
    Map<String, String> s = new LinkedHashMap<>();
    s.put(count + ", " + m.statusLabel() + "=\"200\"}", ok.toString());
    s.put(count + ", " + m.statusLabel() + "=\"500\"}", failed.toString());
    if (m.hasLatency()) {
      String bucket = m.bucket() + "{" + LABELS + route + ", " + m.statusLabel() + "=\"200\"";
      s.put(bucket + ", le=\"0.3\"}", fast.toString());
      s.put(bucket + ", le=\"1.0\"}", under1s.toString());
      s.put(bucket + ", le=\"+Inf\"}", all.toString());
    }
    if (m.inFlight() != null) {
      s.put(m.inFlight() + "{" + LABELS + "}", inFlight.toString());
    }
    s.put(UP, up.toString());
    return s;
  }

  /**
   * The requests to several routes of one service, each with its own traffic: their counters and buckets side by
   * side; up and in-flight (one per target) as the first route's traffic has them.
   */
  static Map<String, String> routes(MetricNames m, Map<String, Traffic> byRoute) {
    Map<String, String> out = new LinkedHashMap<>();
    byRoute.forEach((route, t) -> t.series(m, route).forEach(out::putIfAbsent));
    return out;
  }

  /** The key of the up series in {@link #series}. */
  static final String UP = "up{" + LABELS + "}";

  /** The same series scraped every {@code minutes} minutes: the samples in between are missing. */
  static Map<String, String> scrapedEvery(Map<String, String> series, int minutes) {
    Map<String, String> out = new LinkedHashMap<>();
    series.forEach((name, values) -> {
      String[] v = values.split(" ");
      StringJoiner j = new StringJoiner(" ");
      for (int i = 0; i < v.length; i++) {
        j.add(i % minutes == 0 ? v[i] : "_");
      }
      out.put(name, j.toString());
    });
    return out;
  }
}
