package dev.sightline.testsupport;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh namespace per test, so that tests sharing one API server never see each other's objects. */
public final class Namespaces {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Namespaces() {}

  /** Creates a namespace named after the prefix, unique in this JVM and across runs, and returns its name. */
  public static String create(KubernetesClient client, String prefix) {
    String name = prefix + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36);
    client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    return name;
  }
}
