package dev.sightline.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Creating many ObservedServices and checking that what the operator made is exactly what it should be. */
public final class Convergence {
  private Convergence() {}

  /** Creates Service + ObservedService pairs {@code prefix-0 .. prefix-(n-1)}. */
  public static void create(KubernetesClient client, String ns, String prefix, int from, int to) {
    for (int i = from; i < to; i++) {
      String name = prefix + "-" + i;
      Fixtures.headlessService(client, ns, name);
      client.resource(Fixtures.observed(ns, name, new ObservedServiceSpec())).create();
    }
  }

  /** How many ObservedServices in the namespace are Ready for their current generation. */
  public static long ready(KubernetesClient client, String ns) {
    return client.resources(ObservedService.class).inNamespace(ns).list().getItems().stream()
        .filter(Convergence::isReady).count();
  }

  /** Ready=True for the current generation. */
  public static boolean isReady(ObservedService o) {
    var c = StatusBuilder.find(o.getStatus(), StatusBuilder.READY);
    return c != null && "True".equals(c.getStatus())
        && o.getMetadata().getGeneration().equals(o.getStatus().observedGeneration);
  }

  /**
   * Every ObservedService Ready, and exactly one ServiceMonitor, PrometheusRule and dashboard
   * ConfigMap per ObservedService, each owned by it: no duplicates, no orphans.
   */
  public static void assertConverged(KubernetesClient client, String ns, int expected) {
    List<ObservedService> all = client.resources(ObservedService.class).inNamespace(ns).list().getItems();
    assertThat(all).hasSize(expected);
    assertThat(all).allMatch(Convergence::isReady, "Ready");
    Map<String, String> uidByName = all.stream()
        .collect(Collectors.toMap(o -> o.getMetadata().getName(), o -> o.getMetadata().getUid()));
    assertOwnedOnePerObservedService(client.resources(ServiceMonitor.class).inNamespace(ns).list().getItems(), uidByName, "");
    assertOwnedOnePerObservedService(client.resources(PrometheusRule.class).inNamespace(ns).list().getItems(), uidByName, "");
    assertOwnedOnePerObservedService(client.configMaps().inNamespace(ns)
        .withLabel("app.kubernetes.io/managed-by", "sightline").list().getItems(), uidByName, "-dashboard");
  }

  private static void assertOwnedOnePerObservedService(List<? extends HasMetadata> objects, Map<String, String> uidByName,
      String suffix) {
    String kind = objects.isEmpty() ? "objects" : objects.get(0).getKind();
    assertThat(objects).as(kind).hasSize(uidByName.size());
    Set<String> uids = Set.copyOf(uidByName.values());
    for (HasMetadata o : objects) {
      List<OwnerReference> owners = o.getMetadata().getOwnerReferences();
      assertThat(owners).as("%s %s owners", kind, o.getMetadata().getName()).hasSize(1);
      assertThat(uids).as("%s %s owned by an existing ObservedService", kind, o.getMetadata().getName())
          .contains(owners.get(0).getUid());
      assertThat(o.getMetadata().getName()).isEqualTo(owners.get(0).getName() + suffix);
      assertThat(uidByName.get(owners.get(0).getName())).isEqualTo(owners.get(0).getUid());
    }
  }
}
