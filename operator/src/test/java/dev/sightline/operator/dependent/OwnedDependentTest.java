package dev.sightline.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.render.GoldenFilesTest;
import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
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
  void theDigestIsTheSameForTheSameRenderingAndOwnerAndChangesWithEither() throws IOException {
    ObservedServiceModel model = GoldenFilesTest.load("micrometer-minimal");
    String first = OwnedDependent.digest(PrometheusRuleRenderer.render(model), owner("u1"));
    assertThat(OwnedDependent.digest(PrometheusRuleRenderer.render(model), owner("u1"))).isEqualTo(first)
        .hasSize(64);
    assertThat(OwnedDependent.digest(PrometheusRuleRenderer.render(model), owner("u2"))).isNotEqualTo(first);
    PrometheusRule changed = PrometheusRuleRenderer.render(GoldenFilesTest.load("micrometer-slos"));
    assertThat(OwnedDependent.digest(changed, owner("u1"))).isNotEqualTo(first);
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
