package dev.sightline.operator.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: starts the operator and its health/metrics endpoint; stops cleanly on SIGTERM. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  /** Buckets for JOSDK's reconcile timer, so p50/p99 reconcile latency can be computed (histogram_quantile). */
  static MeterFilter reconcileHistogram() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().startsWith("operator.sdk.controllers.execution.")) {
          return config;
        }
        return DistributionStatisticConfig.builder().percentilesHistogram(true)
            .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
            .maximumExpectedValue((double) Duration.ofSeconds(30).toNanos())
            .build().merge(config);
      }
    };
  }

  public static void main(String[] args) throws Exception {
    OperatorSettings settings = OperatorSettings.fromEnv(System.getenv());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(reconcileHistogram());
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);

    KubernetesClient client = new KubernetesClientBuilder().build();
    Operator operator = SightlineOperator.create(client, settings, registry);
    HealthServer health = new HealthServer(settings.httpPort(), operator, registry);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutting down");
      operator.stop();
      health.close();
      client.close();
    }, "shutdown"));
    log.info("starting Sightline operator: namespaces={}, leaderElection={}, http port={}",
        settings.namespaces().isEmpty() ? "all" : settings.namespaces(), settings.leaderElection(), health.port());
    operator.start();
  }
}
