package dev.sightline.operator.it;

import dev.sightline.testsupport.TestCluster;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.testsupport.ApiServerWrites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sightline.operator.api.DashboardDelivery;
import dev.sightline.operator.api.DashboardSpec;
import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.status.StatusBuilder;
import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import dev.sightline.operator.render.ServiceMonitorRenderer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator against a real kube-apiserver with the real prometheus-operator and grafana-operator CRDs. */
class ObservedServiceIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Set<String> GENERATED_RESOURCES =
      Set.of("servicemonitors", "prometheusrules", "configmaps", "grafanadashboards", "observedservices", "events");

  private static final Set<String> GENERATED_OBJECTS =
      Set.of("servicemonitors", "prometheusrules", "configmaps", "grafanadashboards");

  /** The shared cluster's client; the helpers below are also used by other ITs. */
  static final KubernetesClient client = TestCluster.shared().client();
  static RunningOperator operator;

  @BeforeAll
  static void start() {
    operator = new RunningOperator(client);
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void createsServiceMonitorRuleAndDashboardWithOwnerReferencesAndReadyStatus() {
    String ns = Fixtures.namespace(client, "create");
    Fixtures.service(client, ns, "orders", Map.of());
    long start = System.nanoTime();
    ObservedService created = client.resource(Fixtures.observed(ns, "orders", new ObservedServiceSpec())).create();

    ObservedService ready = awaitCondition(ns, "orders", StatusBuilder.READY, "True");
    System.out.printf("time to Ready for one ObservedService: %d ms%n", (System.nanoTime() - start) / 1_000_000);

    ObservedServiceModel expected = ObservedServiceModel.fromCrd(ready);
    ServiceMonitor sm = client.resources(ServiceMonitor.class).inNamespace(ns).withName("orders").get();
    PrometheusRule pr = client.resources(PrometheusRule.class).inNamespace(ns).withName("orders").get();
    ConfigMap cm = client.configMaps().inNamespace(ns).withName("orders-dashboard").get();
    for (HasMetadata generated : List.of(sm, pr, cm)) {
      assertThat(generated.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(ref -> {
            assertThat(ref.getUid()).isEqualTo(created.getMetadata().getUid());
            assertThat(ref.getKind()).isEqualTo("ObservedService");
          });
      assertThat(generated.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "sightline");
    }
    assertThat(sm.getSpec()).isEqualTo(ServiceMonitorRenderer.render(expected).getSpec());
    assertThat(pr.getSpec()).isEqualTo(PrometheusRuleRenderer.render(expected).getSpec());
    assertThat(cm.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(cm.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Sightline");
    assertThat(cm.getData()).containsKey(ns + "-orders.json");

    var status = ready.getStatus();
    assertThat(status.observedGeneration).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(status.matchedServices).isEqualTo(1);
    assertThat(status.service).isEqualTo("orders");
    assertThat(status.slo).isEqualTo("99.5% / 30d");
    assertThat(status.generated).extracting(g -> g.kind + "/" + g.name)
        .containsExactly("ServiceMonitor/orders", "PrometheusRule/orders", "ConfigMap/orders-dashboard");
    assertThat(StatusBuilder.find(status, StatusBuilder.SERVICE_FOUND).getStatus()).isEqualTo("True");
    assertThat(StatusBuilder.find(status, StatusBuilder.RESOURCES_APPLIED).getStatus()).isEqualTo("True");
    // first-time Ready is in the status only; Events are for problems and recoveries (a first reconcile
    // can still miss the new Service in the informer cache, warn, and then recover)
    List<Event> events = events(ns);
    if (events.stream().noneMatch(e -> "Warning".equals(e.getType()))) {
      assertThat(events).isEmpty();
    }
  }

  @Test
  void countsReadyEndpointsOfSelectedServices() {
    String ns = Fixtures.namespace(client, "select");
    Fixtures.service(client, ns, "web-a", Map.of("tier", "web"));
    Fixtures.service(client, ns, "web-b", Map.of("tier", "web"));
    Fixtures.service(client, ns, "db", Map.of("tier", "db"));
    client.resource(new EndpointSliceBuilder()
        .withNewMetadata().withName("web-a-1").withNamespace(ns)
        .withLabels(Map.of("kubernetes.io/service-name", "web-a")).endMetadata()
        .withAddressType("IPv4")
        .addNewEndpoint().withAddresses("10.1.0.1").withNewConditions().withReady(true).endConditions().endEndpoint()
        .addNewEndpoint().withAddresses("10.1.0.2").withNewConditions().withReady(false).endConditions().endEndpoint()
        .addNewPort().withName("http").withPort(8080).endPort()
        .build()).create();
    ObservedServiceSpec spec = new ObservedServiceSpec();
    spec.selector = Fixtures.selector(Map.of("tier", "web"));
    client.resource(Fixtures.observed(ns, "web", spec)).create();

    await().atMost(DEADLINE).untilAsserted(() -> {
      var status = get(ns, "web").getStatus();
      assertThat(status).isNotNull();
      assertThat(status.matchedServices).isEqualTo(2);
      assertThat(status.readyEndpoints).isEqualTo(1);
      assertThat(status.service).isEqualTo("selector tier=web");
    });
  }

  @Test
  void generatedObjectsFollowSpecUpdates() {
    String ns = readyWithDefaults("update", "cart");

    ObservedService o = get(ns, "cart");
    o.getSpec().objectives = new ObjectivesSpec();
    o.getSpec().objectives.availability = 99.9;
    o.getSpec().alerts = new dev.sightline.operator.api.AlertsSpec();
    o.getSpec().alerts.namePrefix = "Cart";
    o.getSpec().interval = "15s";
    o.getSpec().scrapeTimeout = "5s";
    o.getSpec().dashboard = new DashboardSpec();
    o.getSpec().dashboard.enabled = false;
    client.resource(o).update();

    await().atMost(DEADLINE).untilAsserted(() -> {
      PrometheusRule pr = client.resources(PrometheusRule.class).inNamespace(ns).withName("cart").get();
      assertThat(pr.getSpec().getGroups().get(0).getRules()).filteredOn(r -> r.getAlert() != null).isNotEmpty()
          .allSatisfy(r -> assertThat(r.getAlert()).startsWith("Cart"));
      ServiceMonitor sm = client.resources(ServiceMonitor.class).inNamespace(ns).withName("cart").get();
      assertThat(sm.getSpec().getEndpoints().get(0).getInterval()).isEqualTo("15s");
      assertThat(client.configMaps().inNamespace(ns).withName("cart-dashboard").get()).isNull();
      var status = get(ns, "cart").getStatus();
      assertThat(status.observedGeneration).isEqualTo(2L);
      assertThat(status.slo).isEqualTo("99.9% / 30d");
      assertThat(status.generated).extracting(g -> g.kind).containsExactly("ServiceMonitor", "PrometheusRule");
    });
  }

  @Test
  void restoresGeneratedObjectsThatSomeoneEditsOrDeletes() {
    String ns = readyWithDefaults("restore", "pay");
    ServiceMonitor original = client.resources(ServiceMonitor.class).inNamespace(ns).withName("pay").get();
    String originalUid = original.getMetadata().getUid();

    client.resources(ServiceMonitor.class).inNamespace(ns).withName("pay").delete();
    client.resources(PrometheusRule.class).inNamespace(ns).withName("pay")
        .edit(pr -> {
          pr.getSpec().getGroups().get(0).getRules().get(0).setExpr(new io.fabric8.kubernetes.api.model.IntOrString("vector(1)"));
          return pr;
        });
    client.configMaps().inNamespace(ns).withName("pay-dashboard")
        .edit(cm -> {
          cm.getData().replaceAll((k, v) -> "{}");
          return cm;
        });

    ObservedServiceModel expected = ObservedServiceModel.fromCrd(get(ns, "pay"));
    await().atMost(DEADLINE).untilAsserted(() -> {
      ServiceMonitor sm = client.resources(ServiceMonitor.class).inNamespace(ns).withName("pay").get();
      assertThat(sm).isNotNull();
      assertThat(sm.getMetadata().getUid()).isNotEqualTo(originalUid);
      assertThat(client.resources(PrometheusRule.class).inNamespace(ns).withName("pay").get().getSpec())
          .isEqualTo(PrometheusRuleRenderer.render(expected).getSpec());
      assertThat(client.configMaps().inNamespace(ns).withName("pay-dashboard").get().getData().values())
          .allSatisfy(v -> assertThat(v).contains("\"panels\""));
    });
  }

  @Test
  void missingServiceIsAConditionAndConvergesWhenItAppears() {
    String ns = Fixtures.namespace(client, "nosvc");
    client.resource(Fixtures.observed(ns, "late", new ObservedServiceSpec())).create();
    ObservedService o = awaitCondition(ns, "late", StatusBuilder.SERVICE_FOUND, "False");
    Condition c = StatusBuilder.find(o.getStatus(), StatusBuilder.SERVICE_FOUND);
    assertThat(c.getReason()).isEqualTo("ServiceNotFound");
    assertThat(c.getMessage()).contains("Service late not found in namespace " + ns);
    assertThat(StatusBuilder.find(o.getStatus(), StatusBuilder.READY).getStatus()).isEqualTo("False");
    // The objects are applied already, so scraping starts as soon as the Service exists.
    assertThat(client.resources(ServiceMonitor.class).inNamespace(ns).withName("late").get()).isNotNull();
    await("ServiceNotFound warning event").atMost(DEADLINE).until(() -> events(ns).stream()
        .anyMatch(e -> "ServiceNotFound".equals(e.getReason()) && "Warning".equals(e.getType())));

    Fixtures.service(client, ns, "late", Map.of());
    awaitCondition(ns, "late", StatusBuilder.READY, "True");
    await("Ready (recovered) event").atMost(DEADLINE).until(() -> events(ns).stream()
        .anyMatch(e -> "Ready".equals(e.getReason()) && "Normal".equals(e.getType())));
  }

  @Test
  void leavesAnUnownedObjectOfTheSameNameUntouchedAndSaysSo() {
    String ns = Fixtures.namespace(client, "clash");
    Fixtures.service(client, ns, "legacy", Map.of());
    ServiceMonitor theirs = client.resource(new ServiceMonitorBuilder()
        .withNewMetadata().withName("legacy").withNamespace(ns).withLabels(Map.of("team", "old")).endMetadata()
        .withNewSpec().withNewSelector().withMatchLabels(Map.of("app", "legacy")).endSelector()
        .addNewEndpoint().withPort("metrics").endEndpoint().endSpec()
        .build()).create();
    client.resource(Fixtures.observed(ns, "legacy", new ObservedServiceSpec())).create();

    ObservedService o = awaitCondition(ns, "legacy", StatusBuilder.RESOURCES_APPLIED, "False");
    Condition c = StatusBuilder.find(o.getStatus(), StatusBuilder.RESOURCES_APPLIED);
    assertThat(c.getReason()).isEqualTo("NameClash");
    assertThat(c.getMessage()).contains("ServiceMonitor legacy already exists and is not managed by this ObservedService");
    // status.generated lists what this ObservedService applied, never the other party's object
    assertThat(o.getStatus().generated).extracting(g -> g.kind).doesNotContain("ServiceMonitor")
        .contains("PrometheusRule", "ConfigMap");
    // one problem, one Warning (Ready and ResourcesApplied both report it)
    await("NameClash event").atMost(DEADLINE).until(() -> events(ns).stream().anyMatch(e -> "NameClash".equals(e.getReason())));
    assertThat(events(ns)).filteredOn(e -> "NameClash".equals(e.getReason())).singleElement()
        .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
    ServiceMonitor after = client.resources(ServiceMonitor.class).inNamespace(ns).withName("legacy").get();
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(theirs.getMetadata().getResourceVersion());
    assertThat(after.getSpec().getEndpoints().get(0).getPort()).isEqualTo("metrics");
    // The rest is still generated.
    assertThat(client.resources(PrometheusRule.class).inNamespace(ns).withName("legacy").get()).isNotNull();

    client.resource(after).delete();
    await().atMost(DEADLINE).until(() -> client.resources(ServiceMonitor.class).inNamespace(ns).withName("legacy").get() == null);
    awaitCondition(ns, "legacy", StatusBuilder.READY, "True");
    assertThat(client.resources(ServiceMonitor.class).inNamespace(ns).withName("legacy").get()
        .getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "sightline");
  }

  @Test
  void deletingTheObservedServiceRemovesEverythingGenerated() {
    String ns = readyWithDefaults("delete", "gone");

    client.resources(ObservedService.class).inNamespace(ns).withName("gone").delete();
    // Removal is kube-controller-manager's garbage collector following the owner references.
    await().atMost(DEADLINE).untilAsserted(() -> {
      assertThat(client.resources(ServiceMonitor.class).inNamespace(ns).list().getItems()).isEmpty();
      assertThat(client.resources(PrometheusRule.class).inNamespace(ns).list().getItems()).isEmpty();
      assertThat(client.configMaps().inNamespace(ns).withLabel("app.kubernetes.io/managed-by", "sightline")
          .list().getItems()).isEmpty();
    });
  }

  @Test
  void grafanaOperatorDeliveryCreatesAGrafanaDashboardReadingTheConfigMap() {
    String ns = Fixtures.namespace(client, "grafana");
    Fixtures.service(client, ns, "shop", Map.of());
    ObservedServiceSpec spec = new ObservedServiceSpec();
    spec.dashboard = new DashboardSpec();
    spec.dashboard.delivery = DashboardDelivery.GRAFANA_OPERATOR;
    spec.dashboard.folder = "Shop";
    spec.dashboard.instanceSelector = Fixtures.selector(Map.of("dashboards", "grafana"));
    client.resource(Fixtures.observed(ns, "shop", spec)).create();
    awaitCondition(ns, "shop", StatusBuilder.READY, "True");

    GenericKubernetesResource gd = client.genericKubernetesResources("grafana.integreatly.org/v1beta1", "GrafanaDashboard")
        .inNamespace(ns).withName("shop").get();
    assertThat(gd).isNotNull();
    assertThat(gd.get("spec", "configMapRef", "name").toString()).isEqualTo("shop-dashboard");
    assertThat(gd.get("spec", "folder").toString()).isEqualTo("Shop");
    assertThat(gd.get("spec", "instanceSelector", "matchLabels", "dashboards").toString()).isEqualTo("grafana");
    // Grafana instances usually live in another namespace
    assertThat(gd.get("spec", "allowCrossNamespaceImport").toString()).isEqualTo("true");
    ConfigMap cm = client.configMaps().inNamespace(ns).withName("shop-dashboard").get();
    assertThat(cm.getMetadata().getLabels()).doesNotContainKey("grafana_dashboard");

    // instanceSelector is immutable in grafana-operator's CRD: a change replaces the object
    String firstUid = gd.getMetadata().getUid();
    ObservedService o = get(ns, "shop");
    o.getSpec().dashboard.instanceSelector = Fixtures.selector(Map.of("dashboards", "grafana-eu"));
    client.resource(o).update();
    await("GrafanaDashboard replaced").atMost(DEADLINE).untilAsserted(() -> {
      GenericKubernetesResource now = client.genericKubernetesResources("grafana.integreatly.org/v1beta1",
          "GrafanaDashboard").inNamespace(ns).withName("shop").get();
      assertThat(now).isNotNull();
      assertThat(now.getMetadata().getUid()).isNotEqualTo(firstUid);
      assertThat(now.get("spec", "instanceSelector", "matchLabels", "dashboards").toString()).isEqualTo("grafana-eu");
      ObservedService current = get(ns, "shop");
      assertThat(current.getStatus().observedGeneration).isEqualTo(current.getMetadata().getGeneration());
      assertThat(StatusBuilder.find(current.getStatus(), StatusBuilder.READY).getStatus()).isEqualTo("True");
    });
  }

  @Test
  void aReconcileWithNothingChangedWritesNothingAndRendersNothing() {
    String ns = readyWithDefaults("noop", "idle");
    // let the events of the initial convergence settle: the write count is stable for 3 s
    long[] last = {-1};
    await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(3)).until(() -> {
      long now = ApiServerWrites.count(client, GENERATED_RESOURCES);
      boolean stable = now == last[0];
      last[0] = now;
      return stable;
    });
    long before = ApiServerWrites.count(client, GENERATED_RESOURCES);
    long readsBefore = ApiServerWrites.gets(client, GENERATED_OBJECTS);
    double reconciles = operator.reconciliations();

    // An unrelated label on the Service triggers a reconciliation of the ObservedService.
    client.services().inNamespace(ns).withName("idle").edit(s -> {
      s.getMetadata().getLabels().put("touched", "yes");
      return s;
    });
    await("a reconciliation ran").atMost(DEADLINE).until(() -> operator.reconciliations() > reconciles);

    long after = ApiServerWrites.count(client, GENERATED_RESOURCES);
    long reads = ApiServerWrites.gets(client, GENERATED_OBJECTS) - readsBefore;
    System.out.printf("writes issued by a no-op reconcile: %d, generated objects read: %d%n", after - before, reads);
    assertThat(after - before).isZero();
    // every generated object matched by the digest it carries and its field managers (all Sightline's): an object
    // that did not would be read from the API server and compared in full (OwnedDependent.match)
    assertThat(reads).as("generated objects read from the API server").isZero();
    assertThat(client.configMaps().inNamespace(ns).withName(GeneratedNames.dashboardConfigMap("idle")).get()
        .getMetadata().getManagedFields()).extracting(m -> m.getManager() + " " + m.getOperation())
        .containsOnly("observedservice Apply");
  }

  /** A namespace with a Service and a default ObservedService of the same name, Ready. */
  static String readyWithDefaults(String prefix, String name) {
    String ns = Fixtures.namespace(client, prefix);
    Fixtures.service(client, ns, name, Map.of());
    client.resource(Fixtures.observed(ns, name, new ObservedServiceSpec())).create();
    awaitCondition(ns, name, StatusBuilder.READY, "True");
    return ns;
  }

  static ObservedService get(String ns, String name) {
    return client.resources(ObservedService.class).inNamespace(ns).withName(name).get();
  }

  static List<Event> events(String ns) {
    return client.v1().events().inNamespace(ns).list().getItems();
  }

  static ObservedService awaitCondition(String ns, String name, String type, String status) {
    ObservedService[] last = new ObservedService[1];
    await(name + " " + type + "=" + status).atMost(DEADLINE).untilAsserted(() -> {
      last[0] = get(ns, name);
      Condition c = last[0] == null ? null : StatusBuilder.find(last[0].getStatus(), type);
      assertThat(c).as("%s conditions: %s raw: %s", name, client.genericKubernetesResources("sightline.dev/v1alpha1", "ObservedService").inNamespace(ns).withName(name).get(),
          last[0] == null || last[0].getStatus() == null ? "none" : last[0].getStatus().conditions).isNotNull();
      assertThat(c.getStatus()).as("%s: %s", type, c).isEqualTo(status);
    });
    return last[0];
  }
}
