package dev.sightline.demo;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP server instrumentation in one of two conventions.
 *
 * <ul>
 *   <li>{@code micrometer} (default): Micrometer's standard names (Spring Boot's): http.server.requests
 *       timer with method, uri (route template, never the raw path), status, outcome and exception,
 *       with a percentile histogram plus a bucket at each configured bound; http.server.requests.active
 *       for requests in flight.
 *   <li>{@code prometheus-client}: the names of Prometheus client libraries and FastAPI's
 *       instrumentator: http_requests_total{method, handler, status}, the histogram
 *       http_request_duration_seconds{method, handler} with exactly the configured buckets, and
 *       http_requests_inprogress.
 * </ul>
 *
 * <p>The buckets default to one at 300 ms, the demo ObservedService's latency objective; a layout
 * without it (FastAPI's 0.1, 0.5, 1) shows what Sightline says when the objective has no bucket.
 */
public final class HttpMetrics {
  static final String START = "sightline.start";
  static final String ACTIVE = "sightline.active";
  static final String EXCEPTION = "sightline.exception";
  static final List<Duration> DEFAULT_BUCKETS = List.of(Duration.ofMillis(300));

  /** The metric naming the app exposes. */
  public enum Convention { MICROMETER, PROMETHEUS_CLIENT }

  /** The convention and the histogram's bucket bounds. */
  public record Settings(Convention convention, List<Duration> buckets) {
    public static final Settings DEFAULT = new Settings(Convention.MICROMETER, DEFAULT_BUCKETS);

    /** From DEMO_METRICS_CONVENTION (micrometer, prometheus-client) and DEMO_LATENCY_BUCKETS (seconds, comma-separated). */
    public static Settings fromEnv(Map<String, String> env) {
      String c = env.getOrDefault("DEMO_METRICS_CONVENTION", "micrometer").trim();
      Convention convention = switch (c) {
        case "micrometer", "" -> Convention.MICROMETER;
        case "prometheus-client" -> Convention.PROMETHEUS_CLIENT;
        default -> throw new IllegalArgumentException(
            "DEMO_METRICS_CONVENTION must be micrometer or prometheus-client, got '" + c + "'");
      };
      String b = env.getOrDefault("DEMO_LATENCY_BUCKETS", "").trim();
      List<Duration> buckets = b.isEmpty() ? DEFAULT_BUCKETS : Arrays.stream(b.split(",")).map(String::trim)
          .map(v -> {
            try {
              double seconds = Double.parseDouble(v);
              if (seconds > 0 && Double.isFinite(seconds)) {
                return Duration.ofNanos(Math.round(seconds * 1e9));
              }
            } catch (NumberFormatException e) {
              // the message below says what is expected
            }
            throw new IllegalArgumentException(
                "DEMO_LATENCY_BUCKETS must be bucket bounds in seconds above zero, e.g. 0.1,0.5,1, got '" + b + "'");
          }).toList();
      return new Settings(convention, buckets);
    }
  }

  private final Convention convention;
  private final Meter.MeterProvider<Timer> requests;
  private final Meter.MeterProvider<Counter> counted;
  private final LongTaskTimer active;
  private final AtomicInteger inProgress = new AtomicInteger();

  public HttpMetrics(MeterRegistry registry) {
    this(registry, Settings.DEFAULT);
  }

  public HttpMetrics(MeterRegistry registry, Settings settings) {
    this.convention = settings.convention();
    Duration[] bounds = settings.buckets().toArray(Duration[]::new);
    // built once; per request only the tags change (Micrometer's MeterProvider for dynamic tags)
    if (convention == Convention.MICROMETER) {
      this.requests = Timer.builder("http.server.requests")
          .description("HTTP server requests")
          .publishPercentileHistogram()
          .serviceLevelObjectives(bounds)
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(10))
          .withRegistry(registry);
      this.counted = null;
      this.active = LongTaskTimer.builder("http.server.requests.active")
          .description("Requests being handled")
          .register(registry);
    } else {
      this.requests = Timer.builder("http.request.duration")
          .description("Duration of HTTP requests in seconds")
          .serviceLevelObjectives(bounds)
          .withRegistry(registry);
      this.counted = Counter.builder("http.requests").description("Total number of requests").withRegistry(registry);
      this.active = null;
      Gauge.builder("http.requests.inprogress", inProgress, AtomicInteger::get)
          .description("Number of HTTP requests in progress")
          .register(registry);
    }
  }

  public void start(Context ctx) {
    ctx.attribute(START, System.nanoTime());
    if (active != null) {
      ctx.attribute(ACTIVE, active.start());
    } else {
      inProgress.incrementAndGet();
    }
  }

  /** Records the request; returns its duration in nanoseconds. */
  public long stop(Context ctx, String route) {
    Long start = ctx.attribute(START);
    LongTaskTimer.Sample sample = ctx.attribute(ACTIVE);
    if (sample != null) {
      sample.stop();
    }
    long nanos = start == null ? 0 : System.nanoTime() - start;
    int status = ctx.statusCode();
    if (convention == Convention.MICROMETER) {
      String exception = ctx.attribute(EXCEPTION);
      requests.withTags("method", ctx.method().name(), "uri", route, "status", Integer.toString(status),
              "outcome", outcome(status), "exception", exception == null ? "none" : exception)
          .record(Duration.ofNanos(nanos));
    } else {
      if (start != null) {
        inProgress.decrementAndGet();
      }
      counted.withTags("method", ctx.method().name(), "handler", route, "status", Integer.toString(status)).increment();
      requests.withTags("method", ctx.method().name(), "handler", route).record(Duration.ofNanos(nanos));
    }
    return nanos;
  }

  public long inFlight() {
    return active != null ? active.activeTasks() : inProgress.get();
  }

  static String outcome(int status) {
    if (status < 200) {
      return "INFORMATIONAL";
    } else if (status < 300) {
      return "SUCCESS";
    } else if (status < 400) {
      return "REDIRECTION";
    } else if (status < 500) {
      return "CLIENT_ERROR";
    }
    return "SERVER_ERROR";
  }
}
