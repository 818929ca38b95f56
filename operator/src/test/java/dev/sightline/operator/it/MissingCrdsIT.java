package dev.sightline.operator.it;

import dev.sightline.testsupport.TestCluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A cluster without prometheus-operator: a clear condition, then convergence once its CRDs arrive. */
class MissingCrdsIT {
  static TestCluster cluster;
  static RunningOperator operator;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(false);
    operator = new RunningOperator(cluster.client());
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void reportsMissingPrometheusOperatorCrdsAndConvergesWhenInstalled() {
    KubernetesClient client = cluster.client();
    String ns = Fixtures.namespace(client, "nocrd");
    Fixtures.service(client, ns, "api", Map.of());
    client.resource(Fixtures.observed(ns, "api", new ObservedServiceSpec())).create();

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      ObservedService o = client.resources(ObservedService.class).inNamespace(ns).withName("api").get();
      Condition applied = StatusBuilder.find(o.getStatus(), StatusBuilder.RESOURCES_APPLIED);
      assertThat(applied).isNotNull();
      assertThat(applied.getStatus()).isEqualTo("False");
      assertThat(applied.getReason()).as(applied.getMessage()).isEqualTo("CrdMissing");
      assertThat(applied.getMessage())
          .contains("servicemonitors.monitoring.coreos.com", "prometheusrules.monitoring.coreos.com",
              "Install prometheus-operator");
      assertThat(StatusBuilder.find(o.getStatus(), StatusBuilder.READY).getStatus()).isEqualTo("False");
    });
    // What does not need the missing CRDs is there already.
    assertThat(client.configMaps().inNamespace(ns).withName("api-dashboard").get()).isNotNull();

    cluster.installPrometheusOperatorCrds();

    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      ObservedService o = client.resources(ObservedService.class).inNamespace(ns).withName("api").get();
      assertThat(StatusBuilder.find(o.getStatus(), StatusBuilder.READY).getStatus()).isEqualTo("True");
      assertThat(client.resources(ServiceMonitor.class).inNamespace(ns).withName("api").get()).isNotNull();
      assertThat(client.resources(PrometheusRule.class).inNamespace(ns).withName("api").get()).isNotNull();
    });
  }
}
