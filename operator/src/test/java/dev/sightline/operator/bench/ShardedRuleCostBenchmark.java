package dev.sightline.operator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.render.rules.ObjectiveRules;
import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import dev.sightline.testsupport.TestCluster;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What Sightline's SLO rules cost at scale on one Prometheus against a ThanosRuler over two Prometheus shards (#27),
 * on the same backfilled history (RuleCostBenchmark's series: micrometer counters and buckets, one route per service,
 * and the recorded 5m rates the long windows read): (a) one Prometheus holding every service evaluates every
 * service's two rule groups as rendered; (b) two Prometheus servers holding half the services each, a Thanos sidecar
 * beside each, a Thanos Querier over the sidecars and the Ruler, and a Thanos Ruler evaluating the same groups
 * through the Querier. Groups run at kube-prometheus-stack's 30 s (the slow group at its 5 minutes, as rendered).
 * Measures, per setup, the CPU every process of it used per minute while evaluating, minus what the same processes
 * used idle before the rules were loaded (the rules' cost), the sum of the groups' median
 * prometheus_rule_group_last_duration_seconds (the wall time of one round of every group), and the median time of
 * the closed loop's budget query and of a dashboard's range query through each setup's query API. Prints one row
 * per service count and the per-service slopes. Arguments: [service counts, 250,1000] [hours of history, 2]
 * [minutes measured, 2].
 */
public final class ShardedRuleCostBenchmark {
  static final Duration INTERVAL = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** A group's last duration: its name after the file's in rule_group, whatever other labels the evaluator adds. */
  private static final java.util.regex.Pattern LAST_DURATION = java.util.regex.Pattern.compile(
      "prometheus_rule_group_last_duration_seconds\\{.*rule_group=\"[^\"]*;([^\"]*)\".*\\} (\\S+)");

  private ShardedRuleCostBenchmark() {}

  /** What one setup cost with one number of services. */
  record Cost(int services, double cpuPerMinute, double idlePerMinute, double roundSeconds, double budgetQuery,
      double rangeQuery, int missed) {
    double rulesPerMinute() {
      return cpuPerMinute - idlePerMinute;
    }

    /** It fell behind (missed iterations) or used nearly every core: the machine, not the rules, set its cost. */
    boolean saturated() {
      return missed > 0 || cpuPerMinute >= 0.9 * 60 * Runtime.getRuntime().availableProcessors();
    }
  }

  public static void main(String[] args) throws Exception {
    List<Integer> counts = new ArrayList<>();
    for (String n : (args.length > 0 ? args[0] : "250,1000").split(",")) {
      counts.add(Integer.parseInt(n.strip()));
    }
    int hours = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int minutes = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path bin = TestCluster.cache().resolve("bin");
    for (String tool : List.of("prometheus", "promtool", "thanos")) {
      if (!Files.isExecutable(bin.resolve(tool))) {
        throw new IllegalStateException(bin.resolve(tool) + " is missing: run e2e/scripts/setup.sh");
      }
    }
    List<Cost> one = new ArrayList<>();
    List<Cost> sharded = new ArrayList<>();
    LiveTargets targets = new LiveTargets();
    for (int n : counts) {
      Path dir = Files.createTempDirectory("sightline-sharded-rule-cost-" + n);
      List<ObservedServiceModel> models = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        models.add(RuleCostBenchmark.model("svc-" + i));
      }
      long t0 = System.nanoTime();
      // history up to a minute ago; from then on Prometheus scrapes the same series live (LiveTargets)
      long end = System.currentTimeMillis() / 1000 / RuleCostBenchmark.STEP_SECONDS * RuleCostBenchmark.STEP_SECONDS
          - 2 * RuleCostBenchmark.STEP_SECONDS;
      long start = end - hours * 3600L;
      Path all = backfill(dir, bin, "all", models, start, end);
      Path shard0 = backfill(dir, bin, "shard-0", models.subList(0, n / 2), start, end);
      Path shard1 = backfill(dir, bin, "shard-1", models.subList(n / 2, n), start, end);
      targets.serve("all", models);
      targets.serve("shard-0", models.subList(0, n / 2));
      targets.serve("shard-1", models.subList(n / 2, n));
      System.out.printf(Locale.ROOT, "%d services: %d hours of history backfilled in %.0f s%n", n, hours,
          (System.nanoTime() - t0) / 1e9);
      List<RuleGroup> groups = new ArrayList<>();
      models.forEach(m -> groups.addAll(PrometheusRuleRenderer.render(m).getSpec().getGroups()));
      String ruleFile = Files.writeString(dir.resolve("rules.yaml"), rulesYaml(groups)).toString();
      String service = "svc-" + (n - 1);
      one.add(onePrometheus(dir, bin, targets, all, ruleFile, groups.size(), minutes, n, service));
      sharded.add(thanos(dir, bin, targets, shard0, shard1, ruleFile, groups.size(), minutes, n, service));
      row("one Prometheus", one.get(one.size() - 1)); // as measured; the table again at the end
      row("ThanosRuler over 2 shards", sharded.get(sharded.size() - 1));
      System.out.println("data and logs: " + dir);
    }
    targets.close();
    System.out.println();
    System.out.println("| services | setup | CPU for the rules per minute (all processes, minus idle) | one round of every"
        + " group (sum of medians) | missed iterations | budget query | dashboard range query |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|");
    for (int i = 0; i < counts.size(); i++) {
      row("one Prometheus", one.get(i));
      row("ThanosRuler over 2 shards", sharded.get(i));
    }
    System.out.println();
    slope("one Prometheus", one);
    slope("ThanosRuler over 2 shards", sharded);
  }

  /**
   * The setup's CPU per service per minute between its smallest and largest unsaturated sizes; a saturated
   * size (it missed iterations, or used nearly every core) measures what the machine has, not what the rules
   * cost, so it gives only a lower bound.
   */
  private static void slope(String setup, List<Cost> costs) {
    List<Cost> free = costs.stream().filter(c -> !c.saturated()).toList();
    if (free.size() > 1) {
      Cost a = free.get(0);
      Cost b = free.get(free.size() - 1);
      double perService = (b.rulesPerMinute() - a.rulesPerMinute()) / (b.services() - a.services());
      System.out.printf(Locale.ROOT, "%s: %.1f ms of CPU per service per minute for the rules between %,d and %,d"
          + " services (one core at %.0f services)%n", setup, perService * 1000, a.services(), b.services(),
          60 / perService);
    }
    costs.stream().filter(Cost::saturated).findFirst().ifPresent(c -> System.out.printf(Locale.ROOT,
        "%s: saturated at %,d services (%d missed iterations, %.2f CPU-s per minute): at least %.1f ms per service"
            + " per minute; measure fewer services for its slope%n", setup, c.services(), c.missed(),
        c.cpuPerMinute(), c.rulesPerMinute() / c.services() * 1000));
    if (free.size() < 2 && costs.stream().noneMatch(Cost::saturated)) {
      System.out.println(setup + ": one size measured, no slope");
    }
  }

  private static void row(String setup, Cost c) {
    System.out.printf(Locale.ROOT, "| %,d | %s | %.2f s (%.2f - idle %.2f) | %.2f s | %d | %.0f ms | %.0f ms |%n",
        c.services(), setup, c.rulesPerMinute(), c.cpuPerMinute(), c.idlePerMinute(), c.roundSeconds(), c.missed(),
        c.budgetQuery() * 1000, c.rangeQuery() * 1000);
  }

  /** TSDB blocks of these services' history, in a directory of their own. */
  private static Path backfill(Path dir, Path bin, String name, List<ObservedServiceModel> models, long start, long end)
      throws Exception {
    Path om = dir.resolve(name + ".om");
    RuleCostBenchmark.writeHistory(om, models, 1, start, end);
    Path data = Files.createDirectories(dir.resolve("data-" + name));
    RuleCostBenchmark.run(dir, bin.resolve("promtool").toString(), "tsdb", "create-blocks-from", "openmetrics",
        "--max-block-duration=2h", om.toString(), data.toString());
    Files.delete(om);
    return data;
  }

  private static String rulesYaml(List<RuleGroup> groups) {
    return Serialization.asYaml(Map.of("groups", groups));
  }

  private static Cost onePrometheus(Path dir, Path bin, LiveTargets targets, Path data, String ruleFile, int groups,
      int minutes, int n, String service) throws Exception {
    Path empty = Files.writeString(dir.resolve("none.yaml"), "groups: []\n");
    Path rules = dir.resolve("one-rules.yaml");
    Files.copy(empty, rules, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    int port = freePort();
    Path config = Files.writeString(dir.resolve("one.yml"), "global: {evaluation_interval: " + INTERVAL.toSeconds()
        + "s}\nrule_files: [" + rules + "]\n" + targets.scrapeConfig("all"));
    List<Process> processes = new ArrayList<>();
    try {
      Process p = start(dir, "one", bin.resolve("prometheus").toString(), "--config.file=" + config,
          "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=30d", "--web.enable-lifecycle",
          "--web.listen-address=127.0.0.1:" + port);
      processes.add(p);
      URI api = URI.create("http://127.0.0.1:" + port);
      awaitReady(api);
      return measure(api, api, processes, () -> {
        Files.copy(Path.of(ruleFile), rules, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        post(api.resolve("/-/reload"));
      }, groups, minutes, n, service);
    } finally {
      stop(processes);
    }
  }

  private static Cost thanos(Path dir, Path bin, LiveTargets targets, Path shard0, Path shard1, String ruleFile,
      int groups, int minutes, int n, String service) throws Exception {
    String thanos = bin.resolve("thanos").toString();
    List<Process> processes = new ArrayList<>();
    try {
      List<String> stores = new ArrayList<>();
      int i = 0;
      for (Path data : List.of(shard0, shard1)) {
        int port = freePort();
        Path config = Files.writeString(dir.resolve("shard-" + i + ".yml"),
            "global: {external_labels: {prometheus_replica: shard-" + i + "}}\n" + targets.scrapeConfig("shard-" + i));
        processes.add(start(dir, "shard-" + i, bin.resolve("prometheus").toString(), "--config.file=" + config,
            "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=30d",
            "--storage.tsdb.min-block-duration=2h", "--storage.tsdb.max-block-duration=2h",
            "--web.listen-address=127.0.0.1:" + port));
        awaitReady(URI.create("http://127.0.0.1:" + port));
        int grpc = freePort();
        processes.add(start(dir, "sidecar-" + i, thanos, "sidecar", "--prometheus.url=http://127.0.0.1:" + port,
            "--tsdb.path=" + data, "--grpc-address=127.0.0.1:" + grpc, "--http-address=127.0.0.1:" + freePort()));
        stores.add("127.0.0.1:" + grpc);
        i++;
      }
      Path rules = Files.createDirectories(dir.resolve("ruler-rules"));
      Files.writeString(rules.resolve("rules.yaml"), "groups: []\n");
      int rulerHttp = freePort();
      int rulerGrpc = freePort();
      int queryHttp = freePort();
      List<String> query = new ArrayList<>(List.of(thanos, "query", "--http-address=127.0.0.1:" + queryHttp,
          "--grpc-address=127.0.0.1:" + freePort(), "--query.replica-label=prometheus_replica",
          "--query.replica-label=thanos_ruler_replica", "--endpoint=127.0.0.1:" + rulerGrpc));
      stores.forEach(s -> query.add("--endpoint=" + s));
      processes.add(start(dir, "query", query.toArray(String[]::new)));
      processes.add(start(dir, "ruler", thanos, "rule", "--data-dir=" + dir.resolve("ruler-data"),
          "--rule-file=" + rules + "/*.yaml", "--http-address=127.0.0.1:" + rulerHttp,
          "--grpc-address=127.0.0.1:" + rulerGrpc, "--query=127.0.0.1:" + queryHttp,
          "--eval-interval=" + INTERVAL.toSeconds() + "s", "--label=thanos_ruler_replica=\"bench-0\""));
      URI queryApi = URI.create("http://127.0.0.1:" + queryHttp);
      URI rulerApi = URI.create("http://127.0.0.1:" + rulerHttp);
      awaitReady(queryApi);
      awaitReady(rulerApi);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (get(queryApi.resolve("/api/v1/stores")).path("data").toString().split("\"name\"").length - 1 < 3) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the Querier does not see both sidecars and the Ruler; see " + dir);
        }
        Thread.sleep(1000);
      }
      return measure(queryApi, rulerApi, processes, () -> {
        Files.copy(Path.of(ruleFile), rules.resolve("rules.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        post(rulerApi.resolve("/-/reload"));
      }, groups, minutes, n, service);
    } finally {
      stop(processes);
    }
  }

  /**
   * The services' raw series (RuleCostBenchmark's history without its recorded series) served for scraping at
   * their values now, one path per server: what their targets would expose. Labels are the series' own
   * (honor_labels), as the backfilled history has them.
   */
  static final class LiveTargets implements AutoCloseable {
    private final com.sun.net.httpserver.HttpServer server;
    private final Map<String, List<ObservedServiceModel>> served = new java.util.concurrent.ConcurrentHashMap<>();

    LiveTargets() throws Exception {
      server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        List<ObservedServiceModel> models = served.getOrDefault(exchange.getRequestURI().getPath().substring(1),
            List.of());
        StringBuilder text = new StringBuilder();
        long now = System.currentTimeMillis() / 1000;
        try (java.io.StringWriter w = new java.io.StringWriter()) {
          RuleCostBenchmark.writeHistory(w, models, 1, now, now);
          for (String line : w.toString().split("\n")) {
            // the raw series only (recorded ones have a colon in their name), without the history's timestamp
            if (!line.isEmpty() && !line.substring(0, line.indexOf('{')).contains(":")) {
              text.append(line, 0, line.lastIndexOf(' ')).append('\n');
            }
          }
        } catch (Exception e) {
          throw new java.io.IOException(e);
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
    }

    void serve(String path, List<ObservedServiceModel> models) {
      served.put(path, List.copyOf(models));
    }

    /** A scrape configuration for one path, every 30 s. */
    String scrapeConfig(String path) {
      return "scrape_configs:\n- job_name: services\n  honor_labels: true\n  scrape_interval: " + INTERVAL.toSeconds()
          + "s\n  metrics_path: /" + path + "\n  static_configs: [{targets: ['127.0.0.1:"
          + server.getAddress().getPort() + "']}]\n";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  interface Step {
    void run() throws Exception;
  }

  /**
   * A minute idle, then the rules loaded: one round to settle, then {@code minutes} measured; the query times after,
   * with the rules running as they would be.
   */
  private static Cost measure(URI queryApi, URI evaluator, List<Process> processes, Step loadRules, int groups,
      int minutes, int n, String service) throws Exception {
    double idleStart = cpu(processes);
    long idleT = System.nanoTime();
    Thread.sleep(60_000);
    double idle = (cpu(processes) - idleStart) / ((System.nanoTime() - idleT) / 60e9);
    loadRules.run();
    Thread.sleep(INTERVAL.toMillis()); // the first round of every 30 s group reads the blocks
    double cpuStart = cpu(processes);
    long t = System.nanoTime();
    double missedStart = missed(evaluator);
    // every group's durations, until each has run (the slow ones once in their 5 minutes) and for {@code minutes}
    Map<String, List<Double>> seen = new LinkedHashMap<>();
    // an evaluator that cannot keep up is measured as it is: some groups never ran (printed), iterations missed
    while ((seen.size() < groups && System.nanoTime() - t < TimeUnit.MINUTES.toNanos(minutes + 6))
        || System.nanoTime() - t < TimeUnit.MINUTES.toNanos(minutes)) {
      durations(evaluator).forEach((g, d) -> {
        List<Double> l = seen.computeIfAbsent(g, k -> new ArrayList<>());
        if (l.isEmpty() || !l.get(l.size() - 1).equals(d)) {
          l.add(d);
        }
      });
      Thread.sleep(5000);
    }
    double busy = (cpu(processes) - cpuStart) / ((System.nanoTime() - t) / 60e9);
    if (seen.size() < groups) {
      System.out.printf(Locale.ROOT, "%d services: only %d of %d rule groups evaluated in %d minutes%n", n,
          seen.size(), groups, minutes + 6);
    }
    int missed = (int) Math.round(missed(evaluator) - missedStart);
    double slowEvery = DurationParser.seconds(ObjectiveRules.SLOW_INTERVAL);
    double round = 0;
    for (var e : seen.entrySet()) {
      List<Double> d = new ArrayList<>(e.getValue());
      d.sort(null);
      // a round of every group as deployed: the slow group once per SLOW_INTERVAL, counted per 30 s round
      double weight = e.getKey().endsWith(".slow") ? INTERVAL.toSeconds() / slowEvery : 1;
      round += d.get(d.size() / 2) * weight;
    }
    String budgets = "{__name__=~\"namespace_job(_slo)?:sightline_slo_(availability|latency):error_budget_remaining\"}";
    String dashboard = "namespace_job:sightline_http_errors:ratio_rate5m{namespace=\"shop\", job=\"" + service + "\"}";
    double budgetQuery = medianTime(() -> get(queryApi.resolve("/api/v1/query?query=" + encode(budgets))));
    long now = System.currentTimeMillis() / 1000;
    double rangeQuery = medianTime(() -> get(queryApi.resolve("/api/v1/query_range?query=" + encode(
        "sum by (namespace, job) (rate(http_server_requests_seconds_count{namespace=\"shop\", job=\"" + service
            + "\", status=~\"5..\"}[5m])) / sum by (namespace, job) (rate(http_server_requests_seconds_count{"
            + "namespace=\"shop\", job=\"" + service + "\"}[5m]))") + "&start=" + (now - 3600) + "&end=" + now
        + "&step=30")));
    if (get(queryApi.resolve("/api/v1/query?query=" + encode(dashboard))).at("/data/result").isEmpty()) {
      throw new IllegalStateException("nothing recorded for " + service + ": the rules did not run");
    }
    return new Cost(n, busy, idle, round, budgetQuery, rangeQuery, missed);
  }

  private static double medianTime(Step query) throws Exception {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      long t = System.nanoTime();
      query.run();
      times.add((System.nanoTime() - t) / 1e9);
    }
    times.sort(null);
    return times.get(times.size() / 2);
  }

  /** Each rule group's last duration, from the evaluator's own metrics. */
  private static Map<String, Double> durations(URI evaluator) throws Exception {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : metrics(evaluator).split("\n")) {
      java.util.regex.Matcher m = LAST_DURATION.matcher(line);
      if (m.matches() && Double.parseDouble(m.group(2)) > 0) {
        out.put(m.group(1), Double.parseDouble(m.group(2)));
      }
    }
    return out;
  }

  private static double missed(URI evaluator) throws Exception {
    double sum = 0;
    for (String line : metrics(evaluator).split("\n")) {
      if (line.startsWith("prometheus_rule_group_iterations_missed_total{")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private static String metrics(URI api) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(api.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static double cpu(List<Process> processes) {
    return processes.stream().mapToDouble(p -> ProcStats.cpuSeconds(p.pid())).sum();
  }

  private static JsonNode get(URI uri) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode json = Serialization.jsonMapper().readTree(r.body());
    if (!"success".equals(json.path("status").asText())) {
      throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
    }
    return json;
  }

  private static void post(URI uri) throws Exception {
    int status = HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status != 200) {
      throw new IllegalStateException(uri + " answered " + status);
    }
  }

  private static void awaitReady(URI api) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (true) {
      try {
        if (HTTP.send(HttpRequest.newBuilder(api.resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(api + " not ready in 3 minutes");
      }
      Thread.sleep(500);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static Process start(Path dir, String name, String... command) throws Exception {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }

  private static void stop(List<Process> processes) throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
