package dev.sightline.operator.bench;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceStatus;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.reconcile.ObservedServiceReconciler;
import dev.sightline.operator.render.ServiceMonitorRenderer;
import dev.sightline.operator.render.dashboard.DashboardConfigMapRenderer;
import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The writes Sightline makes for a new ObservedService, by a client that does nothing else: its three objects as
 * the renderers make them (server-side applied, owned by the ObservedService), its status, an Event. What the API
 * server needs to take them is the floor under Sightline's time to converge.
 */
final class WriteFloor {
  private WriteFloor() {}

  static void write(KubernetesClient client, ObservedService created, ObservedServiceStatus status) {
    ObservedServiceModel model = ObservedServiceModel.fromCrd(created);
    for (HasMetadata object : List.of(ServiceMonitorRenderer.render(model), PrometheusRuleRenderer.render(model),
        DashboardConfigMapRenderer.render(model))) {
      object.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
          .withApiVersion(created.getApiVersion()).withKind(created.getKind())
          .withName(created.getMetadata().getName()).withUid(created.getMetadata().getUid())
          .withController(true).withBlockOwnerDeletion(false).build()));
      client.resource(object).fieldManager(ObservedServiceReconciler.NAME).forceConflicts().serverSideApply();
    }
    ObservedService patch = new ObservedService();
    patch.setMetadata(new ObjectMetaBuilder().withName(created.getMetadata().getName())
        .withNamespace(created.getMetadata().getNamespace()).build());
    patch.setStatus(status);
    client.resource(patch).subresource("status").patch(new PatchContext.Builder()
        .withFieldManager(ObservedServiceReconciler.NAME).withForce(true).withPatchType(PatchType.SERVER_SIDE_APPLY)
        .build());
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    client.v1().events().inNamespace(created.getMetadata().getNamespace()).resource(new EventBuilder()
        .withNewMetadata().withGenerateName(created.getMetadata().getName() + ".").endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(created.getApiVersion())
            .withKind(created.getKind()).withName(created.getMetadata().getName())
            .withNamespace(created.getMetadata().getNamespace()).withUid(created.getMetadata().getUid()).build())
        .withType("Normal").withReason("Monitored").withMessage("every link of the chain works")
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .withReportingComponent("sightline-operator").withNewSource().withComponent("sightline-operator").endSource()
        .build()).create();
  }
}
