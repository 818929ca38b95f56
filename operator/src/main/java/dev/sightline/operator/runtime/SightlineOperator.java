package dev.sightline.operator.runtime;

import dev.sightline.operator.reconcile.ObservedServiceReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;

/** Builds the JOSDK Operator with Sightline's controller; used by {@link Main} and the tests. */
public final class SightlineOperator {
  static final int WORKFLOW_THREADS_PER_RECONCILIATION = 3;

  private SightlineOperator() {}

  public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry registry) {
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource().build())
          .withConcurrentReconciliationThreads(settings.concurrency())
          // JOSDK's default is 50 threads, kept once started; a reconciliation applies its objects in parallel,
          // three by default (a GrafanaDashboard or AlertmanagerConfig more waits for a free thread)
          .withConcurrentWorkflowExecutorThreads(settings.concurrency() * WORKFLOW_THREADS_PER_RECONCILIATION)
          // a missing optional CRD or a forbidden namespace must not stop the operator; health says so
          .withStopOnInformerErrorDuringStartup(false)
          .withCloseClientOnStop(false);
      if (settings.leaderElection()) {
        String hostname = System.getenv("HOSTNAME");
        o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(
            settings.leaseName(),
            settings.leaseNamespace(),
            LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
            LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
            LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
            hostname == null || hostname.isBlank() ? "sightline-" + UUID.randomUUID() : hostname,
            null,
            settings.exitOnLostLease()));
      }
    });
    operator.register(new ObservedServiceReconciler(settings.checks(), registry), c -> {
      c.withReconciliationMaxInterval(settings.resyncInterval());
      if (!settings.namespaces().isEmpty()) {
        c.settingNamespaces(settings.namespaces());
      }
    });
    return operator;
  }
}
