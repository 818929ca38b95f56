package dev.sightline.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.api.Selector;
import dev.sightline.operator.api.SelectorOperator;
import dev.sightline.operator.api.SelectorRequirement;
import dev.sightline.operator.it.Fixtures;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event mapper's rule (which ObservedServices a Service event concerns), without a cluster. */
class WatchedServicesTest {
  static Service service(String name, Map<String, String> labels) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("ns").withLabels(labels).endMetadata()
        .build();
  }

  @Test
  void byNameTheServiceNameElseTheObservedServicesName() {
    var byDefault = Fixtures.observed("ns", "shop", new ObservedServiceSpec());
    assertThat(WatchedServices.targets(byDefault, service("shop", Map.of()))).isTrue();
    assertThat(WatchedServices.targets(byDefault, service("shop-db", Map.of()))).isFalse();
    ObservedServiceSpec spec = new ObservedServiceSpec();
    spec.serviceName = "shop-api";
    var named = Fixtures.observed("ns", "shop", spec);
    assertThat(WatchedServices.targets(named, service("shop-api", Map.of()))).isTrue();
    assertThat(WatchedServices.targets(named, service("shop", Map.of()))).isFalse();
  }

  @Test
  void bySelectorEveryRequirementMustHold() {
    Selector selector = Fixtures.selector(Map.of("app", "shop"));
    SelectorRequirement notCanary = new SelectorRequirement();
    notCanary.key = "track";
    notCanary.operator = SelectorOperator.NOT_IN;
    notCanary.values = List.of("canary");
    selector.matchExpressions = List.of(notCanary);
    ObservedServiceSpec spec = new ObservedServiceSpec();
    spec.selector = selector;
    var o = Fixtures.observed("ns", "shop", spec);
    assertThat(WatchedServices.targets(o, service("a", Map.of("app", "shop")))).isTrue();
    assertThat(WatchedServices.targets(o, service("b", Map.of("app", "shop", "track", "stable")))).isTrue();
    assertThat(WatchedServices.targets(o, service("c", Map.of("app", "shop", "track", "canary")))).isFalse();
    assertThat(WatchedServices.targets(o, service("shop", Map.of()))).as("the name does not count").isFalse();
  }
}
