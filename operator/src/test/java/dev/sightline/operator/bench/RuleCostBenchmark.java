package dev.sightline.operator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.operator.api.LatencyObjectiveSpec;
import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.testsupport.TestCluster;
import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.render.rules.BurnRateAlerts;
import dev.sightline.operator.render.rules.GoldenSignalAlerts;
import dev.sightline.operator.render.rules.ObjectiveRules;
import dev.sightline.operator.render.rules.RecordingRules;
import dev.sightline.operator.render.rules.RecordingRules.LongWindows;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleSpec;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.io.BufferedWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Rule-evaluation cost on a real Prometheus with days of history, on the same backfilled TSDB (promtool tsdb
 * create-blocks-from openmetrics), three rule sets for the same services and SLOs (99.5 % available, 99 % under
 * 300 ms, 30 days): Sightline's rules as rendered (windows longer than 5m from the recorded 5m rates); the same with
 * every window read from the raw counters (the baseline, Sloth's --disable-optimizations); and the rules Sloth
 * v0.16.0 generates for the same two SLOs (sloth generate, the cached binary). Sightline's rules are measured in
 * three groups: its SLO rules (the SLIs, guards and burn-rate alerts), its slow group (the budgets, every
 * {@link ObjectiveRules#SLOW_INTERVAL} when deployed) and the golden-signal part Sloth has no counterpart for
 * (percentiles, requests in flight, the golden-signal alerts), reported apart. Every group is evaluated every 5 s to
 * measure it; the time per minute weighs each by how often it runs deployed (kube-prometheus-stack's 30 s, the slow
 * group every 5 minutes). Prints the median prometheus_rule_group_last_duration_seconds per group, the time and the
 * recorded series per SLO for both, and the ratios. Arguments: [days of history] [services] [routes per service]
 * [evaluations].
 */
public final class RuleCostBenchmark {
  static final int STEP_SECONDS = 30;
  static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1, 2.5};
  /** kube-prometheus-stack's evaluation interval, at which the deployed groups run. */
  static final double INTERVAL_SECONDS = 30;
  /** The objectives each benchmark service has: availability and latency. */
  static final int SLOS_PER_SERVICE = 2;

  /** One rule set's groups for a service, by part. */
  private enum Part { SLO, SLOW, GOLDEN }

  public static void main(String[] args) throws Exception {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int services = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int routes = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int evaluations = args.length > 3 ? Integer.parseInt(args[3]) : 12;
    Path dir = Files.createTempDirectory("sightline-rule-cost");
    Path bin = TestCluster.cache().resolve("bin");
    Path sloth = bin.resolve("sloth");
    if (!Files.isExecutable(sloth)) {
      throw new IllegalStateException(sloth + " is missing: run e2e/scripts/setup.sh (build-binaries.sh builds it)");
    }
    long end = System.currentTimeMillis() / 1000 / STEP_SECONDS * STEP_SECONDS - STEP_SECONDS;
    long start = end - days * 86400L;

    List<ObservedServiceModel> models = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      models.add(model("svc-" + i));
    }
    long t0 = System.nanoTime();
    Path openMetrics = dir.resolve("history.om");
    List<History> history = List.of((file, from, to) -> writeHistory(file, models, routes, from, to));
    long samples = history.get(0).write(openMetrics, start, end);
    Path blocks = Files.createDirectories(dir.resolve("blocks"));
    run(dir, bin.resolve("promtool").toString(), "tsdb", "create-blocks-from", "openmetrics",
        "--max-block-duration=24h", openMetrics.toString(), blocks.toString());
    Files.delete(openMetrics);
    System.out.printf(Locale.ROOT, "history: %d days, %d services x %d routes, %,d samples every %ds, backfilled in"
        + " %.0f s%n", days, services, routes, samples, STEP_SECONDS, (System.nanoTime() - t0) / 1e9);

    Map<LongWindows, Measured> sightline = new LinkedHashMap<>();
    for (LongWindows variant : List.of(LongWindows.FROM_COUNTERS, LongWindows.FROM_RECORDED_5M)) {
      Map<String, List<Rule>> groups = new LinkedHashMap<>();
      for (ObservedServiceModel m : models) {
        for (Part part : Part.values()) {
          groups.put(group(m, part), sightlineRules(m, variant, part));
        }
      }
      sightline.put(variant, measure(dir, bin, freshCopy(blocks, dir, variant.name(), end, history), groups,
          variant.name(), evaluations));
    }
    Map<String, List<Rule>> slothGroups = new LinkedHashMap<>();
    for (ObservedServiceModel m : models) {
      slothGroups.putAll(slothRules(dir, sloth, m));
    }
    Measured slothRun = measure(dir, bin, freshCopy(blocks, dir, "sloth", end, history), slothGroups, "sloth",
        evaluations);

    Measured before = sightline.get(LongWindows.FROM_COUNTERS);
    Measured after = sightline.get(LongWindows.FROM_RECORDED_5M);
    System.out.println();
    System.out.println("| per service, every group | windows from raw counters | from recorded 5m rates | ratio |");
    System.out.println("|---|---:|---:|---:|");
    double sumBefore = 0;
    double sumAfter = 0;
    for (ObservedServiceModel m : models) {
      double b = before.service(prefix(m));
      double a = after.service(prefix(m));
      sumBefore += b;
      sumAfter += a;
      System.out.printf(Locale.ROOT, "| %s | %.2f ms | %.2f ms | %.2f |%n", m.name(), b * 1000, a * 1000, a / b);
    }
    System.out.printf(Locale.ROOT, "| mean per service | %.2f ms | %.2f ms | %.2f |%n", sumBefore / models.size() * 1000,
        sumAfter / models.size() * 1000, sumAfter / sumBefore);

    int slos = models.size() * SLOS_PER_SERVICE;
    double slowEvery = DurationParser.seconds(ObjectiveRules.SLOW_INTERVAL);
    double sloEval = 0;
    double slowEval = 0;
    double goldenEval = 0;
    for (ObservedServiceModel m : models) {
      sloEval += after.median(group(m, Part.SLO));
      slowEval += after.median(group(m, Part.SLOW));
      goldenEval += after.median(group(m, Part.GOLDEN));
    }
    double slothEval = slothRun.total();
    double sightlinePerMinute = (sloEval * 60 / INTERVAL_SECONDS + slowEval * 60 / slowEvery) / slos;
    double slothPerMinute = slothEval * 60 / INTERVAL_SECONDS / slos;
    long sightlineSeries = after.series(g -> !g.endsWith(".golden"));
    long slothSeries = slothRun.series(g -> true);
    System.out.println();
    System.out.printf(Locale.ROOT, "| per SLO (%d services x %d SLOs) | Sightline | Sloth v0.16.0 | ratio |%n",
        models.size(), SLOS_PER_SERVICE);
    System.out.println("|---|---:|---:|---:|");
    System.out.printf(Locale.ROOT, "| evaluation, every group once | %.2f ms (SLO %.2f + budgets %.2f) | %.2f ms |"
        + " %.2f |%n", (sloEval + slowEval) / slos * 1000, sloEval / slos * 1000, slowEval / slos * 1000,
        slothEval / slos * 1000, (sloEval + slowEval) / slothEval);
    System.out.printf(Locale.ROOT, "| Prometheus time per minute (groups every %.0f s, Sightline's budgets every %s) |"
        + " %.2f ms | %.2f ms | %.2f |%n", INTERVAL_SECONDS, ObjectiveRules.SLOW_INTERVAL, sightlinePerMinute * 1000,
        slothPerMinute * 1000, sightlinePerMinute / slothPerMinute);
    System.out.printf(Locale.ROOT, "| recorded series | %.1f | %.1f | %.2f |%n", (double) sightlineSeries / slos,
        (double) slothSeries / slos, (double) sightlineSeries / slothSeries);
    System.out.printf(Locale.ROOT, "%nSightline's golden signals besides (percentiles, in flight, %d alerts), per"
        + " service: %.2f ms per evaluation, %.2f ms per minute, %.1f recorded series%n",
        GoldenSignalAlerts.render(models.get(0)).size(), goldenEval / models.size() * 1000,
        goldenEval / models.size() * 60 / INTERVAL_SECONDS * 1000,
        (double) after.series(g -> g.endsWith(".golden")) / models.size());
    System.out.println("median of prometheus_rule_group_last_duration_seconds over " + evaluations
        + " evaluations; data, rules and logs: " + dir);
  }

  private static String prefix(ObservedServiceModel m) {
    return GeneratedNames.ruleGroup(m);
  }

  /** The group a part is measured in: the service's and the slow group by their names, the golden part beside. */
  private static String group(ObservedServiceModel m, Part part) {
    return switch (part) {
      case SLO -> GeneratedNames.ruleGroup(m);
      case SLOW -> GeneratedNames.slowRuleGroup(m);
      case GOLDEN -> GeneratedNames.ruleGroup(m) + ".golden";
    };
  }

  /**
   * One part of Sightline's rules for a service: the SLO part is the recording rules but the golden signals' (the
   * shared 5m rates count here) and the burn-rate alerts; the slow part the budgets; the golden part the
   * percentiles, requests in flight and golden-signal alerts.
   */
  private static List<Rule> sightlineRules(ObservedServiceModel m, LongWindows variant, Part part) {
    List<Rule> golden = new ArrayList<>();
    List<Rule> slo = new ArrayList<>();
    for (Rule r : RecordingRules.render(m, variant)) {
      boolean goldenOnly = r.getRecord().equals(RecordingRules.IN_FLIGHT)
          || java.util.Arrays.stream(RecordingRules.PERCENTILES).anyMatch(p -> r.getRecord().equals(
              RecordingRules.latencyQuantile(p)));
      (goldenOnly ? golden : slo).add(r);
    }
    return switch (part) {
      case SLO -> {
        slo.addAll(BurnRateAlerts.render(m));
        yield slo;
      }
      case SLOW -> ObjectiveRules.slow(m);
      case GOLDEN -> {
        golden.addAll(GoldenSignalAlerts.render(m));
        yield golden;
      }
    };
  }

  /** One SLO of a Sloth spec, paging and opening tickets with the severities Sightline's alerts have. */
  private static String slothSlo(String name, double objective, String errors, String total) {
    String alert = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "BudgetBurn";
    return """
        - name: %s
          objective: %s
          sli: {events: {error_query: '%s', total_query: '%s'}}
          alerting: {name: %s, page_alert: {labels: {severity: critical}}, ticket_alert: {labels: {severity: warning}}}
        """.formatted(name, objective, errors, total, alert);
  }

  /**
   * The rule groups Sloth generates for the service's two SLOs, written as a user would write them for these
   * metrics: failed (5xx) over all requests, and requests over 300 ms (all minus the 0.3 bucket) over all.
   */
  static Map<String, List<Rule>> slothRules(Path dir, Path sloth, ObservedServiceModel m) throws Exception {
    String selector = "namespace=\"shop\",job=\"" + m.name() + "\"";
    String all = "sum(rate(http_server_requests_seconds_count{" + selector + "}[{{.window}}]))";
    String spec = "version: prometheus/v1\nservice: " + m.name() + "\nlabels: {namespace: shop}\nslos:\n"
        + slothSlo("availability", 99.5, "sum(rate(http_server_requests_seconds_count{" + selector
            + ",status=~\"5..\"}[{{.window}}]))", all)
        + slothSlo("latency", 99, all + " - sum(rate(http_server_requests_seconds_bucket{" + selector
            + ",le=\"0.3\"}[{{.window}}]))", all);
    Path in = Files.writeString(dir.resolve("sloth-" + m.name() + ".yaml"), spec);
    Path out = dir.resolve("sloth-" + m.name() + "-rules.yaml");
    run(dir, sloth.toString(), "generate", "--no-log", "-i", in.toString(), "-o", out.toString());
    PrometheusRuleSpec generated = Serialization.unmarshal(Files.readString(out), PrometheusRuleSpec.class);
    Map<String, List<Rule>> groups = new LinkedHashMap<>();
    generated.getGroups().forEach(g -> groups.put(g.getName(), g.getRules()));
    if (groups.size() != 3 * SLOS_PER_SERVICE) {
      throw new IllegalStateException("sloth generated " + groups.keySet() + ", expected SLI recordings, meta"
          + " recordings and alerts per SLO; see " + out);
    }
    return groups;
  }

  /** The demo's ObservedService shape: micrometer, 99.5 % availability, 99 % under 300 ms. */
  static ObservedServiceModel model(String name) {
    ObservedServiceSpec s = new ObservedServiceSpec();
    s.objectives = new ObjectivesSpec();
    s.objectives.latency = new LatencyObjectiveSpec();
    s.objectives.latency.threshold = "300ms";
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").build());
    o.setSpec(s);
    return ObservedServiceModel.fromCrd(o);
  }

  /**
   * Counters and buckets of every service (micrometer names, two statuses per route, one target per
   * route with its up series and in-flight gauge) and the recorded series the optimised rules read (the
   * four 5m rates, requests in flight; Sloth's 5m error ratios), one sample per step: the history a Prometheus
   * that has run Sightline's or Sloth's rules for days holds.
   */
  static long writeHistory(Path file, List<ObservedServiceModel> models, int routes, long start, long end)
      throws Exception {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      long samples = writeHistory(w, models, routes, start, end);
      w.write("# EOF\n");
      return samples;
    }
  }

  /** The same series to a writer, without the end marker. */
  static long writeHistory(java.io.Writer w, List<ObservedServiceModel> models, int routes, long start, long end)
      throws Exception {
    long samples = 0;
    for (ObservedServiceModel m : models) {
      String service = "namespace=\"shop\",job=\"" + m.name() + "\"";
      for (int r = 0; r < routes; r++) {
        for (String status : new String[] {"200", "500"}) {
          double rps = status.equals("200") ? 10 : 0.02;
          String labels = service + ",instance=\"10.0.0." + r + ":8080\",method=\"GET\",uri=\"/r" + r
              + "\",status=\"" + status + "\"";
          samples += counter(w, "http_server_requests_seconds_count{" + labels + "}", rps, 1, start, end);
          for (double le : BOUNDS) {
            samples += counter(w, "http_server_requests_seconds_bucket{" + labels + ",le=\"" + le + "\"}", rps,
                Math.min(1, le / 0.5), start, end);
          }
          samples += counter(w, "http_server_requests_seconds_bucket{" + labels + ",le=\"+Inf\"}", rps, 1, start, end);
        }
        String target = service + ",instance=\"10.0.0." + r + ":8080\"";
        samples += gauge(w, "up{" + target + ",sightline_ready=\"true\"}", 1, start, end);
        samples += gauge(w, "http_server_requests_active_seconds_count{" + target + ",method=\"GET\",uri=\"/r" + r
            + "\"}", 2, start, end);
      }
      double all = routes * 10.02;
      samples += gauge(w, RecordingRules.REQUESTS_RATE5M + "{" + service + "}", all, start, end);
      samples += gauge(w, RecordingRules.ERRORS_RATE5M + "{" + service + "}", routes * 0.02, start, end);
      samples += gauge(w, RecordingRules.FAST_RATE5M + "{" + service + "}", all * 0.6, start, end);
      samples += gauge(w, RecordingRules.HISTOGRAM_RATE5M + "{" + service + "}", all, start, end);
      samples += gauge(w, RecordingRules.IN_FLIGHT + "{" + service + "}", routes * 2, start, end);
      // Sloth's 30-day ratio is the mean of its recorded 5m ratios
      for (String slo : new String[] {"availability", "latency"}) {
        samples += gauge(w, "slo:sli_error:ratio_rate5m{namespace=\"shop\",sloth_id=\"" + m.name() + "-" + slo
            + "\",sloth_service=\"" + m.name() + "\",sloth_slo=\"" + slo + "\",sloth_window=\"5m\"}",
            slo.equals("availability") ? 0.02 / 10.02 : 0.4, start, end);
      }
    }
    return samples;
  }

  /** A counter's samples from start to end; its value follows from the time alone, so history can be continued. */
  private static long counter(java.io.Writer w, String series, double rps, double share, long start, long end)
      throws Exception {
    long n = 0;
    for (long t = start; t <= end; t += STEP_SECONDS, n++) {
      w.write(series + " " + Math.round(t * rps * share) + " " + t + "\n");
    }
    return n;
  }

  static long gauge(java.io.Writer w, String series, double value, long start, long end) throws Exception {
    long n = 0;
    for (long t = start; t <= end; t += STEP_SECONDS, n++) {
      w.write(series + " " + value + " " + t + "\n");
    }
    return n;
  }

  /**
   * What one Prometheus run measured: the median last duration of each rule group, and the series each group's
   * recording rules record (counted by evaluating their expressions once more at the end).
   */
  record Measured(Map<String, Double> medians, Map<String, Long> series) {
    double median(String group) {
      return Objects.requireNonNull(medians.get(group), group);
    }

    /** The medians summed over a service's groups: named {@code prefix} or {@code prefix.<part>}. */
    double service(String prefix) {
      return sum(medians, g -> g.equals(prefix) || g.startsWith(prefix + "."));
    }

    double total() {
      return sum(medians, g -> true);
    }

    long series(java.util.function.Predicate<String> groups) {
      return series.entrySet().stream().filter(e -> groups.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    private static double sum(Map<String, Double> medians, java.util.function.Predicate<String> groups) {
      return medians.entrySet().stream().filter(e -> groups.test(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
    }
  }

  /**
   * Runs Prometheus on the data with these rule groups (by name, each evaluated every 5 s): the median last duration
   * of each, and the series each records.
   */
  static Measured measure(Path dir, Path bin, Path data, Map<String, List<Rule>> rulesByGroup, String variant,
      int evaluations) throws Exception {
    List<Map<String, Object>> groups = new ArrayList<>();
    rulesByGroup.forEach((name, rules) -> groups.add(Map.of("name", name, "rules", rules)));
    List<String> names = List.copyOf(rulesByGroup.keySet());
    Path ruleFile = Files.writeString(dir.resolve("rules-" + variant + ".yaml"),
        Serialization.asYaml(Map.of("groups", groups)));
    Path config = Files.writeString(dir.resolve("prometheus-" + variant + ".yml"),
        "global: {evaluation_interval: 5s}\nrule_files: [" + ruleFile + "]\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(bin.resolve("prometheus").toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=60d", "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus-" + variant + ".log").toFile()).start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      // Prometheus's own metrics endpoint (it does not scrape itself here): one gauge per rule group
      URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
      Map<String, List<Double>> seen = new LinkedHashMap<>();
      names.forEach(n -> seen.put(n, new ArrayList<>()));
      Map<String, Double> last = new LinkedHashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60L + evaluations * 10L);
      // one reading per evaluation: a group's last duration changes when it has evaluated again
      while (seen.values().stream().anyMatch(l -> l.size() < evaluations)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Prometheus did not evaluate the rules " + evaluations + " times; see "
              + dir.resolve("prometheus-" + variant + ".log"));
        }
        try {
          String body = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
          for (String line : body.split("\n")) {
            if (!line.startsWith("prometheus_rule_group_last_duration_seconds{")) {
              continue;
            }
            String group = line.substring(line.indexOf(';') + 1, line.indexOf("\"}"));
            double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (seen.containsKey(group) && !Double.valueOf(v).equals(last.get(group)) && v > 0) {
              last.put(group, v);
              seen.get(group).add(v);
            }
          }
        } catch (java.io.IOException e) {
          // not listening yet
        }
        Thread.sleep(1000);
      }
      Map<String, Double> medians = new LinkedHashMap<>();
      seen.forEach((group, durations) -> {
        List<Double> d = new ArrayList<>(durations.subList(1, evaluations)); // the first loads the blocks
        d.sort(null);
        medians.put(group, d.get(d.size() / 2));
      });
      Map<String, Long> series = new LinkedHashMap<>();
      for (String group : names) {
        long n = 0;
        for (Rule r : rulesByGroup.get(group)) {
          if (r.getRecord() != null) {
            n += count(http, port, r.getExpr().getStrVal());
          }
        }
        series.put(group, n);
      }
      return new Measured(medians, series);
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** How many series an expression returns now (a recording rule records one per series). */
  private static long count(HttpClient http, int port, String expr) throws Exception {
    URI query = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
        + URLEncoder.encode("count(" + expr + ")", StandardCharsets.UTF_8));
    JsonNode result = Serialization.jsonMapper().readTree(
        http.send(HttpRequest.newBuilder(query).build(), HttpResponse.BodyHandlers.ofString()).body());
    if (!"success".equals(result.path("status").asText())) {
      throw new IllegalStateException("query count(" + expr + ") failed: " + result);
    }
    JsonNode values = result.at("/data/result");
    return values.isEmpty() ? 0 : Math.round(values.get(0).at("/value/1").asDouble());
  }

  /** Writes a stretch of history in OpenMetrics, from one time to another (seconds); returns the samples. */
  interface History {
    long write(Path file, long from, long to) throws Exception;
  }

  /**
   * A fresh copy of the backfilled blocks for one run, with the history continued from where the blocks end up to
   * now: backfilling days takes minutes, and the 5m windows would otherwise find no sample.
   */
  static Path freshCopy(Path blocks, Path dir, String variant, long blocksEnd, List<History> histories)
      throws Exception {
    Path data = dir.resolve("data-" + variant);
    copy(blocks, data);
    long now = System.currentTimeMillis() / 1000 / STEP_SECONDS * STEP_SECONDS;
    Path bin = TestCluster.cache().resolve("bin");
    for (int i = 0; i < histories.size(); i++) {
      Path om = dir.resolve("recent-" + variant + "-" + i + ".om");
      histories.get(i).write(om, blocksEnd + STEP_SECONDS, now);
      run(dir, bin.resolve("promtool").toString(), "tsdb", "create-blocks-from", "openmetrics", om.toString(),
          data.toString());
      Files.delete(om);
    }
    return data;
  }

  static void copy(Path from, Path to) throws Exception {
    run(to.getParent(), "cp", "-r", from.toString(), to.toString());
  }

  static void run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
  }
}
