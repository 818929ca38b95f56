package dev.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The prometheus-client convention with FastAPI's default buckets, as Sightline's missing-bucket case needs it. */
class PrometheusClientConventionTest {
  static final HttpClient http = HttpClient.newHttpClient();

  @Test
  void exposesPrometheusClientNamesWithExactlyTheConfiguredBuckets() throws Exception {
    var settings = HttpMetrics.Settings.fromEnv(
        Map.of("DEMO_METRICS_CONVENTION", "prometheus-client", "DEMO_LATENCY_BUCKETS", "0.1, 0.5,1"));
    DemoApp app = new DemoApp(true, settings).start("127.0.0.1", 0);
    try {
      String base = "http://127.0.0.1:" + app.port();
      for (int i = 0; i < 3; i++) {
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/orders")).build(), HttpResponse.BodyHandlers.ofString());
      }
      String text = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      MetricsText.assertValidWithPromtool(text);
      assertThat(MetricsText.sum(text, "http_requests_total", Map.of("handler", "/api/orders", "status", "200")))
          .isEqualTo(3);
      assertThat(MetricsText.sum(text, "http_request_duration_seconds_count", Map.of("handler", "/api/orders")))
          .isEqualTo(3);
      Matcher le = Pattern.compile("^http_request_duration_seconds_bucket\\{.*handler=\"/api/orders\".*le=\"([^\"]+)\"",
          Pattern.MULTILINE).matcher(text);
      List<String> bounds = le.results().map(m -> m.group(1)).distinct().collect(Collectors.toList());
      assertThat(bounds).containsExactly("0.1", "0.5", "1.0", "+Inf");
      assertThat(text).contains("http_requests_inprogress").doesNotContain("http_server_requests_seconds_count");
    } finally {
      app.close();
    }
  }

  @Test
  void aBadSettingSaysWhatIsExpected() {
    assertThatThrownBy(() -> HttpMetrics.Settings.fromEnv(Map.of("DEMO_METRICS_CONVENTION", "otel")))
        .hasMessageContaining("micrometer or prometheus-client");
    assertThatThrownBy(() -> HttpMetrics.Settings.fromEnv(Map.of("DEMO_LATENCY_BUCKETS", "0.1,fast")))
        .hasMessageContaining("e.g. 0.1,0.5,1");
  }
}
