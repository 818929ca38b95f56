package dev.sightline.operator.bench;

import dev.sightline.operator.api.Defaults;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;

/**
 * Sloth's PrometheusServiceLevel for a service of the scale layout: the SLO an ObservedService without objectives
 * gets (availability {@link Defaults#AVAILABILITY} % over {@link Defaults#WINDOW}, errors = 5xx of Micrometer's
 * request counter), with Sloth's page and ticket alerts.
 */
final class SlothLevels {
  static final String CRD_FILE = "sloth.slok.dev_prometheusservicelevels.yaml";
  static final String API_VERSION = "sloth.slok.dev/v1";
  static final String KIND = "PrometheusServiceLevel";
  static final String PLURAL = "prometheusservicelevels";

  private SlothLevels() {}

  static HasMetadata level(String namespace, String name) {
    String selector = "namespace=\"" + namespace + "\",job=\"" + name + "\"";
    String yaml = """
        apiVersion: %s
        kind: %s
        metadata: {name: %s, namespace: %s}
        spec:
          service: %s
          slos:
            - name: requests-availability
              objective: %s
              sli:
                events:
                  errorQuery: sum(rate(http_server_requests_seconds_count{%s,status=~"5.."}[{{.window}}]))
                  totalQuery: sum(rate(http_server_requests_seconds_count{%s}[{{.window}}]))
              alerting:
                name: %sAvailability
                pageAlert: {labels: {severity: page}}
                ticketAlert: {labels: {severity: ticket}}
        """.formatted(API_VERSION, KIND, name, namespace, name, Defaults.AVAILABILITY, selector, selector,
        name.replace("-", ""));
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }

  /** PrometheusServiceLevels whose rules Sloth generated for their current generation. */
  static long generated(KubernetesClient client) {
    return client.genericKubernetesResources(API_VERSION, KIND).inAnyNamespace().list().getItems().stream()
        .filter(SlothLevels::isGenerated).count();
  }

  @SuppressWarnings("unchecked")
  private static boolean isGenerated(GenericKubernetesResource r) {
    Object status = r.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> s)) {
      return false;
    }
    Object observed = s.get("observedGeneration");
    return Boolean.TRUE.equals(s.get("promOpRulesGenerated")) && observed instanceof Number n
        && n.longValue() == r.getMetadata().getGeneration();
  }
}
