package dev.sightline.operator.dependent;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.grafana.GrafanaDashboard;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.DetailedCondition;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Activation condition: the dependent's CRD is installed. It keeps asking, at most every {@link #RECHECK}, in
 * both states, so a CRD installed late or removed is noticed (JOSDK's own condition stops asking after a few
 * misses and never asks again once found). A reconciliation never waits for the question once the CRD was
 * found: the answer is refreshed in the background while the last one is used (JOSDK's condition asks under a
 * lock every reconciliation waits on). While the CRD is missing it asks on the spot, so the first reconciliation
 * after an install sees it. Its detail (the CRD and whether it is there) is what the status reports, read back
 * from the workflow's result.
 */
public class CrdPresent<R extends HasMetadata> implements DetailedCondition<R, ObservedService, CrdPresent.Check> {
  static final Duration RECHECK = Duration.ofSeconds(10);
  /** Answers by API server and CRD: tests run operators against several clusters in one JVM. */
  private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
  private static final ExecutorService REFRESH = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "crd-presence");
    t.setDaemon(true);
    return t;
  });

  /** The CRD's full name (plural.group) and whether it is installed. */
  public record Check(String crd, boolean present) {}

  private record Answer(boolean present, long askedAtNanos, AtomicBoolean refreshing) {
    boolean stale() {
      return System.nanoTime() - askedAtNanos > RECHECK.toNanos();
    }
  }

  @Override
  public Result<Check> detailedIsMet(
      DependentResource<R, ObservedService> dependent, ObservedService primary, Context<ObservedService> context) {
    String crd = HasMetadata.getFullResourceName(dependent.resourceType());
    KubernetesClient client = context.getClient();
    String key = client.getMasterUrl() + " " + crd;
    Answer answer = ANSWERS.get(key);
    if (answer == null || !answer.present() && answer.stale()) {
      answer = ask(key, crd, client);
    } else if (answer.stale() && answer.refreshing().compareAndSet(false, true)) {
      REFRESH.execute(() -> ask(key, crd, client));
    }
    return Result.withResult(answer.present(), new Check(crd, answer.present()));
  }

  private static Answer ask(String key, String crd, KubernetesClient client) {
    Answer answer;
    try {
      answer = new Answer(client.resources(CustomResourceDefinition.class).withName(crd).get() != null,
          System.nanoTime(), new AtomicBoolean());
    } catch (RuntimeException e) {
      Answer last = ANSWERS.get(key);
      if (last == null) {
        throw e;
      }
      last.refreshing().set(false); // ask again next time
      return last;
    }
    ANSWERS.put(key, answer);
    return answer;
  }

  public static class ServiceMonitors extends CrdPresent<ServiceMonitor> {}

  public static class PrometheusRules extends CrdPresent<PrometheusRule> {}

  public static class GrafanaDashboards extends CrdPresent<GrafanaDashboard> {}

  public static class AlertmanagerConfigs
      extends CrdPresent<io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig> {}
}
