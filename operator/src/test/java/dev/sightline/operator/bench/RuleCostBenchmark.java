package dev.sightline.operator.bench;

import dev.sightline.operator.api.LatencyObjectiveSpec;
import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.testsupport.TestCluster;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.render.rules.BurnRateAlerts;
import dev.sightline.operator.render.rules.GoldenSignalAlerts;
import dev.sightline.operator.render.rules.RecordingRules;
import dev.sightline.operator.render.rules.RecordingRules.LongWindows;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.io.BufferedWriter;
import java.net.ServerSocket;
import java.net.URI;
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
import java.util.concurrent.TimeUnit;

/**
 * Rule-evaluation cost per service on a real Prometheus with days of history: the rules Sightline
 * renders (windows longer than 5m from the recorded 5m rates) against the same rules with every window
 * read from the raw counters (the baseline, Sloth's --disable-optimizations), on the same backfilled
 * TSDB (promtool tsdb create-blocks-from openmetrics). Prints the median of
 * prometheus_rule_group_last_duration_seconds per group over the evaluations, and the ratio.
 * Arguments: [days of history] [services] [routes per service] [evaluations].
 */
public final class RuleCostBenchmark {
  static final int STEP_SECONDS = 30;
  static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1, 2.5};

  public static void main(String[] args) throws Exception {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int services = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int routes = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int evaluations = args.length > 3 ? Integer.parseInt(args[3]) : 12;
    Path dir = Files.createTempDirectory("sightline-rule-cost");
    Path bin = TestCluster.cache().resolve("bin");
    long end = System.currentTimeMillis() / 1000 / STEP_SECONDS * STEP_SECONDS - STEP_SECONDS;
    long start = end - days * 86400L;

    List<ObservedServiceModel> models = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      models.add(model("svc-" + i));
    }
    long t0 = System.nanoTime();
    Path openMetrics = dir.resolve("history.om");
    long samples = writeHistory(openMetrics, models, routes, start, end);
    Path blocks = Files.createDirectories(dir.resolve("blocks"));
    run(dir, bin.resolve("promtool").toString(), "tsdb", "create-blocks-from", "openmetrics",
        "--max-block-duration=24h", openMetrics.toString(), blocks.toString());
    Files.delete(openMetrics);
    System.out.printf(Locale.ROOT, "history: %d days, %d services x %d routes, %,d samples every %ds, backfilled in"
        + " %.0f s%n", days, services, routes, samples, STEP_SECONDS, (System.nanoTime() - t0) / 1e9);

    Map<LongWindows, double[]> medians = new LinkedHashMap<>();
    for (LongWindows variant : List.of(LongWindows.FROM_COUNTERS, LongWindows.FROM_RECORDED_5M)) {
      Path data = dir.resolve("data-" + variant);
      copy(blocks, data);
      medians.put(variant, measure(dir, bin, data, models, variant, evaluations));
    }
    double[] before = medians.get(LongWindows.FROM_COUNTERS);
    double[] after = medians.get(LongWindows.FROM_RECORDED_5M);
    System.out.println();
    System.out.println("| rule group (one service) | windows from raw counters | from recorded 5m rates | ratio |");
    System.out.println("|---|---:|---:|---:|");
    double sumBefore = 0;
    double sumAfter = 0;
    for (int i = 0; i < models.size(); i++) {
      sumBefore += before[i];
      sumAfter += after[i];
      System.out.printf(Locale.ROOT, "| sightline.%s | %.2f ms | %.2f ms | %.2f |%n", models.get(i).name(),
          before[i] * 1000, after[i] * 1000, after[i] / before[i]);
    }
    System.out.printf(Locale.ROOT, "| mean per service | %.2f ms | %.2f ms | %.2f |%n", sumBefore / models.size() * 1000,
        sumAfter / models.size() * 1000, sumAfter / sumBefore);
    System.out.println("\nmedian of prometheus_rule_group_last_duration_seconds over " + evaluations
        + " evaluations; data and logs: " + dir);
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
   * four 5m rates, requests in flight), one sample per step: the history a Prometheus that has run
   * Sightline's rules for days holds.
   */
  static long writeHistory(Path file, List<ObservedServiceModel> models, int routes, long start, long end)
      throws Exception {
    long samples = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
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
      }
      w.write("# EOF\n");
    }
    return samples;
  }

  private static long counter(BufferedWriter w, String series, double rps, double share, long start, long end)
      throws Exception {
    long n = 0;
    for (long t = start; t <= end; t += STEP_SECONDS, n++) {
      w.write(series + " " + Math.round((t - start) * rps * share) + " " + t + "\n");
    }
    return n;
  }

  static long gauge(BufferedWriter w, String series, double value, long start, long end) throws Exception {
    long n = 0;
    for (long t = start; t <= end; t += STEP_SECONDS, n++) {
      w.write(series + " " + value + " " + t + "\n");
    }
    return n;
  }

  /** Runs Prometheus on the data with one variant's rule groups; the median last duration of each group. */
  static double[] measure(Path dir, Path bin, Path data, List<ObservedServiceModel> models, LongWindows variant,
      int evaluations) throws Exception {
    Map<String, List<Rule>> groups = new LinkedHashMap<>();
    for (ObservedServiceModel m : models) {
      List<Rule> rules = new ArrayList<>(RecordingRules.render(m, variant));
      rules.addAll(GoldenSignalAlerts.render(m));
      rules.addAll(BurnRateAlerts.render(m));
      groups.put(m.name(), rules);
    }
    return measure(dir, bin, data, groups, variant.name(), evaluations);
  }

  /**
   * Runs Prometheus on the data with these rule groups (named sightline.&lt;key&gt;); the median last duration of
   * each group, in their order.
   */
  static double[] measure(Path dir, Path bin, Path data, Map<String, List<Rule>> rulesByGroup, String variant,
      int evaluations) throws Exception {
    List<Map<String, Object>> groups = new ArrayList<>();
    rulesByGroup.forEach((name, rules) -> groups.add(Map.of("name", "sightline." + name, "rules", rules)));
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
      List<List<Double>> seen = new ArrayList<>();
      names.forEach(m -> seen.add(new ArrayList<>()));
      Map<String, Double> last = new LinkedHashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60L + evaluations * 10L);
      // one reading per evaluation: a group's last duration changes when it has evaluated again
      while (seen.stream().anyMatch(l -> l.size() < evaluations)) {
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
            String group = line.substring(line.indexOf("rule_group=\"") + 12, line.indexOf("\"}"));
            double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            for (int i = 0; i < names.size(); i++) {
              if (group.endsWith(";sightline." + names.get(i)) && !Double.valueOf(v).equals(last.get(group))
                  && v > 0) {
                last.put(group, v);
                seen.get(i).add(v);
              }
            }
          }
        } catch (java.io.IOException e) {
          // not listening yet
        }
        Thread.sleep(1000);
      }
      double[] medians = new double[names.size()];
      for (int i = 0; i < names.size(); i++) {
        List<Double> d = new ArrayList<>(seen.get(i).subList(1, evaluations)); // the first loads the blocks
        d.sort(null);
        medians[i] = d.get(d.size() / 2);
      }
      return medians;
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
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
