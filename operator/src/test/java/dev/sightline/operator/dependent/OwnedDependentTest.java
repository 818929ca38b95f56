package dev.sightline.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.render.GoldenFilesTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The digest a generated object carries, the check that only Sightline wrote it, and the metadata-only cache. */
class OwnedDependentTest {
  private static ObservedService owner(String uid) {
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("pay").withNamespace("shop").withUid(uid).build());
    return o;
  }

  @Test
  void theDigestIsTheSameForTheSameModelTypeAndOwnerAndChangesWithEach() throws IOException {
    ObservedServiceModel model = GoldenFilesTest.load("micrometer-minimal");
    String first = RenderedFrom.digest(PrometheusRule.class, model, "u1");
    assertThat(RenderedFrom.digest(PrometheusRule.class, GoldenFilesTest.load("micrometer-minimal"), "u1"))
        .as("the same model built again").isEqualTo(first).hasSize(64);
    assertThat(RenderedFrom.digest(PrometheusRule.class, model, "u2")).isNotEqualTo(first);
    assertThat(RenderedFrom.digest(ConfigMap.class, model, "u1")).isNotEqualTo(first);
    assertThat(RenderedFrom.digest(PrometheusRule.class, GoldenFilesTest.load("micrometer-slos"), "u1"))
        .isNotEqualTo(first);
    // what the cluster adds to the spec counts too: the labels a Prometheus selects by
    assertThat(RenderedFrom.digest(PrometheusRule.class, model.withSelectorLabels(Map.of("release", "kps")), "u1"))
        .isNotEqualTo(first);
    assertThat(RenderedFrom.BUILD).as("this build's classes and library versions").hasSize(64);
  }

  @Test
  void everyGoldenInputDigestsDifferently() throws IOException {
    List<String> inputs = GoldenFilesTest.cases().toList();
    assertThat(inputs).hasSizeGreaterThan(3);
    java.util.Set<String> digests = new java.util.HashSet<>();
    for (String input : inputs) {
      digests.add(RenderedFrom.digest(PrometheusRule.class, GoldenFilesTest.load(input), "u1"));
    }
    assertThat(digests).hasSameSizeAs(inputs);
  }

  private static ManagedFieldsEntry manager(String name) {
    return new ManagedFieldsEntryBuilder().withManager(name).withOperation("Apply")
        .withFieldsV1(new FieldsV1()).build();
  }

  private static ConfigMap withManagers(ManagedFieldsEntry... managers) {
    return new ConfigMapBuilder().withNewMetadata().withName("x").withManagedFields(List.of(managers)).endMetadata()
        .withData(Map.of("dashboard.json", "{}")).build();
  }

  @Test
  void onlyAnObjectEveryManagerOfWhichIsSightlineCountsAsUntouched() {
    assertThat(OwnedDependent.writtenOnlyBy(withManagers(manager("observedservice")), "observedservice")).isTrue();
    assertThat(OwnedDependent.writtenOnlyBy(withManagers(manager("observedservice"), manager("kubectl-edit")),
        "observedservice")).isFalse();
    assertThat(OwnedDependent.writtenOnlyBy(withManagers(), "observedservice")).isFalse();
  }

  @Test
  void theCacheOfGeneratedObjectsKeepsTheirMetadataOnly() {
    var store = new PrunedItemStore.GeneratedObjects<ConfigMap>();
    ConfigMap cm = withManagers(manager("observedservice"));
    cm.getMetadata().setNamespace("shop");
    cm.getMetadata().setAnnotations(Map.of(OwnedDependent.DIGEST, "abc"));
    store.put(store.getKey(cm), cm);
    ConfigMap kept = store.get("shop/x");
    assertThat(kept.getData()).isNullOrEmpty();
    assertThat(kept.getKind()).isEqualTo("ConfigMap");
    assertThat(kept.getMetadata().getAnnotations()).containsEntry(OwnedDependent.DIGEST, "abc");
    assertThat(kept.getMetadata().getManagedFields()).singleElement()
        .satisfies(m -> assertThat(m.getManager()).isEqualTo("observedservice"))
        .satisfies(m -> assertThat(m.getFieldsV1()).isNull());
    assertThat(cm.getData()).containsKey("dashboard.json"); // the informer's object is not changed
  }
}
