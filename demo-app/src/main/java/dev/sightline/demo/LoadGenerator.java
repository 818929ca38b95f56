package dev.sightline.demo;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Drives the demo app so its metrics move: normal traffic, an error storm, bursts, slowness, or a
 * mix, at a target rate with bounded concurrency. Stops on its own after --duration or
 * --max-requests, whichever comes first, and prints a report. Fault modes switch the app's fault
 * injection on through /admin/faults and off again at the end.
 *
 * <pre>java -cp demo-app.jar dev.sightline.demo.LoadGenerator --mode errors --rate 50 --duration 2m</pre>
 */
public final class LoadGenerator {
  public enum Mode { NORMAL, ERRORS, BURST, SLOW, MIXED }

  /** Options; see {@link #parse}. */
  public record Options(Mode mode, double rate, int concurrency, Duration duration, long maxRequests, URI target,
      boolean progress, Duration waitForTarget) {}

  /** Final figures. */
  public record Report(long sent, Map<Integer, Long> byStatus, long failedToConnect, double seconds,
      double p50Ms, double p95Ms, double p99Ms) {
    public double achievedRate() {
      return seconds == 0 ? 0 : sent / seconds;
    }

    public String format() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "requests: %d in %.1f s (%.1f/s)%n", sent, seconds, achievedRate()));
      byStatus.forEach((s, n) -> sb.append(String.format(Locale.ROOT, "  status %d: %d%n", s, n)));
      if (failedToConnect > 0) {
        sb.append(String.format(Locale.ROOT, "  no response: %d%n", failedToConnect));
      }
      sb.append(String.format(Locale.ROOT, "latency: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n", p50Ms, p95Ms, p99Ms));
      return sb.toString();
    }
  }

  private final Options options;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
  private final LongAdder noResponse = new LongAdder();
  private final LongAdder done = new LongAdder();
  private final Recorder latency = new Recorder(3);
  private final org.HdrHistogram.Histogram total = new org.HdrHistogram.Histogram(3);

  private volatile boolean stopped;

  public LoadGenerator(Options options) {
    this.options = options;
  }

  public static Options parse(String... args) {
    Map<String, String> o = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: --mode normal|errors|burst|slow|mixed --rate <req/s>"
            + " --concurrency <n> --duration <30s|2m> --max-requests <n> --target <url> [--progress false]"
            + " [--wait-for-target 2m]");
      }
      o.put(a.substring(2), args[++i]);
    }
    double rate = Double.parseDouble(o.getOrDefault("rate", "20"));
    Duration duration = duration(o.getOrDefault("duration", "60s"));
    if (rate <= 0 || rate > 10_000) {
      throw new IllegalArgumentException("--rate must be between 0 and 10000 requests per second");
    }
    long max = Long.parseLong(o.getOrDefault("max-requests", Long.toString((long) Math.ceil(rate * 3 * duration.toSeconds()) + 1)));
    return new Options(Mode.valueOf(o.getOrDefault("mode", "normal").toUpperCase(Locale.ROOT)), rate,
        Integer.parseInt(o.getOrDefault("concurrency", "16")), duration, max,
        URI.create(o.getOrDefault("target", "http://127.0.0.1:8080")), Boolean.parseBoolean(o.getOrDefault("progress", "true")),
        duration(o.getOrDefault("wait-for-target", "2m")));
  }

  static Duration duration(String s) {
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    }
    long n = Long.parseLong(s.substring(0, s.length() - 1));
    return switch (s.charAt(s.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new IllegalArgumentException("duration like 30s, 2m or 1h expected, got " + s);
    };
  }

  /** Ends a running {@link #run} early (faults are switched off as at a normal end). */
  public void stop() {
    stopped = true;
  }

  public Report run(PrintStream out) throws Exception {
    awaitTarget();
    Semaphore slots = new Semaphore(options.concurrency());
    long start = System.nanoTime();
    long end = start + options.duration().toNanos();
    AtomicLong sent = new AtomicLong();
    Mode phase = null;
    long nextProgress = start + TimeUnit.SECONDS.toNanos(1);
    double credit = 0;
    long last = start;
    try {
      while (!stopped && System.nanoTime() < end && sent.get() < options.maxRequests()) {
        long now = System.nanoTime();
        double elapsed = (now - start) / 1e9;
        Mode current = phaseAt(elapsed);
        if (current != phase) {
          applyFaults(current);
          phase = current;
        }
        credit += (now - last) / 1e9 * rateAt(elapsed);
        last = now;
        while (credit >= 1 && sent.get() < options.maxRequests()) {
          credit -= 1;
          slots.acquire();
          sent.incrementAndGet();
          send(slots);
        }
        if (options.progress() && now >= nextProgress) {
          out.printf(Locale.ROOT, "\r[%4.0fs] %-6s sent %d, done %d, errors %d   ", elapsed, current.name().toLowerCase(Locale.ROOT),
              sent.get(), done.sum(), errors());
          nextProgress += TimeUnit.SECONDS.toNanos(1);
        }
        TimeUnit.MICROSECONDS.sleep(500); // pacing tick of the open-loop generator
      }
      slots.acquire(options.concurrency()); // all responses in
    } finally {
      if (phase != null && phase != Mode.NORMAL) {
        applyFaults(Mode.NORMAL);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (options.progress()) {
      out.println();
    }
    total.add(latency.getIntervalHistogram());
    Map<Integer, Long> statuses = new TreeMap<>();
    byStatus.forEach((k, v) -> statuses.put(k, v.sum()));
    return new Report(sent.get(), statuses, noResponse.sum(), seconds,
        total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(95) / 1000.0,
        total.getValueAtPercentile(99) / 1000.0);
  }

  private long errors() {
    return byStatus.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(e -> e.getValue().sum()).sum()
        + noResponse.sum();
  }

  /** The mode in effect at a point of the run; mixed cycles normal, errors, slow, burst every 20 s. */
  private Mode phaseAt(double seconds) {
    if (options.mode() != Mode.MIXED) {
      return options.mode();
    }
    Mode[] cycle = {Mode.NORMAL, Mode.ERRORS, Mode.SLOW, Mode.BURST};
    return cycle[(int) (seconds / 20) % cycle.length];
  }

  /** Bursts: 3x the rate for 5 s, then a fifth of it for 5 s. */
  private double rateAt(double seconds) {
    if (phaseAt(seconds) != Mode.BURST) {
      return options.rate();
    }
    return ((long) (seconds / 5)) % 2 == 0 ? options.rate() * 3 : options.rate() / 5;
  }

  /**
   * Waits until the target answers /readyz with 200, up to --wait-for-target: as a Job next to a new
   * Deployment, the generator usually starts before the app's pod is an endpoint of its Service.
   */
  void awaitTarget() throws InterruptedException {
    HttpRequest ready = HttpRequest.newBuilder(options.target().resolve("/readyz")).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + options.waitForTarget().toNanos();
    String last;
    do {
      try {
        int status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200) {
          return;
        }
        last = "HTTP " + status;
      } catch (java.io.IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException("target " + options.target() + " not ready after " + options.waitForTarget()
        + " (last answer: " + last + "); is the app's Service up and its pod Ready?");
  }

  private void applyFaults(Mode mode) throws Exception {
    String body = switch (mode) {
      case ERRORS -> "{\"*\":{\"errorRate\":0.3}}";
      case SLOW -> "{\"*\":{\"latencyMs\":400,\"jitterMs\":300}}";
      default -> "{}";
    };
    setFaults(http, options.target(), body);
  }

  /** Replaces the app's fault injection through /admin/faults ({} clears it); fails unless the app took it. */
  public static void setFaults(HttpClient http, URI target, String json) throws Exception {
    HttpRequest put = HttpRequest.newBuilder(target.resolve("/admin/faults"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build();
    HttpResponse<String> r = http.send(put, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("could not set faults: " + r.statusCode() + " " + r.body());
    }
  }

  private void send(Semaphore slots) {
    HttpRequest request = nextRequest();
    long t0 = System.nanoTime();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
      latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
      if (e != null) {
        noResponse.increment();
      } else {
        byStatus.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
      }
      done.increment();
      slots.release();
    });
  }

  /** The traffic mix of a storefront: mostly reads, some writes and checkouts, a few searches. */
  private HttpRequest nextRequest() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    int pick = r.nextInt(100);
    URI base = options.target();
    HttpRequest.Builder b;
    if (pick < 45) {
      b = HttpRequest.newBuilder(base.resolve("/api/orders?limit=20"));
    } else if (pick < 70) {
      b = HttpRequest.newBuilder(base.resolve("/api/orders/" + (1 + r.nextInt(3))));
    } else if (pick < 80) {
      b = HttpRequest.newBuilder(base.resolve("/api/orders")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"load item\",\"quantity\":" + (1 + r.nextInt(5))
              + ",\"priceCents\":" + r.nextInt(10_000) + "}"));
    } else if (pick < 90) {
      String type = new String[] {"card", "paypal", "invoice"}[r.nextInt(3)];
      b = HttpRequest.newBuilder(base.resolve("/api/checkout")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":" + (1 + r.nextInt(3)) + ",\"type\":\"" + type + "\"}"));
    } else {
      b = HttpRequest.newBuilder(base.resolve("/api/search?q=" + new String[] {"tea", "mug", "coffee"}[r.nextInt(3)]));
    }
    return b.timeout(Duration.ofSeconds(30)).build();
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Report report = new LoadGenerator(options).run(System.err);
    System.out.print(report.format());
  }
}
