package dev.sightline.operator.bench;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.api.ObservedServiceStatus;
import dev.sightline.testsupport.ApiServerWrites;
import dev.sightline.operator.it.Convergence;
import dev.sightline.operator.it.Fixtures;
import dev.sightline.testsupport.OperatorProcess;
import dev.sightline.testsupport.RealPrometheus;
import dev.sightline.testsupport.TestCluster;
import dev.sightline.operator.status.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Sightline side by side with its peer, Sloth v0.16.0's Kubernetes controller, and with the API server's write floor,
 * each on a fresh local kube-apiserver + etcd with the same {@link ScaleLayout} created at the same pace (1,000
 * custom resources, each with its Service and EndpointSlice, and 2,000 unrelated Services across 20 namespaces).
 * Sightline runs as its own process with the image's JVM flags and a 384 MiB memory ceiling (the chart's limit),
 * Sloth as its image runs it; the write floor is a minimal client writing the objects Sightline writes (its
 * renderers' output, a status and an Event per resource) with Sightline's concurrency. Prints, for each, the time
 * to converge, CPU of the controller and of kube-apiserver, reconcile latency, writes per resource, an immediate
 * restart and RSS, and the ratios; then Sightline's own figures (checks against a real Prometheus, a full resync,
 * the heap). Run with operator/bench/scale.sh; SIGHTLINE_SCALE_ONLY=sightline|sloth (-Dsightline.scale.only) runs one system.
 */
public final class ScaleBenchmark {
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);
  static final int STEADY_CYCLES = 6;
  static final Duration RESYNC = Duration.ofSeconds(60);
  /** Sightline's reconcile concurrency (SIGHTLINE_RECONCILE_CONCURRENCY's default), the write floor's too. */
  static final int CONCURRENCY = 10;

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int namespaces = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    // a cluster runs more Services than anyone observes: the rest must not fill the operator's caches
    int unrelated = args.length > 2 ? Integer.parseInt(args[2]) : 2 * total;
    ScaleLayout layout = new ScaleLayout(total, namespaces, unrelated);
    String only = System.getProperty("sightline.scale.only", "");
    Path dir = Files.createTempDirectory("sightline-scale");
    Awaitility.setDefaultPollInterval(Duration.ofMillis(250));
    if (!only.equals("sightline")) { // fail before the long part, not after it
      SlothController.binary();
      TestCluster.thirdPartyCrd(SlothLevels.CRD_FILE);
    }
    List<ScaleFigures> figures = new ArrayList<>();
    List<String> sightlineRows = new ArrayList<>();
    if (!only.equals("sloth")) {
      SightlineRun run = sightline(layout, dir, sightlineRows);
      figures.add(run.figures());
      figures.add(writeFloor(layout, run.status()));
    }
    if (!only.equals("sightline")) {
      figures.add(sloth(layout, dir));
    }
    System.out.printf("%nScale benchmark: %d custom resources (each with a Service and an EndpointSlice of 3 endpoints)"
        + " and %d unrelated Services (EndpointSlices of 10) in %d namespaces, created by %d threads; each system on"
        + " a fresh local kube-apiserver + etcd; %d cores%n%n", total, unrelated, namespaces,
        ScaleLayout.CREATING_THREADS, Runtime.getRuntime().availableProcessors());
    comparison(figures);
    if (!sightlineRows.isEmpty()) {
      System.out.println("\nSightline alone (checks against a real Prometheus, a full resync, the heap):");
      sightlineRows.forEach(System.out::println);
    }
    System.out.println("\nlogs, class histogram, native memory (with -Dsightline.operatorJvmFlags=-XX:NativeMemoryTracking=summary): " + dir);
    System.exit(0);
  }

  static void comparison(List<ScaleFigures> figures) {
    ScaleFigures s = find(figures, "Sightline");
    ScaleFigures p = find(figures, "Sloth");
    ScaleFigures f = find(figures, "write floor");
    System.out.printf("  %-44s %16s %16s %16s %18s %18s%n", "", "Sightline", "Sloth v0.16.0", "write floor",
        "Sightline/Sloth", "Sightline/floor");
    compare("first create to all converged (s)", s, p, f, ScaleFigures::converged, "%.1f", "target <= 1.0 / <= 1.5");
    compare("controller CPU while converging (CPU-s)", s, p, f, ScaleFigures::controllerCpu, "%.1f", "");
    compare("controller CPU per resource (ms)", s, p, f, ScaleFigures::cpuPerResourceMs, "%.1f", "target <= 2.0");
    compare("kube-apiserver CPU while converging (CPU-s)", s, p, f, ScaleFigures::apiServerCpu, "%.1f", "");
    compare("reconcile p50 (ms)", s, p, f, x -> x.p50() * 1000, "%.1f", "");
    compare("reconcile p99 (ms)", s, p, f, x -> x.p99() * 1000, "%.1f", "Sightline target < 500 ms");
    compare("reconciliations per custom resource", s, p, f, x -> x.reconciles() / x.total(), "%.2f", "");
    compare("writes per custom resource", s, p, f, ScaleFigures::writesPerResource, "%.2f", "");
    compare("immediate restart: all handled in (s)", s, p, f, ScaleFigures::restart, "%.1f", "Sightline target < 3 s");
    compare("writes across the restart", s, p, f, x -> (double) sum(x.restartWrites()), "%.0f", "0");
    compare("RSS at convergence (MiB)", s, p, f, ScaleFigures::rss, "%.0f", "target <= 1.5");
    compare("RSS after the restart (MiB)", s, p, f, ScaleFigures::rssAfterRestart, "%.0f", "");
    for (ScaleFigures x : figures) {
      System.out.printf("  %s writes until converged: %s; across the restart: %s%n", x.system(), x.writes(),
          x.restartWrites());
    }
  }

  private static ScaleFigures find(List<ScaleFigures> figures, String system) {
    return figures.stream().filter(x -> x.system().equals(system)).findFirst().orElse(null);
  }

  private static void compare(String what, ScaleFigures s, ScaleFigures p, ScaleFigures f,
      java.util.function.ToDoubleFunction<ScaleFigures> value, String format, String target) {
    double a = s == null ? Double.NaN : value.applyAsDouble(s);
    double b = p == null ? Double.NaN : value.applyAsDouble(p);
    double c = f == null ? Double.NaN : value.applyAsDouble(f);
    System.out.printf("  %-44s %16s %16s %16s %18s %18s   %s%n", what, fmt(format, a), fmt(format, b), fmt(format, c),
        fmt("%.2fx", a / b), fmt("%.2fx", a / c), target);
  }

  private static String fmt(String format, double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(format, v);
  }

  /** Sightline's figures and the status it wrote for the first ObservedService (the write floor writes it too). */
  record SightlineRun(ScaleFigures figures, ObservedServiceStatus status) {}

  /** Sightline: the layout, all Ready, checks, a full resync and a restart. */
  static SightlineRun sightline(ScaleLayout layout, Path dir, List<String> out) throws Exception {
    int total = layout.total();
    try (TestCluster cluster = TestCluster.start(true)) {
      KubernetesClient client = cluster.client();
      List<String> nss = layout.namespaces(client);
      // one real Prometheus, known to the cluster as a Prometheus resource that selects everything; nothing
      // runs prometheus-operator here, so it has none of the targets and rules: every check finds a problem
      RealPrometheus prometheus = RealPrometheus.start(dir.resolve("prometheus"));
      prometheus.declare(client, new io.fabric8.kubernetes.api.model.LabelSelector());
      Map<String, String> env = Map.of("SIGHTLINE_RESYNC_INTERVAL", RESYNC.toSeconds() + "s",
          "SIGHTLINE_PROMETHEUS_URL", prometheus.url(), "SIGHTLINE_CHECK_INTERVAL", CHECK_INTERVAL.toSeconds() + "s");
      long apiServer = ProcStats.apiServerPid(cluster.kubeconfig());
      OperatorProcess operator = new OperatorProcess(cluster.kubeconfig(), dir, "first", env);
      Awaitility.await("operator ready").atMost(Duration.ofSeconds(60)).until(() -> operator.readiness() == 200);

      Map<String, Long> w0 = ApiServerWrites.byVerbAndResource(client);
      double cpu0 = ProcStats.cpuSeconds(operator.pid());
      double apiCpu0 = ProcStats.cpuSeconds(apiServer);
      long t0 = System.nanoTime();
      layout.create(client, nss, (ns, name) -> Fixtures.observed(ns, name, new ObservedServiceSpec()), o -> { });
      double created = seconds(t0);
      Awaitility.await("all Ready").atMost(Duration.ofMinutes(10)).until(() -> ready(client) == total);
      double allReady = seconds(t0);
      double cpu = ProcStats.cpuSeconds(operator.pid()) - cpu0;
      double apiCpu = ProcStats.cpuSeconds(apiServer) - apiCpu0;
      Map<String, Long> readyWrites = ours(ApiServerWrites.byVerbAndResource(client), w0, "observedservices");
      double[] latency = quantiles(operator.metrics(), "operator_sdk_controllers_execution_reconcile_seconds_bucket",
          0.5, 0.99);
      double rssReady = operator.rssMiB();
      double reconciles = operator.reconciliations();
      ObservedServiceStatus status = client.resources(ObservedService.class).inNamespace(nss.get(0)).withName("svc-0").get().getStatus();
      Awaitility.await("all checked").atMost(Duration.ofMinutes(10)).until(() -> checked(client) == total);
      double allChecked = seconds(t0);

      // steady state: check cycles with nothing changed
      Map<String, Long> wc = ApiServerWrites.byVerbAndResource(client);
      String mc = operator.metrics();
      long tCycles = System.nanoTime();
      double cyclesBefore = OperatorProcess.sum(mc, "sightline_checks_cycles_total");
      Awaitility.await("steady check cycles").atMost(CHECK_INTERVAL.multipliedBy(STEADY_CYCLES + 2))
          .until(() -> OperatorProcess.sum(operator.metrics(), "sightline_checks_cycles_total")
              >= cyclesBefore + STEADY_CYCLES);
      String mc2 = operator.metrics();
      double cycles = OperatorProcess.sum(mc2, "sightline_checks_cycles_total") - cyclesBefore;
      double promCalls = OperatorProcess.sum(mc2, "sightline_checks_requests_total", "api=\"prometheus\"")
          - OperatorProcess.sum(mc, "sightline_checks_requests_total", "api=\"prometheus\"");
      double kubeCalls = OperatorProcess.sum(mc2, "sightline_checks_requests_total", "api=\"kubernetes\"")
          - OperatorProcess.sum(mc, "sightline_checks_requests_total", "api=\"kubernetes\"");
      Map<String, Long> cycleWrites = ours(ApiServerWrites.byVerbAndResource(client), wc, "observedservices");
      double cycleSeconds = seconds(tCycles);
      Map<String, Long> operatorWrites = ours(ApiServerWrites.byVerbAndResource(client), w0, "observedservices");
      long writesTotal = sum(operatorWrites);

      // a full resync: every ObservedService reconciled again with nothing changed
      double before = operator.reconciliations();
      Map<String, Long> w1 = ApiServerWrites.byVerbAndResource(client);
      long tResync = System.nanoTime();
      Awaitility.await("full resync").atMost(RESYNC.multipliedBy(3))
          .until(() -> operator.reconciliations() >= before + total);
      double resyncSeconds = seconds(tResync);
      Map<String, Long> resyncWrites = ours(ApiServerWrites.byVerbAndResource(client), w1, "observedservices");
      double rss = operator.rssMiB();
      String m = operator.metrics();
      Files.writeString(dir.resolve("native-memory.txt"), operator.jcmd("VM.native_memory", "summary"));
      String histogram = operator.jcmd("GC.class_histogram"); // a full GC first: the live set
      Files.writeString(dir.resolve("class-histogram.txt"), histogram);
      double heapUsed = OperatorProcess.sum(m, "jvm_memory_used_bytes", "area=\"heap\"") / 1048576;
      double heapMax = OperatorProcess.sum(m, "jvm_memory_max_bytes", "area=\"heap\"") / 1048576;
      operator.close();

      // a restart with nothing changed
      Map<String, Long> w2 = ApiServerWrites.byVerbAndResource(client);
      long tRestart = System.nanoTime();
      OperatorProcess second = new OperatorProcess(cluster.kubeconfig(), dir, "second", env);
      Awaitility.await("restarted operator reconciled everything").atMost(Duration.ofMinutes(5))
          .until(() -> second.reconciliations() >= total);
      double restartSeconds = seconds(tRestart);
      Map<String, Long> restartWrites = ours(ApiServerWrites.byVerbAndResource(client), w2, "observedservices");
      double rssAfterRestart = second.rssMiB();
      second.close();

      row(out, "creates issued (Services, EndpointSlices, ObservedServices)", String.format("%.1f s", created), "");
      row(out, "first create to all Ready", String.format("%.1f s", allReady), "< 60 s");
      row(out, "operator API writes, total (until the steady cycles)", Long.toString(writesTotal), "");
      operatorWrites.forEach((k, v) -> row(out, "  " + k, Long.toString(v), ""));
      row(out, "first create to all checked against Prometheus", String.format("%.1f s", allChecked), "");
      row(out, "Prometheus API calls per check cycle (" + String.format("%.0f", cycles) + " cycles, "
          + String.format("%.0f s", cycleSeconds) + ")", String.format("%.1f", promCalls / cycles),
          "constant (6 per Prometheus)");
      row(out, "Kubernetes API calls per check cycle", String.format("%.1f", kubeCalls / cycles),
          "constant (5 lists: Prometheuses, PrometheusAgents, ThanosRulers, Alertmanagers, Namespaces)");
      row(out, "writes per check cycle with nothing changed", String.format("%.1f", sum(cycleWrites) / cycles), "0");
      cycleWrites.forEach((k, v) -> row(out, "  " + k, Long.toString(v), ""));
      row(out, "Prometheus requests served (its own counter)", String.format("%.0f", prometheus.requestsServed()), "");
      row(out, "writes during a full resync (" + total + " reconciles, " + String.format("%.0f s", resyncSeconds) + ")",
          Long.toString(sum(resyncWrites)), "0");
      resyncWrites.forEach((k, v) -> row(out, "  " + k, Long.toString(v), ""));
      row(out, "operator RSS after the steady cycles and the resync", String.format("%.0f MiB", rss), "");
      row(out, "operator heap used / max", String.format("%.0f MiB / %.0f MiB", heapUsed, heapMax), "");
      row(out, "heap live set after a full GC (class histogram total)", String.format("%.1f MiB", liveSetMiB(histogram)), "");
      out.add("  largest classes in the live set:");
      histogram.lines().skip(2).limit(12).forEach(l -> out.add("    " + l.trim()));
      prometheus.close();
      return new SightlineRun(new ScaleFigures("Sightline", total, allReady, cpu, apiCpu, latency[0], latency[1],
          reconciles, readyWrites, restartSeconds, restartWrites, rssReady, rssAfterRestart), status);
    }
  }

  /** Sloth's controller on the same layout: one PrometheusServiceLevel per service, the same availability SLO. */
  static ScaleFigures sloth(ScaleLayout layout, Path dir) throws Exception {
    int total = layout.total();
    try (TestCluster cluster = TestCluster.start(true)) {
      KubernetesClient client = cluster.client();
      cluster.installCrd(TestCluster.thirdPartyCrd(SlothLevels.CRD_FILE));
      List<String> nss = layout.namespaces(client);
      long apiServer = ProcStats.apiServerPid(cluster.kubeconfig());
      SlothController sloth = new SlothController(cluster.kubeconfig(), dir, "first");
      Awaitility.await("Sloth serving metrics").atMost(Duration.ofSeconds(60))
          .until(() -> sloth.metrics().contains("go_goroutines"));
      Map<String, Long> w0 = ApiServerWrites.byVerbAndResource(client);
      double cpu0 = ProcStats.cpuSeconds(sloth.pid());
      double apiCpu0 = ProcStats.cpuSeconds(apiServer);
      long t0 = System.nanoTime();
      layout.create(client, nss, SlothLevels::level, o -> { });
      Awaitility.await("all rules generated").atMost(Duration.ofMinutes(10))
          .until(() -> SlothLevels.generated(client) == total);
      double converged = seconds(t0);
      double cpu = ProcStats.cpuSeconds(sloth.pid()) - cpu0;
      double apiCpu = ProcStats.cpuSeconds(apiServer) - apiCpu0;
      Map<String, Long> writes = ours(ApiServerWrites.byVerbAndResource(client), w0, SlothLevels.PLURAL);
      double[] latency = quantiles(sloth.metrics(), SlothController.PROCESSED + "_bucket", 0.5, 0.99);
      double rss = ProcStats.rssMiB(sloth.pid());
      double reconciles = sloth.processed();
      sloth.close();

      Map<String, Long> w2 = ApiServerWrites.byVerbAndResource(client);
      long tRestart = System.nanoTime();
      SlothController second = new SlothController(cluster.kubeconfig(), dir, "second");
      Awaitility.await("restarted Sloth handled everything").atMost(Duration.ofMinutes(5))
          .until(() -> second.processed() >= total);
      double restart = seconds(tRestart);
      Map<String, Long> restartWrites = ours(ApiServerWrites.byVerbAndResource(client), w2, SlothLevels.PLURAL);
      double rssAfterRestart = ProcStats.rssMiB(second.pid());
      second.close();
      return new ScaleFigures("Sloth", total, converged, cpu, apiCpu, latency[0], latency[1], reconciles, writes, restart,
          restartWrites, rss, rssAfterRestart);
    }
  }

  /**
   * The API server's write floor for Sightline's objects: the same layout, and as each ObservedService is created a
   * minimal client ({@link #CONCURRENCY} threads, no informer, nothing read) applies its three objects as Sightline
   * renders them, applies the status Sightline wrote for the first one and creates an Event.
   */
  static ScaleFigures writeFloor(ScaleLayout layout, ObservedServiceStatus status) throws Exception {
    int total = layout.total();
    try (TestCluster cluster = TestCluster.start(true)) {
      KubernetesClient client = cluster.client();
      List<String> nss = layout.namespaces(client);
      long apiServer = ProcStats.apiServerPid(cluster.kubeconfig());
      Map<String, Long> w0 = ApiServerWrites.byVerbAndResource(client);
      double apiCpu0 = ProcStats.cpuSeconds(apiServer);
      ExecutorService writers = Executors.newFixedThreadPool(CONCURRENCY);
      List<Future<?>> writes = java.util.Collections.synchronizedList(new ArrayList<>());
      long t0 = System.nanoTime();
      layout.create(client, nss, (ns, name) -> Fixtures.observed(ns, name, new ObservedServiceSpec()),
          o -> writes.add(writers.submit(() -> WriteFloor.write(client, (ObservedService) o, status))));
      for (Future<?> f : List.copyOf(writes)) {
        f.get();
      }
      double converged = seconds(t0);
      double apiCpu = ProcStats.cpuSeconds(apiServer) - apiCpu0;
      writers.shutdownNow();
      return new ScaleFigures("write floor", total, converged, Double.NaN, apiCpu, Double.NaN, Double.NaN, Double.NaN,
          ours(ApiServerWrites.byVerbAndResource(client), w0, "observedservices"), Double.NaN, Map.of(),
          Double.NaN, Double.NaN);
    }
  }

  /** The last line of GC.class_histogram: "Total <instances> <bytes>". */
  static double liveSetMiB(String histogram) {
    String total = histogram.lines().filter(l -> l.startsWith("Total")).reduce((a, b) -> b).orElse("Total 0 0");
    String[] parts = total.trim().split("\\s+");
    return Long.parseLong(parts[parts.length - 1]) / 1048576.0;
  }

  static void row(List<String> out, String what, String value, String target) {
    out.add(String.format("  %-62s %22s   %s", what, value, target.isEmpty() ? "" : "target " + target));
  }

  static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** ObservedServices whose live checks ran (Scraped is True or False, not Unknown). */
  static long checked(KubernetesClient client) {
    return client.resources(ObservedService.class).inAnyNamespace().list().getItems().stream()
        .map(o -> StatusBuilder.find(o.getStatus(), StatusBuilder.SCRAPED))
        .filter(c -> c != null && !"Unknown".equals(c.getStatus())).count();
  }

  static long ready(KubernetesClient client) {
    return client.resources(ObservedService.class).inAnyNamespace().list().getItems().stream()
        .filter(Convergence::isReady).count();
  }

  /** The controller's writes since {@code before}: without what the benchmark itself (and the API server's own lease renewals) writes. */
  static Map<String, Long> ours(Map<String, Long> after, Map<String, Long> before, String createdResource) {
    Map<String, Long> d = minus(after, before);
    d.keySet().removeIf(key -> key.endsWith(" services") || key.endsWith(" namespaces")
        || key.equals("POST endpointslices") || key.equals("POST " + createdResource)
        || key.contains(" leases") || key.endsWith(" prometheuses"));
    return d;
  }

  static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> d = new TreeMap<>();
    after.forEach((k, v) -> {
      long diff = v - before.getOrDefault(k, 0L);
      if (diff != 0) {
        d.put(k, diff);
      }
    });
    return d;
  }

  static long sum(Map<String, Long> m) {
    return m.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Quantiles from a Prometheus histogram's cumulative buckets (linear within a bucket, as histogram_quantile). */
  static double[] quantiles(String metrics, String bucketMetric, double... qs) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    Pattern le = Pattern.compile("le=\"([^\"]+)\"");
    for (String line : metrics.split("\n")) {
      if (!line.startsWith(bucketMetric + "{")) {
        continue;
      }
      Matcher m = le.matcher(line);
      if (m.find()) {
        double bound = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
        buckets.merge(bound, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
      }
    }
    double count = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
    double[] out = new double[qs.length];
    for (int i = 0; i < qs.length; i++) {
      double rank = qs[i] * count;
      double prevBound = 0;
      double prevCount = 0;
      out[i] = Double.NaN;
      for (Map.Entry<Double, Double> b : buckets.entrySet()) {
        if (b.getValue() >= rank) {
          double upper = b.getKey().isInfinite() ? prevBound : b.getKey();
          double inBucket = b.getValue() - prevCount;
          out[i] = inBucket == 0 ? upper : prevBound + (upper - prevBound) * (rank - prevCount) / inBucket;
          break;
        }
        prevBound = b.getKey();
        prevCount = b.getValue();
      }
    }
    return out;
  }
}
