package dev.sightline.operator.it;

import dev.sightline.operator.prometheus.CheckSettings;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.api.Selector;
import dev.sightline.operator.runtime.OperatorSettings;
import dev.sightline.testsupport.Namespaces;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;

/** Objects the integration tests create. */
public final class Fixtures {
  private Fixtures() {}

  /** Operator settings for an in-process operator: no leader election, all namespaces, any free port. */
  public static OperatorSettings operatorSettings(int concurrency) {
    return new OperatorSettings(Set.of(), false, "sightline", null, 0, concurrency, false, OperatorSettings.DEFAULT_RESYNC,
        CheckSettings.DEFAULTS);
  }

  public static String namespace(KubernetesClient client, String prefix) {
    return Namespaces.create(client, prefix);
  }

  public static Service service(KubernetesClient client, String namespace, String name, Map<String, String> labels) {
    Service svc = new ServiceBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
        .withNewSpec()
        .withSelector(Map.of("app", name))
        .addNewPort().withName("http").withPort(8080).endPort()
        .endSpec()
        .build();
    return client.resource(svc).create();
  }

  /**
   * A headless Service (no cluster IP): what the scale and resilience tests create by the hundred,
   * since the local API server's service IP range (kube-api-test: 10.0.0.0/24) holds only 254.
   */
  public static Service headlessService(KubernetesClient client, String namespace, String name) {
    Service svc = new ServiceBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewSpec()
        .withClusterIP("None")
        .withSelector(Map.of("app", name))
        .addNewPort().withName("http").withPort(8080).endPort()
        .endSpec()
        .build();
    return client.resource(svc).create();
  }

  /**
   * An EndpointSlice for a Service, as the EndpointSlice controller would write it (the local API
   * server runs no controllers): {@code endpoints} ready addresses on port http/8080.
   */
  public static EndpointSlice endpointSlice(KubernetesClient client, String namespace, String service, int endpoints) {
    EndpointSliceBuilder slice = new EndpointSliceBuilder()
        .withNewMetadata().withName(service + "-slice").withNamespace(namespace)
        .withLabels(Map.of("kubernetes.io/service-name", service, "endpointslice.kubernetes.io/managed-by",
            "endpointslice-controller.k8s.io"))
        .endMetadata()
        .withAddressType("IPv4")
        .addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort();
    for (int i = 0; i < endpoints; i++) {
      slice.addNewEndpoint().withAddresses("10.1." + (i / 250) + "." + (i % 250 + 1))
          .withNewConditions().withReady(true).endConditions()
          .withNewTargetRef().withKind("Pod").withName(service + "-" + i).withNamespace(namespace).endTargetRef()
          .endEndpoint();
    }
    return client.resource(slice.build()).create();
  }

  /** A selector of the ObservedService API by labels. */
  public static Selector selector(Map<String, String> matchLabels) {
    Selector s = new Selector();
    s.matchLabels = matchLabels;
    return s;
  }

  public static ObservedService observed(String namespace, String name, ObservedServiceSpec spec) {
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    o.setSpec(spec);
    return o;
  }
}
