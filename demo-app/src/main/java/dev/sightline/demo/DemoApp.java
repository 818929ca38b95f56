package dev.sightline.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small order service instrumented like a production Micrometer service, with fault injection
 * so that Sightline's alerts can be made to fire on purpose.
 */
public final class DemoApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoApp.class);
  private static final Logger access = LoggerFactory.getLogger("access");
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Set<String> CHECKOUT_TYPES = Set.of("card", "paypal", "invoice");
  static final long MAX_BODY_BYTES = 16 * 1024;

  private final ObjectMapper json = new ObjectMapper();
  private final PrometheusMeterRegistry registry;
  private final HttpMetrics http;
  private final Faults faults = new Faults();
  private final Orders orders = new Orders();
  private final Javalin app;
  private volatile boolean ready = true;

  public DemoApp(boolean instrumented) {
    this(instrumented, HttpMetrics.Settings.DEFAULT);
  }

  public DemoApp(boolean instrumented, HttpMetrics.Settings metrics) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    String host = System.getenv().getOrDefault("HOSTNAME", "local");
    // "host", not "instance": Prometheus owns the instance label of every scraped series.
    registry.config().commonTags(Tags.of("application", "demo-app", "host", host));
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    http = instrumented ? new HttpMetrics(registry, metrics) : null;

    app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.http.maxRequestSize = MAX_BODY_BYTES;
      c.jsonMapper(new JavalinJackson(json, false));
      c.useVirtualThreads = false;
    });
    app.before(this::beforeRequest);
    app.after(this::afterRequest);
    app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
    app.exception(Exception.class, (e, ctx) -> {
      ctx.attribute(HttpMetrics.EXCEPTION, e.getClass().getSimpleName());
      log.atError().setCause(e).log("unhandled exception");
      error(ctx, 500, "internal error");
    });

    app.get("/api/orders", faulty(ctx -> ctx.json(orders.list(limit(ctx)))));
    app.get("/api/orders/{id}", faulty(ctx -> ctx.json(orders.get(id(ctx))
        .orElseThrow(() -> new HttpResponseException(404, "order " + ctx.pathParam("id") + " not found")))));
    app.post("/api/orders", faulty(this::createOrder));
    app.post("/api/checkout", faulty(this::checkout));
    app.get("/api/search", faulty(this::search));
    app.get("/healthz", ctx -> ctx.result("ok"));
    app.get("/readyz", ctx -> ctx.status(ready ? 200 : 503).result(ready ? "ready" : "shutting down"));
    app.get("/metrics", ctx -> {
      // {"/metrics": {"errorRate": 1}} makes the metrics endpoint fail while the app serves: a target down
      if (faults.decideExactly("/metrics").fail()) {
        ctx.status(503).result("injected fault");
        return;
      }
      ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    });
    app.get("/admin/faults", ctx -> ctx.json(faults.get()));
    app.put("/admin/faults", this::setFaults);
    app.delete("/admin/faults", ctx -> {
      faults.set(Map.of());
      log.atInfo().addKeyValue("faults", Map.of()).log("fault injection cleared");
      ctx.status(204);
    });
  }

  public DemoApp start(String host, int port) {
    app.start(host, port);
    log.atInfo().addKeyValue("port", app.port()).log("demo app started");
    return this;
  }

  public int port() {
    return app.port();
  }

  public Faults faults() {
    return faults;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Graceful stop: not ready any more, let in-flight requests finish (up to 10 s), then stop. */
  @Override
  public void close() {
    ready = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (http != null && http.inFlight() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20); // waiting for other threads' requests; nothing to poll but the counter
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    app.stop();
    log.info("demo app stopped");
  }

  private void beforeRequest(Context ctx) {
    String id = ctx.header("X-Request-Id");
    if (id == null || !REQUEST_ID.matcher(id).matches()) {
      id = UUID.randomUUID().toString();
    }
    ctx.header("X-Request-Id", id);
    ctx.attribute("requestId", id);
    if (http != null) {
      http.start(ctx);
    }
  }

  private void afterRequest(Context ctx) {
    String route = route(ctx);
    long nanos = http != null ? http.stop(ctx, route) : 0;
    if (!route.equals("/metrics") && !route.startsWith("/health") && !route.equals("/readyz")) {
      String requestId = ctx.attribute("requestId");
      access.atInfo()
          .addKeyValue("requestId", requestId)
          .addKeyValue("method", ctx.method().name())
          .addKeyValue("route", route)
          .addKeyValue("status", ctx.statusCode())
          .addKeyValue("durationMs", TimeUnit.NANOSECONDS.toMillis(nanos))
          .log("request");
    }
  }

  /** The matched route template; unmatched paths share one value, so cardinality stays bounded. */
  static String route(Context ctx) {
    try {
      String path = ctx.endpointHandlerPath();
      if (path != null && path.startsWith("/")) { // Javalin answers a message when nothing matched
        return path;
      }
    } catch (RuntimeException e) {
      // no endpoint matched
    }
    return ctx.statusCode() == 404 ? "NOT_FOUND" : "UNKNOWN";
  }

  private Handler faulty(Handler handler) {
    return ctx -> {
      Faults.Decision d = faults.decide(ctx.endpointHandlerPath());
      if (d.delayMs() > 0) {
        Thread.sleep(d.delayMs()); // the injected latency itself
      }
      if (d.fail()) {
        ctx.attribute(HttpMetrics.EXCEPTION, "InjectedFault");
        error(ctx, 500, "injected fault");
        return;
      }
      handler.handle(ctx);
    };
  }

  private void createOrder(Context ctx) {
    JsonNode body = body(ctx);
    String item = body.path("item").asText("");
    int quantity = body.path("quantity").asInt(0);
    long price = body.path("priceCents").asLong(-1);
    if (item.isBlank() || item.length() > 200) {
      throw new HttpResponseException(400, "item is required (1 to 200 characters)");
    }
    if (quantity < 1 || quantity > 1000) {
      throw new HttpResponseException(400, "quantity must be between 1 and 1000");
    }
    if (price < 0) {
      throw new HttpResponseException(400, "priceCents must be a non-negative integer");
    }
    ctx.status(201).json(orders.create(item, quantity, price));
  }

  private void checkout(Context ctx) {
    JsonNode body = body(ctx);
    String type = body.path("type").asText("");
    if (!CHECKOUT_TYPES.contains(type)) {
      throw new HttpResponseException(400, "type must be one of " + CHECKOUT_TYPES);
    }
    long orderId = body.path("orderId").asLong(-1);
    orders.get(orderId).orElseThrow(() -> new HttpResponseException(404, "order " + orderId + " not found"));
    Counter.builder("checkout.events").description("Completed checkouts by payment type")
        .tag("type", type).register(registry).increment();
    ctx.status(201).json(Map.of("orderId", orderId, "type", type, "status", "confirmed"));
  }

  private void search(Context ctx) throws InterruptedException {
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank() || q.length() > 100) {
      throw new HttpResponseException(400, "query parameter q is required (1 to 100 characters)");
    }
    Thread.sleep(15); // the search index is slower than the order book
    ctx.json(orders.search(q));
  }

  private void setFaults(Context ctx) {
    Map<String, Faults.Fault> config;
    try {
      config = json.readValue(ctx.body(), new TypeReference<Map<String, Faults.Fault>>() {});
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new HttpResponseException(400, "faults must be a JSON object of route -> {errorRate, latencyMs,"
          + " jitterMs}: " + e.getMessage());
    }
    faults.set(config);
    log.atInfo().addKeyValue("faults", faults.get()).log("fault injection changed");
    ctx.json(faults.get());
  }

  private JsonNode body(Context ctx) {
    try {
      JsonNode node = json.readTree(ctx.body());
      if (node == null || !node.isObject()) {
        throw new HttpResponseException(400, "request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new HttpResponseException(400, "request body is not valid JSON");
    }
  }

  private static int limit(Context ctx) {
    String l = ctx.queryParam("limit");
    try {
      int n = l == null ? 100 : Integer.parseInt(l);
      if (n < 1 || n > 1000) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new HttpResponseException(400, "limit must be an integer between 1 and 1000");
    }
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new HttpResponseException(400, "order id must be a number");
    }
  }

  private static void error(Context ctx, int status, String message) {
    ctx.status(status).json(Map.of("status", status, "error", message == null ? "" : message));
  }

  /**
   * DEMO_STARTUP_DELAY_SECONDS: how long the app warms up before it listens, like a JVM service loading
   * caches; meanwhile its pod answers no scrape and is not ready. 0 to 300, default 0.
   */
  static Duration startupDelay(Map<String, String> env) {
    String value = env.getOrDefault("DEMO_STARTUP_DELAY_SECONDS", "0");
    long seconds;
    try {
      seconds = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 0 || seconds > 300) {
      throw new IllegalArgumentException("DEMO_STARTUP_DELAY_SECONDS must be whole seconds from 0 to 300, e.g. 40;"
          + " got " + value);
    }
    return Duration.ofSeconds(seconds);
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    Duration warmUp = startupDelay(System.getenv());
    if (!warmUp.isZero()) {
      log.atInfo().addKeyValue("seconds", warmUp.toSeconds()).log("warming up before listening");
      Thread.sleep(warmUp.toMillis()); // the simulated warm-up itself
    }
    boolean instrumented = !"false".equals(System.getenv("DEMO_INSTRUMENTATION"));
    DemoApp demo = new DemoApp(instrumented, HttpMetrics.Settings.fromEnv(System.getenv()));
    String initial = System.getenv("DEMO_FAULTS");
    if (initial != null && !initial.isBlank()) {
      demo.faults.set(demo.json.readValue(initial, new TypeReference<Map<String, Faults.Fault>>() {}));
      log.atInfo().addKeyValue("faults", demo.faults.get()).log("fault injection from DEMO_FAULTS");
    }
    demo.start(System.getenv().getOrDefault("BIND_ADDRESS", "0.0.0.0"), port);
    Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "graceful-shutdown"));
  }
}
