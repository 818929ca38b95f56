package dev.sightline.operator.dependent;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.model.GeneratedNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Create-path guard shared by all dependents. JOSDK creates with server-side apply and
 * resourceVersion "1", so an existing object answers 409 instead of being taken over. Then: if the
 * object is ours (owner reference to this ObservedService) but missing from the label-filtered
 * cache, e.g. someone removed our labels, it is updated; otherwise it is somebody else's and stays
 * untouched.
 */
final class ClashGuard {
  private ClashGuard() {}

  static <R extends HasMetadata> R create(
      R desired,
      ObservedService primary,
      Context<ObservedService> context,
      Supplier<R> create,
      UnaryOperator<R> updateExisting) {
    try {
      return create.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      R existing = context.getClient().resource(desired).get();
      if (existing == null) {
        throw e; // deleted meanwhile: the next reconcile creates it
      }
      if (isOwnedBy(existing, primary)) {
        desired.getMetadata().setResourceVersion(null);
        return updateExisting.apply(existing);
      }
      throw new NameClashException(existing.getKind(), existing.getMetadata().getName(), describeOwner(existing));
    }
  }

  static boolean isOwnedBy(HasMetadata resource, ObservedService primary) {
    List<OwnerReference> refs = resource.getMetadata().getOwnerReferences();
    return refs != null && refs.stream().anyMatch(r -> r.getUid().equals(primary.getMetadata().getUid()));
  }

  private static String describeOwner(HasMetadata existing) {
    List<OwnerReference> refs = existing.getMetadata().getOwnerReferences();
    if (refs == null || refs.isEmpty()) {
      String manager = existing.getMetadata().getLabels() == null
          ? null
          : existing.getMetadata().getLabels().get(GeneratedNames.MANAGED_BY);
      return manager == null ? "no owner" : "managed by " + manager;
    }
    OwnerReference r = refs.get(0);
    return "owned by " + r.getKind() + " " + r.getName();
  }
}
