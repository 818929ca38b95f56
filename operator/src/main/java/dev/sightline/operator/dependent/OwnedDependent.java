package dev.sightline.operator.dependent;

import dev.sightline.operator.api.GeneratedObject;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfig;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A typed generated object: rendered from the model, applied server-side, never stolen.
 *
 * <p>Each object carries the digest of what it was rendered from ({@link #DIGEST}, {@link RenderedFrom}). The
 * informers receive and keep only the objects' metadata, and applies are answered with it
 * ({@link MetadataOnlyClient}, {@link PrunedItemStore.GeneratedObjects}); an object whose digest is the one wanted
 * and that nobody but Sightline has written to matches without rendering or JOSDK's field-by-field comparison; any
 * other object is read from the API server and compared by that (so a hand edit is still put right).
 */
public abstract class OwnedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, ObservedService> {
  /** Informers only cache what Sightline generated, not every ConfigMap in the cluster. */
  static final String MANAGED_SELECTOR = GeneratedNames.MANAGED_BY + "=" + GeneratedNames.MANAGER;
  /**
   * Generated objects are listed in pages of this many (a restart's first list; client-go's default chunk): their
   * metadata only ({@link MetadataOnlyClient}), so a page is about a kilobyte per object, and a restart at a thousand
   * ObservedServices lists each type in two round trips instead of ten.
   */
  static final long LIST_PAGE = 500;
  /** The SHA-256 of what the object is rendered from ({@link RenderedFrom}), written on the object. */
  public static final String DIGEST = "sightline.dev/rendered-digest";

  OwnedDependent(Class<R> type) {
    super(type);
  }

  protected abstract R render(ObservedServiceModel model);

  /** Whether the spec asks for this object; an object no longer wanted is deleted ({@link Wanted}). */
  public boolean wanted(ObservedServiceModel model) {
    return true;
  }

  /** The name of the generated object (the one GeneratedNames gives the renderer). */
  protected abstract String name(ObservedServiceModel model);

  /** The reference status.generated lists once this dependent has applied its object; no second render. */
  public GeneratedObject generated(ObservedServiceModel model) {
    return new GeneratedObject(HasMetadata.getApiVersion(resourceType()), HasMetadata.getKind(resourceType()),
        name(model));
  }

  /**
   * JOSDK's event source for the dependent, as KubernetesDependentResource builds it, but started once and listing
   * and watching metadata only ({@link MetadataOnlyClient}).
   */
  @Override
  protected InformerEventSource<R, ObservedService> createEventSource(EventSourceContext<ObservedService> context) {
    InformerEventSourceConfiguration.Builder<R> config = informerConfigurationBuilder(context)
        .withSecondaryToPrimaryMapper(getSecondaryToPrimaryMapper(context).orElseThrow())
        .withName(name());
    configuration().map(KubernetesDependentResourceConfig::informerConfig).ifPresent(config::updateFrom);
    config.withKubernetesClient(MetadataOnlyClient.of(context.getClient()));
    setEventSource(new StartOnceInformerEventSource<>(config.build(), context));
    return eventSource().orElseThrow();
  }

  /**
   * Which cached object is this dependent's, by name: JOSDK's default renders the desired object for that, on every
   * reconcile and for every dependent, which would undo the match without rendering.
   */
  @Override
  protected ResourceID targetSecondaryResourceID(ObservedService primary, Context<ObservedService> context) {
    return new ResourceID(name(Resolution.shared(context).model()), primary.getMetadata().getNamespace());
  }

  @Override
  protected R desired(ObservedService primary, Context<ObservedService> context) {
    ObservedServiceModel model = Resolution.shared(context).model();
    return rendered(model, RenderedFrom.digest(resourceType(), model, primary.getMetadata().getUid()));
  }

  /** The object rendered from the model, carrying its digest. */
  private R rendered(ObservedServiceModel model, String digest) {
    R desired = render(model);
    Map<String, String> annotations = desired.getMetadata().getAnnotations() == null
        ? new LinkedHashMap<>() : new LinkedHashMap<>(desired.getMetadata().getAnnotations());
    annotations.put(DIGEST, digest);
    desired.getMetadata().setAnnotations(annotations);
    return desired;
  }

  @Override
  public Result<R> match(R actual, ObservedService primary, Context<ObservedService> context) {
    ObservedServiceModel model = Resolution.shared(context).model();
    String want = RenderedFrom.digest(resourceType(), model, primary.getMetadata().getUid());
    Map<String, String> annotations = actual.getMetadata().getAnnotations();
    if (annotations != null && want.equals(annotations.get(DIGEST))
        && writtenOnlyBy(actual, context.getControllerConfiguration().fieldManager())) {
      return Result.nonComputed(true); // nothing rendered
    }
    // changed, or touched by someone else: compare the whole object, as JOSDK does (the cache has its metadata only)
    R desired = rendered(model, want);
    R live = context.getClient().resource(actual).get();
    return live == null ? Result.computed(false, desired) : match(live, desired, primary, context);
  }

  /** Whether every field manager of the object is Sightline's (a hand edit adds its own). */
  static boolean writtenOnlyBy(HasMetadata actual, String fieldManager) {
    List<ManagedFieldsEntry> managers = actual.getMetadata().getManagedFields();
    return managers != null && !managers.isEmpty()
        && managers.stream().allMatch(m -> fieldManager.equals(m.getManager()));
  }

  /** Applies through the metadata-only client: the answer goes to the cache, which keeps the metadata only. */
  @Override
  protected Resource<R> prepare(Context<ObservedService> context, R desired, ObservedService primary,
      String actionName) {
    return MetadataOnlyClient.of(context.getClient()).resource(desired);
  }

  @Override
  public R create(R desired, ObservedService primary, Context<ObservedService> context) {
    return ClashGuard.create(
        desired, primary, context,
        () -> super.create(desired, primary, context),
        existing -> super.update(existing, desired, primary, context));
  }
}
