package dev.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real service on a random loopback port, driven over HTTP. */
class DemoAppTest {
  static DemoApp app;
  static String base;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app = new DemoApp(true).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @AfterEach
  void clearFaults() {
    app.faults().set(Map.of());
  }

  static HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null);
  }

  @Test
  void ordersCanBeListedFetchedAndCreated() throws Exception {
    assertThat(get("/api/orders").statusCode()).isEqualTo(200);
    assertThat(get("/api/orders").body()).contains("\"item\":\"teapot\"");
    assertThat(get("/api/orders/1").body()).contains("\"id\":1");
    var created = send("POST", "/api/orders", "{\"item\":\"kettle\",\"quantity\":1,\"priceCents\":4500}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).contains("\"item\":\"kettle\"");
    assertThat(get("/api/search?q=kett").body()).contains("kettle");
  }

  @Test
  void checkoutCountsBusinessEventsByType() throws Exception {
    double before = MetricsText.sum(get("/metrics").body(), "checkout_events_total", Map.of("type", "paypal"));
    for (int i = 0; i < 3; i++) {
      assertThat(send("POST", "/api/checkout", "{\"orderId\":1,\"type\":\"paypal\"}").statusCode()).isEqualTo(201);
    }
    assertThat(MetricsText.sum(get("/metrics").body(), "checkout_events_total", Map.of("type", "paypal")))
        .isEqualTo(before + 3);
  }

  @Test
  void badInputGetsAClear4xxAndNever500() throws Exception {
    double errorsBefore =
        MetricsText.sum(get("/metrics").body(), "http_server_requests_seconds_count", Map.of("status", "500"));
    assertThat(send("POST", "/api/orders", "{not json").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/orders", "[1,2]").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/orders", "{\"item\":\"\",\"quantity\":1,\"priceCents\":1}").body())
        .contains("item is required");
    assertThat(send("POST", "/api/orders", "{\"item\":\"x\",\"quantity\":0,\"priceCents\":1}").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/checkout", "{\"orderId\":1,\"type\":\"bitcoin\"}").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/checkout", "{\"orderId\":999999,\"type\":\"card\"}").statusCode()).isEqualTo(404);
    assertThat(get("/api/orders/424242").statusCode()).isEqualTo(404);
    assertThat(get("/api/orders/abc").statusCode()).isEqualTo(400);
    assertThat(get("/api/orders?limit=-3").statusCode()).isEqualTo(400);
    assertThat(get("/api/search").statusCode()).isEqualTo(400);
    assertThat(send("DELETE", "/api/orders", null).statusCode()).isIn(404, 405);
    String huge = "{\"item\":\"" + "x".repeat((int) DemoApp.MAX_BODY_BYTES * 2) + "\",\"quantity\":1}";
    assertThat(send("POST", "/api/orders", huge).statusCode()).isEqualTo(413);
    var unknown = get("/no/such/route");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("Endpoint GET /no/such/route not found");
    assertThat(MetricsText.sum(get("/metrics").body(), "http_server_requests_seconds_count", Map.of("status", "500")))
        .as("no 500 from bad input").isEqualTo(errorsBefore);
  }

  @Test
  void requestIdIsEchoedOrGenerated() throws Exception {
    HttpRequest withId = HttpRequest.newBuilder(URI.create(base + "/api/orders")).header("X-Request-Id", "abc-123").build();
    assertThat(http.send(withId, HttpResponse.BodyHandlers.ofString()).headers().firstValue("X-Request-Id"))
        .contains("abc-123");
    assertThat(get("/api/orders").headers().firstValue("X-Request-Id").orElseThrow()).hasSize(36);
  }

  @Test
  void faultInjectionChangesStatusCodesAndLatencyAtRunTime() throws Exception {
    var set = send("PUT", "/admin/faults", "{\"/api/orders/{id}\":{\"errorRate\":1.0},\"/api/search\":{\"latencyMs\":250,\"jitterMs\":50}}");
    assertThat(set.statusCode()).isEqualTo(200);
    for (int i = 0; i < 5; i++) {
      var r = get("/api/orders/1");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("injected fault");
    }
    assertThat(get("/api/orders").statusCode()).as("other routes unaffected").isEqualTo(200);
    long start = System.nanoTime();
    assertThat(get("/api/search?q=mug").statusCode()).isEqualTo(200);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(ms).isBetween(250L, 5_000L);

    assertThat(send("PUT", "/admin/faults", "{\"*\":{\"errorRate\":2}}").statusCode()).isEqualTo(400);
    assertThat(send("DELETE", "/admin/faults", null).statusCode()).isEqualTo(204);
    assertThat(get("/api/orders/1").statusCode()).isEqualTo(200);
  }

  @Test
  void halfOfTheRequestsFailAtErrorRateOneHalf() throws Exception {
    app.faults().set(Map.of("/api/orders", new Faults.Fault(0.5, 0, 0)));
    int failed = 0;
    for (int i = 0; i < 400; i++) {
      if (get("/api/orders").statusCode() == 500) {
        failed++;
      }
    }
    assertThat(failed).isBetween(140, 260); // binomial(400, 0.5): 5+ sigma either way
  }

  @Test
  void metricsCountExactlyTheRequestsSentWithBoundedCardinality() throws Exception {
    String before = get("/metrics").body();
    Map<String, String> search = Map.of("uri", "/api/search", "status", "200", "method", "GET", "outcome", "SUCCESS");
    double searches = MetricsText.sum(before, "http_server_requests_seconds_count", search);
    double notFound = MetricsText.sum(before, "http_server_requests_seconds_count", Map.of("uri", "NOT_FOUND"));
    for (int i = 0; i < 37; i++) {
      assertThat(get("/api/search?q=tea").statusCode()).isEqualTo(200);
    }
    for (int i = 0; i < 50; i++) {
      assertThat(get("/random/path/" + i + "/" + System.nanoTime()).statusCode()).isEqualTo(404);
    }
    String after = get("/metrics").body();
    MetricsText.assertValidWithPromtool(after);
    assertThat(MetricsText.sum(after, "http_server_requests_seconds_count", search)).isEqualTo(searches + 37);
    assertThat(MetricsText.sum(after, "http_server_requests_seconds_count", Map.of("uri", "NOT_FOUND")))
        .isEqualTo(notFound + 50);
    assertThat(after).doesNotContain("/random/path");
    assertThat(MetricsText.sum(after, "http_server_requests_seconds_bucket",
        Map.of("uri", "/api/search", "status", "200", "le", "0.3"))).as("bucket at the 300 ms objective").isPositive();
    assertThat(after).contains("http_server_requests_active_seconds_count", "jvm_memory_used_bytes",
        "process_cpu_usage", "application=\"demo-app\"");
  }

  @Test
  void theMetricsEndpointFailsOnlyWhenAskedByName() throws Exception {
    app.faults().set(Map.of("*", new Faults.Fault(1.0, 0, 0)));
    assertThat(get("/metrics").statusCode()).as("an error storm leaves the metrics alone").isEqualTo(200);
    app.faults().set(Map.of("/metrics", new Faults.Fault(1.0, 0, 0)));
    assertThat(get("/metrics").statusCode()).isEqualTo(503);
    assertThat(get("/api/orders").statusCode()).as("requests still served").isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void theStartupDelayIsWholeSecondsUpToFiveMinutes() {
    assertThat(DemoApp.startupDelay(Map.of())).isEqualTo(Duration.ZERO);
    assertThat(DemoApp.startupDelay(Map.of("DEMO_STARTUP_DELAY_SECONDS", "40"))).isEqualTo(Duration.ofSeconds(40));
    for (String bad : new String[] {"-1", "301", "40s", ""}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> DemoApp.startupDelay(Map.of("DEMO_STARTUP_DELAY_SECONDS", bad)))
          .hasMessageContaining("DEMO_STARTUP_DELAY_SECONDS must be whole seconds from 0 to 300");
    }
  }

  @Test
  void healthEndpointsAnswer() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void gracefulShutdownLetsInFlightRequestsFinish() throws Exception {
    DemoApp other = new DemoApp(true).start("127.0.0.1", 0);
    other.faults().set(Map.of("/api/orders", new Faults.Fault(0, 700, 0)));
    HttpRequest slow = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port() + "/api/orders")).build();
    CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(slow, HttpResponse.BodyHandlers.ofString());
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> MetricsText.sum(other.registry().scrape(), "http_server_requests_active_seconds_count", Map.of()) >= 1);
    other.close();
    assertThat(inFlight.get().statusCode()).isEqualTo(200);
  }
}
