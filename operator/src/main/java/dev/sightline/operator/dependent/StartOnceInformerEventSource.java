package dev.sightline.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * JOSDK's informer event source, started once. A dependent with an activation condition has its event
 * source "registered" again by every reconciliation of every primary, and JOSDK 5.2's start() then walks
 * the whole cache to rebuild the primary-to-secondary index while holding the source's lock (which informer
 * events need too): with a thousand ObservedServices that was most of a reconciliation's CPU and made them
 * queue behind each other. Once running, start() here returns at once.
 */
final class StartOnceInformerEventSource<R extends HasMetadata, P extends HasMetadata>
    extends InformerEventSource<R, P> {

  StartOnceInformerEventSource(InformerEventSourceConfiguration<R> configuration, EventSourceContext<P> context) {
    super(configuration, context);
  }

  @Override
  public void start() {
    if (!isRunning()) {
      super.start();
    }
  }
}
