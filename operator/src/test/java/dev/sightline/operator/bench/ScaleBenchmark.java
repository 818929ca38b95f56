package dev.sightline.operator.bench;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
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
 * 1,000 ObservedServices (each with its Service and EndpointSlice) and 2,000 unrelated Services with
 * their EndpointSlices across 20 namespaces on the local kube-apiserver + etcd, handled by the operator as its own process (the image's JVM flags, a 384 MiB memory ceiling
 * like the chart's limit). Prints, side by side with the targets: time to all Ready, the operator's
 * API writes (from the API server's apiserver_request_total), writes during a full resync and
 * across a restart, reconcile latency, RSS and heap, and with one real Prometheus the live checks' calls
 * (to Prometheus and to the API server) and writes per check cycle. Run with operator/bench/scale.sh.
 */
public final class ScaleBenchmark {
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);
  static final int STEADY_CYCLES = 6;

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int namespaces = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    // a cluster runs more Services than anyone observes: the rest must not fill the operator's caches
    int unrelated = args.length > 2 ? Integer.parseInt(args[2]) : 2 * total;
    Duration resync = Duration.ofSeconds(60);
    Path dir = Files.createTempDirectory("sightline-scale");
    Awaitility.setDefaultPollInterval(Duration.ofMillis(250));
    try (TestCluster cluster = TestCluster.start(true)) {
      KubernetesClient client = cluster.client();
      List<String> nss = new ArrayList<>();
      for (int i = 0; i < namespaces; i++) {
        nss.add(Fixtures.namespace(client, "scale"));
      }
      // one real Prometheus, known to the cluster as a Prometheus resource that selects everything; nothing
      // runs prometheus-operator here, so it has none of the targets and rules: every check finds a problem
      RealPrometheus prometheus = RealPrometheus.start(dir.resolve("prometheus"));
      prometheus.declare(client, new io.fabric8.kubernetes.api.model.LabelSelector());
      Map<String, String> env = Map.of("SIGHTLINE_RESYNC_INTERVAL", resync.toSeconds() + "s",
          "SIGHTLINE_PROMETHEUS_URL", prometheus.url(), "SIGHTLINE_CHECK_INTERVAL", CHECK_INTERVAL.toSeconds() + "s");
      OperatorProcess operator = new OperatorProcess(cluster.kubeconfig(), dir, "first", env);
      Awaitility.await("operator ready").atMost(Duration.ofSeconds(60)).until(() -> operator.readiness() == 200);

      Map<String, Long> w0 = ApiServerWrites.byVerbAndResource(client);
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> creates = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        String ns = nss.get(i % namespaces);
        String name = "svc-" + i;
        creates.add(pool.submit(() -> {
          Fixtures.headlessService(client, ns, name);
          Fixtures.endpointSlice(client, ns, name, 3);
          client.resource(Fixtures.observed(ns, name, new ObservedServiceSpec())).create();
        }));
      }
      for (int i = 0; i < unrelated; i++) {
        String ns = nss.get(i % namespaces);
        String name = "other-" + i;
        creates.add(pool.submit(() -> {
          Fixtures.headlessService(client, ns, name);
          Fixtures.endpointSlice(client, ns, name, 10);
        }));
      }
      for (Future<?> f : creates) {
        f.get();
      }
      double created = seconds(t0);
      Awaitility.await("all Ready").atMost(Duration.ofMinutes(10)).until(() -> ready(client) == total);
      double allReady = seconds(t0);
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
      Map<String, Long> cycleWrites = minus(ApiServerWrites.byVerbAndResource(client), wc);
      cycleWrites.keySet().removeIf(ScaleBenchmark::isOurs);
      double cycleSeconds = seconds(tCycles);
      Map<String, Long> operatorWrites = minus(ApiServerWrites.byVerbAndResource(client), w0);
      operatorWrites.keySet().removeIf(ScaleBenchmark::isOurs);
      long writesTotal = operatorWrites.values().stream().mapToLong(Long::longValue).sum();
      String metrics = operator.metrics();
      double[] latency = quantiles(metrics, "operator_sdk_controllers_execution_reconcile_seconds_bucket", 0.5, 0.99);

      // a full resync: every ObservedService reconciled again with nothing changed
      double before = operator.reconciliations();
      Map<String, Long> w1 = ApiServerWrites.byVerbAndResource(client);
      long tResync = System.nanoTime();
      Awaitility.await("full resync").atMost(resync.multipliedBy(3))
          .until(() -> operator.reconciliations() >= before + total);
      double resyncSeconds = seconds(tResync);
      Map<String, Long> resyncWrites = minus(ApiServerWrites.byVerbAndResource(client), w1);
      resyncWrites.keySet().removeIf(ScaleBenchmark::isOurs);
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
      Map<String, Long> restartWrites = minus(ApiServerWrites.byVerbAndResource(client), w2);
      restartWrites.keySet().removeIf(ScaleBenchmark::isOurs);
      double rssAfterRestart = second.rssMiB();
      second.close();

      System.out.printf("%nSightline scale benchmark: %d ObservedServices (each with a Service and an EndpointSlice of 3"
          + " endpoints) and %d unrelated Services (EndpointSlices of 10) in %d namespaces, operator JVM with"
          + " -XX:MaxRAM=384m (chart limit) and the image's JVM flags, %d cores%n%n", total, unrelated, namespaces,
          Runtime.getRuntime().availableProcessors());
      row("creates issued (Services, EndpointSlices, ObservedServices)", String.format("%.1f s", created), "");
      row("first create to all Ready", String.format("%.1f s", allReady), "< 60 s");
      row("operator API writes, total", Long.toString(writesTotal), "");
      row("operator API writes per ObservedService", String.format("%.2f", writesTotal / (double) total),
          "<= 4 (3 objects + 1 status) + 1 Event if not monitored");
      operatorWrites.forEach((k, v) -> row("  " + k, Long.toString(v), ""));
      row("first create to all checked against Prometheus", String.format("%.1f s", allChecked), "");
      row("Prometheus API calls per check cycle (" + String.format("%.0f", cycles) + " cycles, "
          + String.format("%.0f s", cycleSeconds) + ")", String.format("%.1f", promCalls / cycles),
          "constant (6 per Prometheus)");
      row("Kubernetes API calls per check cycle", String.format("%.1f", kubeCalls / cycles), "constant (4 lists: Prometheuses, PrometheusAgents, Alertmanagers, Namespaces)");
      row("writes per check cycle with nothing changed", String.format("%.1f", sum(cycleWrites) / cycles), "0");
      cycleWrites.forEach((k, v) -> row("  " + k, Long.toString(v), ""));
      row("Prometheus requests served (its own counter)", String.format("%.0f", prometheus.requestsServed()), "");
      row("reconcile latency p50 / p99", String.format("%.1f ms / %.1f ms", latency[0] * 1000, latency[1] * 1000), "");
      row("writes during a full resync (" + total + " reconciles, " + String.format("%.0f s", resyncSeconds) + ")",
          Long.toString(sum(resyncWrites)), "0");
      resyncWrites.forEach((k, v) -> row("  " + k, Long.toString(v), ""));
      row("writes across a restart (all reconciled in " + String.format("%.1f s", restartSeconds) + ")",
          Long.toString(sum(restartWrites)), "0");
      restartWrites.forEach((k, v) -> row("  " + k, Long.toString(v), ""));
      row("operator RSS after the run / after restart", String.format("%.0f MiB / %.0f MiB", rss, rssAfterRestart), "< 256 MiB");
      row("operator heap used / max", String.format("%.0f MiB / %.0f MiB", heapUsed, heapMax), "");
      row("heap live set after a full GC (class histogram total)", String.format("%.1f MiB", liveSetMiB(histogram)), "");
      System.out.println("largest classes in the live set:");
      histogram.lines().skip(2).limit(12).forEach(l -> System.out.println("    " + l.trim()));
      System.out.println("\nlogs, class histogram, native memory (with -Dsightline.operatorJvmFlags=-XX:NativeMemoryTracking=summary): " + dir);
      pool.shutdownNow();
      prometheus.close();
    }
    System.exit(0);
  }

  /** The last line of GC.class_histogram: "Total <instances> <bytes>". */
  static double liveSetMiB(String histogram) {
    String total = histogram.lines().filter(l -> l.startsWith("Total")).reduce((a, b) -> b).orElse("Total 0 0");
    String[] parts = total.trim().split("\\s+");
    return Long.parseLong(parts[parts.length - 1]) / 1048576.0;
  }

  static void row(String what, String value, String target) {
    System.out.printf("  %-62s %22s   %s%n", what, value, target.isEmpty() ? "" : "target " + target);
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

  /** What the benchmark itself (and the API server's own lease renewals) writes, not the operator. */
  static boolean isOurs(String key) {
    return key.endsWith(" services") || key.endsWith(" namespaces") || key.equals("POST endpointslices") || key.equals("POST observedservices")
        || key.contains(" leases") || key.endsWith(" prometheuses");
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
