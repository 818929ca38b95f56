package dev.sightline.operator.render;

import dev.sightline.operator.model.MetricNames;
import dev.sightline.operator.model.Numbers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Scrapes of routine events that must not page, and of faults that must: rolling deploys of pods
 * that start slowly, flaky scrapes, a rename of the metrics, a histogram whose bucket layout changes,
 * quiet nights. Built on {@link Traffic} where one target serves; series of several targets here.
 */
final class RoutineEvents {
  private static final String SERVICE = "namespace=\"shop\", job=\"orders\"";

  private RoutineEvents() {}

  /**
   * A rolling deploy, maxSurge 1, of {@code pods} pods that each answer no scrape for their first two
   * minutes and are not ready until they do; the old pod goes when its successor is ready, and the next
   * new one starts then. Requests are served normally throughout.
   */
  static Map<String, String> rollingDeploy(MetricNames names, int before, int pods, int after) {
    int minutes = before + 2 * pods + after;
    Map<String, String> s = new LinkedHashMap<>(new Traffic().normal(minutes).series(names));
    s.remove(Traffic.UP);
    for (int p = 0; p < pods; p++) {
      int ready = before + 2 * p + 2;
      s.put(up("10.0.1." + p, "true"), values(minutes, i -> i < ready ? "1" : i == ready ? "stale" : "_"));
      s.put(up("10.0.2." + p, "false"), values(minutes,
          i -> i < ready - 2 ? "_" : i < ready ? "0" : i == ready ? "stale" : "_"));
      s.put(up("10.0.2." + p, "true"), values(minutes, i -> i < ready ? "_" : "1"));
    }
    return s;
  }

  /**
   * One pod replaced at minute {@code before} (the new one ready after its 2 silent minutes), which stops
   * answering {@code readyFor} minutes after it turned ready, for {@code silentFor} minutes: a target
   * with minutes, not an hour, of history.
   */
  static Map<String, String> youngTargetDown(MetricNames names, int before, int readyFor, int silentFor, int after) {
    int ready = before + 2;
    int minutes = ready + readyFor + silentFor + after;
    Map<String, String> s = new LinkedHashMap<>(new Traffic().normal(minutes).series(names));
    s.remove(Traffic.UP);
    s.put(up("10.0.1.0", "true"), values(minutes, i -> i < ready ? "1" : i == ready ? "stale" : "_"));
    s.put(up("10.0.2.0", "false"), values(minutes, i -> i < before ? "_" : i < ready ? "0" : i == ready ? "stale" : "_"));
    int silent = ready + readyFor;
    s.put(up("10.0.2.0", "true"), values(minutes,
        i -> i < ready ? "_" : i >= silent && i < silent + silentFor ? "0" : "1"));
    return s;
  }

  /**
   * Three ready pods scraped every 30 s; for {@code minutes} one of them fails each scrape with
   * probability {@code failing} (a fixed seed: the same scrapes every run), requests served normally.
   */
  static Map<String, String> flakyScrapes(MetricNames names, int before, int minutes, double failing, int after) {
    Map<String, String> s = halfMinutes(new Traffic().normal(before + minutes + after).series(names));
    s.remove(Traffic.UP);
    int samples = 2 * (before + minutes + after);
    Random random = new Random(23);
    for (int p = 0; p < 3; p++) {
      boolean flaky = p == 0;
      s.put(up("10.0.1." + p, "true"), values(samples, i -> flaky && i > 2 * before && i <= 2 * (before + minutes)
          && random.nextDouble() < failing ? "0" : "1"));
    }
    return s;
  }

  /**
   * A library upgrade renames every metric ({@code from}'s names to {@code to}'s) in a 3-minute rolling
   * deploy at minute {@code before}; {@code outageAfter} minutes later every request fails for
   * {@code outage} minutes.
   */
  static Map<String, String> renamed(MetricNames from, MetricNames to, int before, int outageAfter, int outage,
      int after) {
    Traffic t = new Traffic().normal(before + outageAfter).phase(outage, 10, 1.0, 0.001, true).normal(after);
    Map<String, String> s = new LinkedHashMap<>();
    t.series(from).forEach((k, v) -> s.put(k, k.equals(Traffic.UP) ? v : cut(v, 0, before + 3)));
    t.series(to).forEach((k, v) -> s.putIfAbsent(k, cut(v, before, t.minutes() + 1)));
    return s;
  }

  /**
   * Histogram layouts at 10 req/s, nothing slower than 100 ms: buckets (0.1, 0.3, 0.5, 1) until a
   * 3-minute rolling deploy at minute {@code before} brings FastAPI's (0.1, 0.5, 1), which has no
   * bucket at the 300 ms threshold. 0.1 % of the requests before it take 400 ms.
   */
  static Map<String, String> layoutChange(MetricNames names, int before, int after) {
    int minutes = before + after;
    Map<String, String> s = new LinkedHashMap<>();
    histogram(s, names, "10.0.1.1:8080", new String[] {"0.1", "0.3", "0.5", "1.0", "+Inf"},
        new double[] {0.999, 0.999, 1, 1, 1}, 0, before + 3, minutes);
    histogram(s, names, "10.0.2.1:8080", new String[] {"0.1", "0.5", "1.0", "+Inf"}, new double[] {1, 1, 1, 1},
        before, minutes + 1, minutes);
    s.put("up{" + SERVICE + ", instance=\"10.0.1.1:8080\"}", cut("1x" + minutes, 0, before + 3));
    s.put("up{" + SERVICE + ", instance=\"10.0.2.1:8080\"}", cut("1x" + minutes, before, minutes + 1));
    return s;
  }

  /**
   * Scraped every 30 s, counted in whole requests: days of 12 hours at {@code dayRps} and 12 at
   * {@code nightRps}; each request fails with probability {@code healthy} for {@code healthyDays}, then
   * {@code errors} for {@code days} (a fixed seed: the same failures every run). A quiet night's 6 hours
   * hold about a thousand requests and, at 0.5 %, five failures, give or take what chance gives.
   */
  static Map<String, String> quietNights(MetricNames names, int healthyDays, double healthy, int days, double errors,
      double dayRps, double nightRps) {
    Random random = new Random(23);
    StringJoiner ok = new StringJoiner(" ");
    StringJoiner failed = new StringJoiner(" ");
    double due = 0;
    long all = 0;
    long failures = 0;
    int samples = (healthyDays + days) * 24 * 120;
    for (int i = 0; i <= samples; i++) {
      double share = i < healthyDays * 24 * 120 ? healthy : errors;
      ok.add(String.valueOf(all - failures));
      failed.add(String.valueOf(failures));
      boolean day = (i / 120) % 24 < 12;
      due += 30 * (day ? dayRps : nightRps);
      for (; all < (long) due; all++) {
        failures += random.nextDouble() < share ? 1 : 0;
      }
    }
    String count = names.requestsTotal() + "{" + SERVICE + ", instance=\"10.0.1.1:8080\", " + names.methodLabel()
        + "=\"GET\", " + names.routeLabel() + "=\"/orders\", " + names.statusLabel();
    Map<String, String> s = new LinkedHashMap<>();
    s.put(count + "=\"200\"}", ok.toString());
    s.put(count + "=\"500\"}", failed.toString());
    s.put("up{" + SERVICE + ", instance=\"10.0.1.1:8080\"}", "1x" + samples);
    return s;
  }

  /** One target's request counter and latency buckets (share of the requests at or under each bound). */
  private static void histogram(Map<String, String> s, MetricNames names, String instance, String[] bounds,
      double[] under, int from, int to, int minutes) {
    String labels = SERVICE + ", instance=\"" + instance + "\", " + names.methodLabel() + "=\"GET\", "
        + names.routeLabel() + "=\"/orders\", " + names.statusLabel() + "=\"200\"";
    for (int b = 0; b < bounds.length; b++) {
      double share = under[b];
      s.put(names.bucket() + "{" + labels + ", le=\"" + bounds[b] + "\"}",
          values(minutes, i -> i < from || i > to ? "_" : i == to ? "stale" : Numbers.format(600.0 * (i - from) * share)));
    }
    s.put(names.requestsTotal() + "{" + labels + "}",
        values(minutes, i -> i < from || i > to ? "_" : i == to ? "stale" : Numbers.format(600.0 * (i - from))));
  }

  /** Values present in [from, to), a stale marker at {@code to}, missing elsewhere. */
  static String cut(String values, int from, int to) {
    List<String> v = expand(values);
    return values(v.size() - 1, i -> i < from || i > to ? "_" : i == to ? "stale" : v.get(i));
  }

  /** The same series scraped every 30 s: counters and gauges halfway between two minutes' samples. */
  static Map<String, String> halfMinutes(Map<String, String> series) {
    Map<String, String> out = new LinkedHashMap<>();
    series.forEach((name, values) -> {
      List<String> v = expand(values);
      StringJoiner j = new StringJoiner(" ");
      for (int i = 0; i < v.size(); i++) {
        j.add(v.get(i));
        if (i + 1 < v.size()) {
          boolean numbers = !v.get(i).equals("_") && !v.get(i + 1).equals("_");
          j.add(numbers ? Numbers.format((Double.parseDouble(v.get(i)) + Double.parseDouble(v.get(i + 1))) / 2) : "_");
        }
      }
      out.put(name, j.toString());
    });
    return out;
  }

  private static List<String> expand(String values) {
    if (values.matches("1x\\d+")) {
      return java.util.Collections.nCopies(Integer.parseInt(values.substring(2)) + 1, "1");
    }
    return List.of(values.split(" "));
  }

  private static String up(String pod, String ready) {
    return "up{" + SERVICE + ", instance=\"" + pod + ":8080\", " + ServiceMonitorRenderer.READY_LABEL + "=\""
        + ready + "\"}";
  }

  /** Samples 0..last. */
  private static String values(int last, java.util.function.IntFunction<String> value) {
    StringJoiner j = new StringJoiner(" ");
    for (int i = 0; i <= last; i++) {
      j.add(value.apply(i));
    }
    return j.toString();
  }
}
