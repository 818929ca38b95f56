package dev.sightline.operator.it;

import dev.sightline.operator.runtime.SightlineOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The operator running in-process against a test cluster, as Main would start it. */
public final class RunningOperator implements AutoCloseable {
  private final Operator operator;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  public RunningOperator(KubernetesClient client) {
    this(client, Fixtures.operatorSettings(4));
  }

  public RunningOperator(KubernetesClient client, dev.sightline.operator.runtime.OperatorSettings settings) {
    operator = SightlineOperator.create(client, settings, registry);
    operator.start();
  }

  /** Successful reconciliations so far (JOSDK's own micrometer counter). */
  public double reconciliations() {
    return registry.find("operator.sdk.reconciliations.success").counters().stream().mapToDouble(Counter::count).sum();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
