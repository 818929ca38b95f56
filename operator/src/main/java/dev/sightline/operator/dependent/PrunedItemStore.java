package dev.sightline.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * An informer store that keeps a pruned copy of each object: only the fields Sightline reads, as
 * typed objects. A cluster runs far more Services and EndpointSlices than anyone observes, and their
 * specs, addresses, ports and managedFields would otherwise fill the operator's heap. fabric8's
 * ReducedStateItemStore would keep less but rebuilds an object on every read and is not "full
 * state", so each relist re-announces every item as updated; this store keeps the resourceVersion
 * and reads cost nothing.
 */
public class PrunedItemStore<T extends HasMetadata> implements ItemStore<T> {
  private final BasicItemStore<T> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
  private final UnaryOperator<T> prune;

  protected PrunedItemStore(UnaryOperator<T> prune) {
    this.prune = prune;
  }

  /** Services: identity and labels (what selectors match). */
  public static PrunedItemStore<Service> services() {
    return new PrunedItemStore<>(s -> new ServiceBuilder().withMetadata(identity(s)).build());
  }

  /** EndpointSlices: identity, labels (which Service) and each endpoint's conditions (ready or not). */
  public static PrunedItemStore<EndpointSlice> endpointSlices() {
    return new PrunedItemStore<>(s -> new EndpointSliceBuilder()
        .withMetadata(identity(s))
        .withAddressType(s.getAddressType())
        .withEndpoints(s.getEndpoints() == null ? List.of() : s.getEndpoints().stream()
            .map(e -> new EndpointBuilder().withConditions(e.getConditions()).build())
            .toList())
        .build());
  }

  /**
   * Sightline's generated objects: their metadata, without the managers' field sets. What they hold is
   * compared by the digest Sightline wrote on them ({@link OwnedDependent}); a thousand dashboards and rule
   * sets would otherwise stay in the heap for nothing.
   */
  public static final class GeneratedObjects<T extends HasMetadata> extends PrunedItemStore<T> {
    public GeneratedObjects() {
      super(GeneratedObjects::metadataOnly);
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T metadataOnly(T o) {
      T copy;
      try {
        copy = (T) o.getClass().getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot copy a " + o.getClass(), e);
      }
      // the typed classes know their apiVersion and kind: a metadata-only list or watch names PartialObjectMetadata
      ObjectMeta m = o.getMetadata();
      copy.setMetadata(new ObjectMetaBuilder(m)
          .withManagedFields(m.getManagedFields() == null ? null : m.getManagedFields().stream()
              .map(f -> new ManagedFieldsEntryBuilder(f).withFieldsV1(null).build())
              .toList())
          .build());
      return copy;
    }
  }

  private static ObjectMeta identity(HasMetadata o) {
    ObjectMeta m = o.getMetadata();
    return new ObjectMetaBuilder()
        .withName(m.getName())
        .withNamespace(m.getNamespace())
        .withUid(m.getUid())
        .withResourceVersion(m.getResourceVersion())
        .withLabels(m.getLabels())
        .build();
  }

  @Override
  public String getKey(T obj) {
    return store.getKey(obj);
  }

  @Override
  public T put(String key, T obj) {
    return store.put(key, prune.apply(obj));
  }

  @Override
  public T remove(String key) {
    return store.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return store.keySet();
  }

  @Override
  public Stream<T> values() {
    return store.values();
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public T get(String key) {
    return store.get(key);
  }
}
