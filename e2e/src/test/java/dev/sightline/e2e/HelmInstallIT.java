package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.testsupport.TestCluster;
import dev.sightline.operator.status.StatusBuilder;
import dev.sightline.operator.prometheus.CheckSettings;
import dev.sightline.operator.runtime.OperatorSettings;
import dev.sightline.operator.runtime.SightlineOperator;
import dev.sightline.testsupport.Namespaces;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.api.model.monitoring.v1.Prometheus;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The charts installed with the real Helm into the real kube-apiserver (RBAC authorization on).
 * There is no kubelet, so pods never run: the API server's validation and admission of every
 * object is what is tested, and the operator runs in-process as the chart's ServiceAccount.
 */
class HelmInstallIT {
  static KubernetesClient admin;
  static Helm helm;
  static Path kubeconfig;

  @BeforeAll
  static void setUp() throws Exception {
    admin = TestCluster.shared().client();
    kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
    Files.writeString(kubeconfig, TestCluster.shared().kubeconfig());
    helm = new Helm(kubeconfig);
    new Helm(null).ok("dependency", "build", Helm.chart("sightline-stack").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sightline-operator", "demo-app", "sightline-stack"})
  void everyObjectIsAcceptedAndUninstallLeavesNothing(String chart) throws Exception {
    String ns = Namespaces.create(admin, "helm-" + chart.replace("sightline-", ""));
    String release = "r" + Math.abs(ns.hashCode() % 10000);
    helm.ok("install", release, Helm.chart(chart).toString(), "--namespace", ns);
    List<HasMetadata> objects = manifest(release, ns);
    assertThat(objects).isNotEmpty();
    for (HasMetadata o : objects) {
      assertThat(get(o, ns)).as("%s %s exists", o.getKind(), o.getMetadata().getName()).isNotNull();
    }
    helm.ok("uninstall", release, "--namespace", ns, "--wait", "--timeout", "60s");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      for (HasMetadata o : objects) {
        assertThat(get(o, ns)).as("%s %s removed", o.getKind(), o.getMetadata().getName()).isNull();
      }
    });
  }

  @Test
  void operatorRunningAsTheChartsServiceAccountReconcilesAndCannotDoMore() throws Exception {
    String opNs = Namespaces.create(admin, "sightline-system");
    String appNs = Namespaces.create(admin, "shop");
    helm.ok("install", "sightline-operator", Helm.chart("sightline-operator").toString(), "--namespace", opNs);
    helm.ok("install", "demo", Helm.chart("demo-app").toString(), "--namespace", appNs);

    // a Prometheus as kube-prometheus-stack makes it: the operator reads it to add the label it selects by
    Prometheus kps = new PrometheusBuilder().withNewMetadata().withName("kps").withNamespace(opNs).endMetadata()
        .withNewSpec()
        .withServiceMonitorSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("release", "kube-prometheus-stack")).build())
        .withServiceMonitorNamespaceSelector(new LabelSelector())
        .withRuleSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("release", "kube-prometheus-stack")).build())
        .withRuleNamespaceSelector(new LabelSelector())
        .endSpec().build();
    admin.resource(kps).create();
    String sa = "system:serviceaccount:" + opNs + ":sightline-operator";
    try (KubernetesClient asOperator = impersonating(sa, opNs)) {
      Operator operator = SightlineOperator.create(asOperator,
          new OperatorSettings(Set.of(), false, "sightline", null, 0, 2, false,
              OperatorSettings.DEFAULT_RESYNC, CheckSettings.DEFAULTS), new SimpleMeterRegistry());
      operator.start();
      try {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
          ObservedService o = admin.resources(ObservedService.class).inNamespace(appNs).withName("demo-demo-app").get();
          assertThat(o.getStatus()).isNotNull();
          var applied = StatusBuilder.find(o.getStatus(), StatusBuilder.RESOURCES_APPLIED);
          assertThat(applied.getStatus()).as(applied.getMessage()).isEqualTo("True");
          assertThat(StatusBuilder.find(o.getStatus(), StatusBuilder.SERVICE_FOUND).getStatus()).isEqualTo("True");
          // the cluster-wide reads of the closed loop are allowed: Prometheus resources and namespaces
          var selected = StatusBuilder.find(o.getStatus(), StatusBuilder.SELECTED);
          assertThat(selected.getStatus()).as(selected.getMessage()).isEqualTo("True");
          assertThat(selected.getMessage()).contains("labels added: release=kube-prometheus-stack");
        });
        ServiceMonitor sm = admin.resources(ServiceMonitor.class).inNamespace(appNs).withName("demo-demo-app").get();
        assertThat(sm.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        // Events (problems and recoveries) are written as the operator too: one for a missing Service
        ObservedService missing = new ObservedService();
        missing.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("no-such-service")
            .withNamespace(appNs).build());
        missing.setSpec(new dev.sightline.operator.api.ObservedServiceSpec());
        admin.resource(missing).create();
        await("ServiceNotFound event written as the operator").atMost(Duration.ofSeconds(60)).until(() ->
            admin.v1().events().inNamespace(appNs).list().getItems().stream()
                .anyMatch(e -> "ServiceNotFound".equals(e.getReason()) && "sightline-operator".equals(e.getReportingComponent())));
        admin.resources(ObservedService.class).inNamespace(appNs).withName("no-such-service").delete();

        // ... and nothing more: no secrets, no pods, no deleting Services, no writing CRDs.
        assertForbidden(() -> asOperator.secrets().inNamespace(appNs).list());
        assertForbidden(() -> asOperator.pods().inNamespace(appNs).list());
        assertForbidden(() -> asOperator.services().inNamespace(appNs).withName("demo-demo-app").delete());
        assertForbidden(() -> asOperator.apiextensions().v1().customResourceDefinitions().list());
        assertForbidden(() -> asOperator.resources(Prometheus.class).inNamespace(opNs).withName("kps").delete());
        assertForbidden(() -> asOperator.namespaces().withName(appNs).edit(n -> {
          n.getMetadata().getLabels().put("team", "x");
          return n;
        }));
        assertForbidden(() -> asOperator.resources(ObservedService.class).inNamespace(appNs).withName("demo-demo-app")
            .edit(o -> {
              o.getSpec().path = "/other";
              return o;
            }));
      } finally {
        operator.stop();
        admin.resource(kps).delete();
      }
    }
    helm.ok("uninstall", "demo", "--namespace", appNs, "--wait");
    // the ObservedService is gone with the release, and its generated objects follow (owner references)
    await().atMost(Duration.ofSeconds(60)).until(() ->
        admin.resources(ServiceMonitor.class).inNamespace(appNs).list().getItems().isEmpty()
            && admin.configMaps().inNamespace(appNs).withLabel("app.kubernetes.io/managed-by", "sightline")
                .list().getItems().isEmpty());
    helm.ok("uninstall", "sightline-operator", "--namespace", opNs, "--wait");
  }

  static void assertForbidden(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> assertThat(e.getCode()).isEqualTo(403));
  }

  static KubernetesClient impersonating(String user, String ns) {
    return impersonating(TestCluster.shared().kubeconfig(), user, ns);
  }

  static KubernetesClient impersonating(String kubeconfig, String user, String ns) {
    Config config = Config.fromKubeconfig(kubeconfig);
    config.setImpersonateUsername(user);
    config.setImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated");
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  List<HasMetadata> manifest(String release, String ns) throws Exception {
    String yaml = helm.ok("get", "manifest", release, "--namespace", ns);
    return admin.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
  }

  static GenericKubernetesResource get(HasMetadata o, String ns) {
    var op = admin.genericKubernetesResources(o.getApiVersion(), o.getKind());
    String namespace = o.getMetadata().getNamespace() != null ? o.getMetadata().getNamespace() : ns;
    boolean clusterScoped = o.getKind().startsWith("Cluster");
    return clusterScoped ? op.withName(o.getMetadata().getName()).get()
        : op.inNamespace(namespace).withName(o.getMetadata().getName()).get();
  }
}
