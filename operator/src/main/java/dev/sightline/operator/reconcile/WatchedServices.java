package dev.sightline.operator.reconcile;

import dev.sightline.operator.status.Problem;
import dev.sightline.operator.status.Reason;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.dependent.MetadataOnlyClient;
import dev.sightline.operator.dependent.PrunedItemStore;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.model.Scrape;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Services an ObservedService watches and their ready endpoints, from two informers. A cluster
 * runs many more Services than anyone observes, so both caches keep only the fields read here
 * ({@link PrunedItemStore}): labels for Services, labels and endpoint conditions for EndpointSlices;
 * no spec, addresses, ports or managedFields.
 */
final class WatchedServices {
  private static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  private static final String BY_SERVICE = "by-service";
  private static final String BY_NAMESPACE = "by-namespace";
  private static final Predicate<Endpoint> READY =
      e -> e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady();

  /** What was found: the number of Services and ready endpoints, and Found or ServiceNotFound. */
  record Found(int matched, int readyEndpoints, Problem problem) {}

  private final InformerEventSource<Service, ObservedService> services;
  private final InformerEventSource<EndpointSlice, ObservedService> endpointSlices;

  WatchedServices(EventSourceContext<ObservedService> context) {
    var primaries = context.getPrimaryCache();
    // JOSDK's list(namespace) scans the whole cache: an event of one Service would read every
    // ObservedService of the cluster, twice (its index and the event), and a restart replays them all
    primaries.addIndexers(Map.of(BY_NAMESPACE, WatchedServices::namespaceOf));
    services = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Service.class, ObservedService.class)
            .withName("services")
            // a selector reads a Service's labels only: its spec need not cross TLS and the parser
            .withKubernetesClient(MetadataOnlyClient.of(context.getClient()))
            .withItemStore(PrunedItemStore.services())
            .withSecondaryToPrimaryMapper(svc -> primaries
                .byIndex(BY_NAMESPACE, svc.getMetadata().getNamespace()).stream()
                .filter(p -> targets(p, svc))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()))
            .build(),
        context);
    endpointSlices = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(EndpointSlice.class, ObservedService.class)
            .withName("endpointslices")
            .withItemStore(PrunedItemStore.endpointSlices())
            .withSecondaryToPrimaryMapper(slice -> {
              String svcName = labels(slice.getMetadata().getLabels()).get(SERVICE_NAME_LABEL);
              if (svcName == null) {
                return Set.of();
              }
              String ns = slice.getMetadata().getNamespace();
              Optional<Service> svc = services.get(new ResourceID(svcName, ns));
              return primaries.byIndex(BY_NAMESPACE, ns).stream()
                  .filter(p -> svc.map(s -> targets(p, s))
                      .orElse(svcName.equals(ObservedServiceModel.serviceNameOf(p))))
                  .map(ResourceID::fromResource)
                  .collect(Collectors.toSet());
            })
            .build(),
        context);
    services.addIndexers(Map.of(BY_NAMESPACE, WatchedServices::namespaceOf));
    // a reconciliation reads one Service's slices, not every slice of the namespace
    endpointSlices.addIndexers(Map.of(BY_SERVICE, slice -> {
      String svcName = labels(slice.getMetadata().getLabels()).get(SERVICE_NAME_LABEL);
      return svcName == null ? List.of() : List.of(key(slice.getMetadata().getNamespace(), svcName));
    }));
  }

  private static List<String> namespaceOf(HasMetadata resource) {
    return List.of(resource.getMetadata().getNamespace());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  List<EventSource<?, ObservedService>> eventSources() {
    return List.of(services, endpointSlices);
  }

  /** Whether both informers run: not before the controller starts, nor once it stops. */
  boolean running() {
    return services.isRunning() && endpointSlices.isRunning();
  }

  Found find(ObservedServiceModel model) {
    Stream<Service> candidates = model.scrape().selector() == null && model.scrape().serviceName() != null
        ? services.get(new ResourceID(model.scrape().serviceName(), model.namespace())).stream() // by name: one read
        : services.byIndex(BY_NAMESPACE, model.namespace()).stream();
    List<Service> matched = candidates
        .filter(s -> model.scrape().watches(s.getMetadata().getName(), s.getMetadata().getLabels()))
        .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
        .toList();
    int endpoints = matched.stream().mapToInt(this::readyEndpoints).sum();
    if (matched.isEmpty()) {
      return new Found(0, 0, new Problem(Reason.ServiceNotFound, model.scrape().serviceName() != null
          ? "Service " + model.scrape().serviceName() + " not found in namespace " + model.namespace()
              + "; create it or point spec.serviceName / spec.selector at an existing one. Generated"
              + " objects are in place and start working when it appears."
          : "No Service in namespace " + model.namespace() + " matches " + model.scrape().summary()
              + "; fix spec.selector or label the Service."));
    }
    return new Found(matched.size(), endpoints, new Problem(Reason.Found, matched.size()
        + " Service(s) (" + matched.stream().map(s -> s.getMetadata().getName()).collect(Collectors.joining(", "))
        + ") with " + endpoints + " ready endpoint(s)"));
  }

  private int readyEndpoints(Service svc) {
    return endpointSlices.byIndex(BY_SERVICE, key(svc.getMetadata().getNamespace(), svc.getMetadata().getName()))
        .stream()
        .mapToInt(s -> s.getEndpoints() == null ? 0 : (int) s.getEndpoints().stream().filter(READY).count())
        .sum();
  }

  /** Whether the ObservedService watches this Service (for the event mappers, which have no model). */
  static boolean targets(ObservedService p, Service svc) {
    var spec = p.getSpec();
    return Scrape.watches(ObservedServiceModel.serviceNameOf(p),
        spec == null ? null : ObservedServiceModel.selector(spec.selector),
        svc.getMetadata().getName(), svc.getMetadata().getLabels());
  }

  private static Map<String, String> labels(Map<String, String> labels) {
    return labels == null ? Map.of() : labels;
  }
}
