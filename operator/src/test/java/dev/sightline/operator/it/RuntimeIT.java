package dev.sightline.operator.it;

import dev.sightline.testsupport.TestCluster;
import dev.sightline.operator.prometheus.CheckSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.status.StatusBuilder;
import dev.sightline.operator.runtime.HealthServer;
import dev.sightline.operator.runtime.OperatorSettings;
import dev.sightline.operator.runtime.SightlineOperator;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator as Main runs it: leader election, a namespace list, health and metrics endpoints. */
class RuntimeIT {
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void leaderElectedOperatorServesHealthReadinessAndMetricsAndWatchesOnlyItsNamespaces() throws Exception {
    KubernetesClient client = TestCluster.shared().client();
    String leaseNs = Fixtures.namespace(client, "sightline-system");
    String watched = Fixtures.namespace(client, "watched");
    String ignored = Fixtures.namespace(client, "ignored");
    var settings = new OperatorSettings(Set.of(watched), true, "sightline-operator", leaseNs, 0, 2, false, OperatorSettings.DEFAULT_RESYNC,
        CheckSettings.DEFAULTS);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Operator operator = SightlineOperator.create(client, settings, registry);
    try (HealthServer health = new HealthServer(0, operator, registry)) {
      String base = "http://127.0.0.1:" + health.port();
      assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(base + "/readyz").statusCode()).isEqualTo(503);
      operator.start();

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        Lease lease = client.leases().inNamespace(leaseNs).withName("sightline-operator").get();
        assertThat(lease).isNotNull();
        assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
      });
      await().atMost(Duration.ofSeconds(60)).until(() -> get(base + "/readyz").statusCode() == 200);

      Fixtures.service(client, watched, "a", Map.of());
      Fixtures.service(client, ignored, "b", Map.of());
      client.resource(Fixtures.observed(watched, "a", new ObservedServiceSpec())).create();
      client.resource(Fixtures.observed(ignored, "b", new ObservedServiceSpec())).create();
      ObservedServiceIT.awaitCondition(watched, "a", StatusBuilder.READY, "True");
      assertThat(ObservedServiceIT.get(ignored, "b").getStatus()).as("outside SIGHTLINE_WATCH_NAMESPACES").isNull();

      String metrics = get(base + "/metrics").body();
      assertThat(metrics).contains("operator_sdk_reconciliations_success_total");
      assertThat(metrics).contains("operator_sdk_reconciliations_executions_observedservice");
    } finally {
      operator.stop();
    }
  }

  HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
