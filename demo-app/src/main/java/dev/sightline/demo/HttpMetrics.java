package dev.sightline.demo;

import io.javalin.http.Context;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Micrometer's standard HTTP server instrumentation (the names Spring Boot uses):
 * http.server.requests timer with method, uri (route template, never the raw path), status,
 * outcome and exception; http.server.requests.active for requests in flight. The histogram has a
 * bucket at 300 ms, the latency objective the demo's ObservedService uses.
 */
public final class HttpMetrics {
  static final String START = "sightline.start";
  static final String ACTIVE = "sightline.active";
  static final String EXCEPTION = "sightline.exception";
  private static final Duration SLO = Duration.ofMillis(300);

  private final Meter.MeterProvider<Timer> requests;
  private final LongTaskTimer active;

  public HttpMetrics(MeterRegistry registry) {
    // built once; per request only the tags change (Micrometer's MeterProvider for dynamic tags)
    this.requests = Timer.builder("http.server.requests")
        .description("HTTP server requests")
        .publishPercentileHistogram()
        .serviceLevelObjectives(SLO)
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .withRegistry(registry);
    this.active = LongTaskTimer.builder("http.server.requests.active")
        .description("Requests being handled")
        .register(registry);
  }

  public void start(Context ctx) {
    ctx.attribute(START, System.nanoTime());
    ctx.attribute(ACTIVE, active.start());
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
    String exception = ctx.attribute(EXCEPTION);
    requests.withTags("method", ctx.method().name(), "uri", route, "status", Integer.toString(status),
            "outcome", outcome(status), "exception", exception == null ? "none" : exception)
        .record(Duration.ofNanos(nanos));
    return nanos;
  }

  public long inFlight() {
    return active.activeTasks();
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
