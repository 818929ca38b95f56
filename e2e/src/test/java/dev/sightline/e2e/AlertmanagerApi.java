package dev.sightline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Alertmanager's v2 HTTP API: what Prometheus really delivered. */
final class AlertmanagerApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  AlertmanagerApi(URI base) {
    this.base = base;
  }

  /** The configuration Alertmanager runs (what prometheus-operator generated and the reloader loaded). */
  String config() throws Exception {
    return get("/api/v2/status").path("config").path("original").asText();
  }

  /** Every alert Alertmanager holds with these label matchers (each alert's JSON: labels, status.inhibitedBy). */
  List<JsonNode> alerts(String matchers) throws Exception {
    return list(get("/api/v2/alerts?filter=" + URLEncoder.encode(matchers, StandardCharsets.UTF_8)));
  }

  /** The active alerts with this name, as Alertmanager holds them (each alert's labels). */
  List<JsonNode> active(String alertname) throws Exception {
    String filter = URLEncoder.encode("alertname=\"" + alertname + "\"", StandardCharsets.UTF_8);
    return list(get("/api/v2/alerts?active=true&filter=" + filter)).stream().map(a -> a.get("labels")).toList();
  }

  private JsonNode get(String pathAndQuery) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Alertmanager " + base + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }
}
