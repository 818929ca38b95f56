package dev.sightline.operator.runtime;

import dev.sightline.operator.reconcile.ObservedServiceReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/** Builds the JOSDK Operator with Sightline's controller; used by {@link Main} and the tests. */
public final class SightlineOperator {
  private SightlineOperator() {}

  public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry registry) {
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource().build())
          .withConcurrentReconciliationThreads(settings.concurrency())
          // a missing optional CRD or a forbidden namespace must not stop the operator; health says so
          .withStopOnInformerErrorDuringStartup(false)
          .withCloseClientOnStop(false);
      if (settings.leaderElection()) {
        o.withLeaderElectionConfiguration(
            settings.leaseNamespace() == null
                ? new LeaderElectionConfiguration(settings.leaseName())
                : new LeaderElectionConfiguration(settings.leaseName(), settings.leaseNamespace()));
      }
    });
    operator.register(new ObservedServiceReconciler(), c -> {
      if (!settings.namespaces().isEmpty()) {
        c.settingNamespaces(settings.namespaces());
      }
    });
    return operator;
  }
}
