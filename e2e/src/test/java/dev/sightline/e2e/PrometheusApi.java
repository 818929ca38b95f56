package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/** Prometheus's HTTP API (also what a Thanos Querier and Ruler serve of it), reached through a port-forward. */
final class PrometheusApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  PrometheusApi(URI base) {
    this.base = base;
  }

  /** The result vector of an instant query (empty when the query returns nothing). */
  ArrayNode query(String promql) throws Exception {
    JsonNode r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    assertThat(r.path("status").asText()).as("query %s: %s", promql, r).isEqualTo("success");
    return (ArrayNode) r.at("/data/result");
  }

  /** The result vector of an instant query evaluated at {@code time} (seconds since the epoch). */
  ArrayNode query(String promql, double time) throws Exception {
    JsonNode r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + time);
    assertThat(r.path("status").asText()).as("query %s at %s: %s", promql, time, r).isEqualTo("success");
    return (ArrayNode) r.at("/data/result");
  }

  /** Names of the alerts in state firing. */
  Set<String> firing() throws Exception {
    Set<String> names = new TreeSet<>();
    JsonNode data = get("/api/v1/alerts").path("data");
    // a Thanos Ruler names the list "Alerts" (an untagged Go struct field in its pkg/api/rule/v1.go)
    for (JsonNode a : data.has("alerts") ? data.path("alerts") : data.path("Alerts")) {
      if ("firing".equals(a.path("state").asText())) {
        names.add(a.at("/labels/alertname").asText());
      }
    }
    return names;
  }

  /** Names of the rule groups Prometheus has loaded. */
  Set<String> ruleGroups() throws Exception {
    Set<String> names = new TreeSet<>();
    for (JsonNode g : get("/api/v1/rules").at("/data/groups")) {
      names.add(g.path("name").asText());
    }
    return names;
  }

  /** A GET of the API as JSON (for what a failing step prints). */
  JsonNode raw(String path) throws Exception {
    return get(path);
  }

  boolean ready() {
    try {
      return send("/-/ready", "GET").statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private JsonNode get(String path) throws Exception {
    return JSON.readTree(send(path, "GET").body());
  }

  private HttpResponse<String> send(String path, String method) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
