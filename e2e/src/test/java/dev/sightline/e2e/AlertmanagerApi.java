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
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/status")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Alertmanager " + base + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body()).path("config").path("original").asText();
  }

  /** Every alert Alertmanager holds with these label matchers (each alert's JSON: labels, status.inhibitedBy). */
  List<JsonNode> alerts(String matchers) throws Exception {
    String filter = URLEncoder.encode(matchers, StandardCharsets.UTF_8);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts?filter=" + filter))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Alertmanager " + base + ": HTTP " + r.statusCode() + " " + r.body());
    }
    List<JsonNode> alerts = new ArrayList<>();
    JSON.readTree(r.body()).forEach(alerts::add);
    return alerts;
  }

  /** The active alerts with this name, as Alertmanager holds them (each alert's labels). */
  List<JsonNode> active(String alertname) throws Exception {
    String filter = URLEncoder.encode("alertname=\"" + alertname + "\"", StandardCharsets.UTF_8);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts?active=true&filter=" + filter))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Alertmanager " + base + ": HTTP " + r.statusCode() + " " + r.body());
    }
    List<JsonNode> labels = new ArrayList<>();
    JSON.readTree(r.body()).forEach(a -> labels.add(a.get("labels")));
    return labels;
  }
}
