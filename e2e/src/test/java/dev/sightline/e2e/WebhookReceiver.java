package dev.sightline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server in the test JVM that Alertmanager's webhook receivers post to (the Alertmanager
 * webhook payload: one notification per alert group), recording every notification by path.
 */
final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One notification.
   *
   * @param path the receiver it was sent to (/page or /ticket)
   * @param status firing or resolved, for the group
   * @param alerts alertname (with {slo=name} for a named objective's) and status of each alert in it
   */
  record Notification(Instant at, String path, String status, String job, List<String> alerts) {
    boolean firing() {
      return status.equals("firing");
    }

    boolean resolved() {
      return status.equals("resolved");
    }
  }

  private final HttpServer server;
  private final List<Notification> received = new CopyOnWriteArrayList<>();

  WebhookReceiver() throws Exception {
    server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        List<String> alerts = new ArrayList<>();
        // a named objective's alerts with their objective: DemoAvailabilityBudgetBurnFast{slo=checkout} firing
        body.path("alerts").forEach(a -> alerts.add(a.path("labels").path("alertname").asText()
            + (a.path("labels").has("slo") ? "{slo=" + a.path("labels").path("slo").asText() + "}" : "") + " "
            + a.path("status").asText()));
        Notification n = new Notification(Instant.now(), exchange.getRequestURI().getPath(), body.path("status").asText(),
            body.path("commonLabels").path("job").asText(), alerts);
        received.add(n);
        System.out.println("e2e webhook | " + n);
        exchange.sendResponseHeaders(200, -1);
      }
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Notification> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
