package dev.sightline.operator.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The few calls of Prometheus's HTTP API (v1) the checks make: active targets, rule groups, firing
 * alerts (all a ThanosRuler answers) and instant queries (POSTed, so a long selector never hits a URL
 * length limit). Each call either returns data or throws {@link Unreachable} with a message for status.
 */
public final class PrometheusApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private final Duration timeout;
  private final Runnable countCall;

  public PrometheusApi(HttpClient http, URI base, Duration timeout, Runnable countCall) {
    this.http = http;
    this.base = base;
    this.timeout = timeout;
    this.countCall = countCall;
  }

  /** One scrape target. */
  public record Target(String scrapePool, String instance, String health, String lastError) {}

  /** One rule of a group: its name (alert or record), health (ok, err, unknown) and last evaluation error. */
  public record Rule(String name, String health, String lastError) {}

  /** One rule group as Prometheus loaded it, with the file prometheus-operator wrote it to. */
  public record RuleGroup(String name, String file, List<Rule> rules) {}

  /** Prometheus could not be asked: connection, timeout, HTTP error or a response that is not the API's. */
  public static final class Unreachable extends Exception {
    public Unreachable(String message) {
      super(message);
    }
  }

  public List<Target> activeTargets() throws Unreachable {
    List<Target> out = new ArrayList<>();
    for (JsonNode t : get("api/v1/targets?state=active").path("activeTargets")) {
      out.add(new Target(t.path("scrapePool").asText(), t.path("labels").path("instance").asText(),
          t.path("health").asText(), t.path("lastError").asText("")));
    }
    return out;
  }

  public List<RuleGroup> ruleGroups() throws Unreachable {
    List<RuleGroup> out = new ArrayList<>();
    for (JsonNode g : get("api/v1/rules").path("groups")) {
      List<Rule> rules = new ArrayList<>();
      for (JsonNode r : g.path("rules")) {
        rules.add(new Rule(r.path("name").asText(), r.path("health").asText(), r.path("lastError").asText("")));
      }
      out.add(new RuleGroup(g.path("name").asText(), g.path("file").asText(), rules));
    }
    return out;
  }

  /** The labels of every firing alert (Prometheus's and Thanos Ruler's /api/v1/alerts). */
  public List<Map<String, String>> firingAlerts() throws Unreachable {
    List<Map<String, String>> out = new ArrayList<>();
    JsonNode data = get("api/v1/alerts");
    // a Thanos Ruler names the list "Alerts" (an untagged Go struct field in its pkg/api/rule/v1.go)
    for (JsonNode a : data.has("alerts") ? data.path("alerts") : data.path("Alerts")) {
      if ("firing".equals(a.path("state").asText())) {
        Map<String, String> labels = new TreeMap<>();
        a.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        out.add(labels);
      }
    }
    return out;
  }

  /** An instant query's vector result: per sample, {"metric": {labels}, "value": [time, "value"]}. */
  public List<JsonNode> query(String promql) throws Unreachable {
    String body = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/query"))
        .timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode sample : send(request).path("result")) {
      out.add(sample);
    }
    return out;
  }

  private JsonNode get(String path) throws Unreachable {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build());
  }

  private JsonNode send(HttpRequest request) throws Unreachable {
    countCall.run();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new Unreachable("cannot reach " + base + ": " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while asking " + base);
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new Unreachable(base + request.uri().getPath() + " answered HTTP " + response.statusCode()
          + " with something that is not Prometheus's API");
    }
    if (json == null || !"success".equals(json.path("status").asText())) {
      throw new Unreachable(base + request.uri().getPath() + " answered HTTP " + response.statusCode()
          + (json == null ? "" : ": " + json.path("error").asText()));
    }
    return json.path("data");
  }

  /** The exception and its causes, e.g. "ConnectException: Connection refused", in words where Java has none. */
  static String describe(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String part = c instanceof java.nio.channels.UnresolvedAddressException
          ? "the host name does not resolve (no ready Prometheus pod behind the Service?)"
          : c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
      if (parts.stream().noneMatch(p -> p.contains(part))) {
        parts.add(part);
      }
    }
    return String.join(": ", parts);
  }
}
