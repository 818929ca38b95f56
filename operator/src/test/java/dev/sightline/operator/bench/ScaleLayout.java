package dev.sightline.operator.bench;

import dev.sightline.operator.it.Fixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The layout every system of the scale benchmark gets, at the same pace: {@code total} custom resources, each with
 * its headless Service and an EndpointSlice of 3 endpoints, and {@code unrelated} other Services (EndpointSlices of
 * 10), spread over {@code namespaces} namespaces, created by 8 threads.
 */
record ScaleLayout(int total, int namespaces, int unrelated) {
  static final int CREATING_THREADS = 8;

  List<String> namespaces(KubernetesClient client) {
    List<String> nss = new ArrayList<>();
    for (int i = 0; i < namespaces; i++) {
      nss.add(Fixtures.namespace(client, "scale"));
    }
    return nss;
  }

  /**
   * Creates everything; returns when every create has been answered.
   *
   * @param resource the custom resource of a service (namespace, name)
   * @param created told of each custom resource as the API server returned it
   */
  void create(KubernetesClient client, List<String> nss, BiFunction<String, String, HasMetadata> resource,
      Consumer<HasMetadata> created) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CREATING_THREADS);
    try {
      List<Future<?>> creates = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        String ns = nss.get(i % namespaces);
        String name = "svc-" + i;
        creates.add(pool.submit(() -> {
          Fixtures.headlessService(client, ns, name);
          Fixtures.endpointSlice(client, ns, name, 3);
          created.accept(client.resource(resource.apply(ns, name)).create());
        }));
      }
      for (int i = 0; i < unrelated; i++) {
        String ns = nss.get(i % namespaces);
        String name = "other-" + i;
        creates.add(pool.submit(() -> {
          Fixtures.headlessService(client, ns, name);
          Fixtures.endpointSlice(client, ns, name, 10);
        }));
      }
      for (Future<?> f : creates) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
