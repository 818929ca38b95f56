package dev.sightline.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sightline.operator.it.Fixtures;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.testsupport.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * On the real API server: the generated objects' informers list and watch metadata only, as the typed class, while
 * the client they derive from still reads and writes whole objects.
 */
class MetadataOnlyClientIT {
  private static ConfigMap dashboard(String ns, String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns)
        .addToLabels(GeneratedNames.MANAGED_BY, GeneratedNames.MANAGER).addToAnnotations(OwnedDependent.DIGEST, "abc")
        .endMetadata().addToData("dashboard.json", "x".repeat(50_000)).build();
  }

  @Test
  void listsAndWatchEventsCarryMetadataOnlyAsTheTypedClass() {
    KubernetesClient client = TestCluster.shared().client();
    String ns = Fixtures.namespace(client, "metadata-only");
    client.resource(dashboard(ns, "listed")).serverSideApply();
    Map<String, ConfigMap> seen = new ConcurrentHashMap<>();
    ResourceEventHandler<ConfigMap> handler = new ResourceEventHandler<>() {
      @Override
      public void onAdd(ConfigMap o) {
        seen.put(o.getMetadata().getName(), o);
      }

      @Override
      public void onUpdate(ConfigMap old, ConfigMap o) {
        seen.put(o.getMetadata().getName(), o);
      }

      @Override
      public void onDelete(ConfigMap o, boolean unknown) {
        seen.remove(o.getMetadata().getName());
      }
    };
    try (SharedIndexInformer<ConfigMap> informer = MetadataOnlyClient.of(client).configMaps().inNamespace(ns)
        .withLabel(GeneratedNames.MANAGED_BY, GeneratedNames.MANAGER).inform(handler)) {
      await("the listed ConfigMap").atMost(Duration.ofSeconds(30)).until(() -> seen.containsKey("listed"));
      client.resource(dashboard(ns, "watched")).serverSideApply();
      client.configMaps().inNamespace(ns).withName("listed").edit(c -> {
        c.getMetadata().getLabels().put("edited", "true");
        return c;
      });
      await("the watch events").atMost(Duration.ofSeconds(30)).until(() -> seen.containsKey("watched")
          && seen.get("listed").getMetadata().getLabels().containsKey("edited"));
      assertThat(informer.getStore().list()).hasSize(2);
    }
    // an empty list (the API server writes its items as null), then a watch event
    String empty = Fixtures.namespace(client, "metadata-only-empty");
    try (SharedIndexInformer<ConfigMap> informer = MetadataOnlyClient.of(client).configMaps().inNamespace(empty)
        .withLabel(GeneratedNames.MANAGED_BY, GeneratedNames.MANAGER).inform(handler)) {
      await("the empty list synced").atMost(Duration.ofSeconds(30)).until(informer::hasSynced);
      client.resource(dashboard(empty, "later")).serverSideApply();
      await("the watch event after an empty list").atMost(Duration.ofSeconds(30))
          .until(() -> seen.containsKey("later"));
    }
    seen.remove("later");
    assertThat(seen.values()).hasSize(2).allSatisfy(c -> {
      assertThat(c.getData()).as("%s's data", c.getMetadata().getName()).isNullOrEmpty();
      assertThat(c.getMetadata().getAnnotations()).containsEntry(OwnedDependent.DIGEST, "abc");
      assertThat(c.getMetadata().getManagedFields()).isNotEmpty();
      assertThat(c.getMetadata().getResourceVersion()).isNotBlank();
    });
    assertThat(MetadataOnlyClient.of(client)).as("one per client").isSameAs(MetadataOnlyClient.of(client));
    assertThat(client.configMaps().inNamespace(ns).withName("watched").get().getData().get("dashboard.json"))
        .as("the client it derives from reads whole objects").hasSize(50_000);
    assertThat(client.configMaps().inNamespace(ns).list().getItems()).filteredOn(c -> c.getData() != null
        && c.getData().containsKey("dashboard.json")).hasSize(2);
  }

  @Test
  void aServerSideApplyIsAnsweredWithTheMetadataAndWritesTheWholeObject() {
    KubernetesClient client = TestCluster.shared().client();
    String ns = Fixtures.namespace(client, "metadata-only-apply");
    ConfigMap answer = MetadataOnlyClient.of(client).resource(dashboard(ns, "applied")).fieldManager("test")
        .forceConflicts().serverSideApply();
    assertThat(answer.getData()).isNullOrEmpty();
    assertThat(answer.getMetadata().getAnnotations()).containsEntry(OwnedDependent.DIGEST, "abc");
    assertThat(answer.getMetadata().getResourceVersion()).isNotBlank();
    assertThat(answer.getMetadata().getManagedFields()).singleElement()
        .satisfies(m -> assertThat(m.getManager()).isEqualTo("test"));
    assertThat(client.configMaps().inNamespace(ns).withName("applied").get().getData().get("dashboard.json"))
        .hasSize(50_000);
  }

  @Test
  void listsAskForTheListFormAndWatchesAndWritesForTheObjectForm() {
    assertThat(MetadataOnlyClient.AcceptMetadata.accept("GET", "labelSelector=x&limit=100"))
        .isEqualTo("application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json");
    assertThat(MetadataOnlyClient.AcceptMetadata.accept("GET", "allowWatchBookmarks=true&watch=true"))
        .isEqualTo("application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json");
    assertThat(MetadataOnlyClient.AcceptMetadata.accept("GET", "watch=true&labelSelector=a"))
        .startsWith("application/json;as=PartialObjectMetadata;");
    assertThat(MetadataOnlyClient.AcceptMetadata.accept("GET", null)).contains("PartialObjectMetadataList");
    assertThat(MetadataOnlyClient.AcceptMetadata.accept("PATCH", "fieldManager=x&force=true"))
        .startsWith("application/json;as=PartialObjectMetadata;");
  }
}
