package dev.sightline.operator.it;

import dev.sightline.testsupport.TestCluster;
import dev.sightline.testsupport.RealPrometheusOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.api.ReceiverSpec;
import dev.sightline.operator.api.RoutingSpec;
import dev.sightline.operator.api.SecretKeyRef;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.status.StatusBuilder;
import dev.sightline.operator.render.routing.AlertmanagerConfigRenderer;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.AlertmanagerBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AlertmanagerConfig Sightline renders, through the real prometheus-operator (a process against a
 * real API server) into the Alertmanager configuration it generates, checked by the real amtool: the
 * operator accepts it, reads the receivers' Secrets, scopes route and inhibitions to the namespace,
 * and amtool finds the result valid.
 */
class AlertmanagerConfigIT {
  static final String SHOP = "amcfg-shop";
  static final String MONITORING = "amcfg-monitoring";
  static TestCluster cluster;
  static KubernetesClient client;
  static RealPrometheusOperator operator;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(true);
    client = cluster.client();
    for (String ns : List.of(SHOP, MONITORING)) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
    operator = RealPrometheusOperator.start(cluster, Files.createTempDirectory("sightline-prometheus-operator"));
    client.resource(new SecretBuilder().withNewMetadata().withName("shop-alerting").withNamespace(SHOP).endMetadata()
        .withStringData(Map.of("webhook-url", "http://hooks.shop.example/page", "pagerduty-key", "pd-0123456789",
            "slack-url", "https://hooks.slack.example/services/T0/B0/x"))
        .build()).create();
    // the platform team's own configuration (prometheus-operator's default Secret alertmanager-<name>): a route for
    // team shop to the receiver it defined
    client.resource(new SecretBuilder().withNewMetadata().withName("alertmanager-main").withNamespace(MONITORING)
        .endMetadata().withStringData(Map.of("alertmanager.yaml", String.join("\n",
            "route:",
            "  receiver: platform-default",
            "  routes:",
            "  - receiver: shop-oncall",
            "    matchers: ['team=\"shop\"']",
            "receivers:",
            "- name: platform-default",
            "- name: shop-oncall",
            "  webhook_configs:",
            "  - url: http://oncall.platform.example/shop", "")))
        .build()).create();
    client.resource(new AlertmanagerBuilder().withNewMetadata().withName("main").withNamespace(MONITORING).endMetadata()
        .withNewSpec().withAlertmanagerConfigSelector(new LabelSelector())
        .withAlertmanagerConfigNamespaceSelector(new LabelSelector()).endSpec().build()).create();
  }

  /** The configuration prometheus-operator generated, once it satisfies the assertion. */
  static String generated(java.util.function.Consumer<String> assertion) {
    String[] config = new String[1];
    await("prometheus-operator's generated configuration").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> {
          // prometheus-operator writes the configuration it generated, gzipped, into this Secret
          Secret generated = client.secrets().inNamespace(MONITORING).withName("alertmanager-main-generated").get();
          assertThat(generated).as("Secret alertmanager-main-generated; prometheus-operator log:%n%s", operator.log())
              .isNotNull();
          byte[] gz = Base64.getDecoder().decode(generated.getData().get("alertmanager.yaml.gz"));
          try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            config[0] = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          assertion.accept(config[0]);
        });
    return config[0];
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static ObservedServiceModel orders() {
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace(SHOP).build());
    o.setSpec(routed());
    return ObservedServiceModel.fromCrd(o);
  }

  /** Pages to a webhook and PagerDuty, tickets to Slack, every credential from Secret shop-alerting. */
  static ObservedServiceSpec routed() {
    ObservedServiceSpec s = new ObservedServiceSpec();
    s.routing = new RoutingSpec();
    s.routing.enabled = true;
    s.routing.page = new ReceiverSpec();
    s.routing.page.webhook = new ReceiverSpec.Webhook();
    s.routing.page.webhook.url = new SecretKeyRef("shop-alerting", "webhook-url");
    s.routing.page.pagerDuty = new ReceiverSpec.PagerDuty();
    s.routing.page.pagerDuty.routingKey = new SecretKeyRef("shop-alerting", "pagerduty-key");
    s.routing.ticket = new ReceiverSpec();
    s.routing.ticket.slack = new ReceiverSpec.Slack();
    s.routing.ticket.slack.apiURL = new SecretKeyRef("shop-alerting", "slack-url");
    s.routing.ticket.slack.channel = "#shop";
    return s;
  }

  @Test
  @SuppressWarnings("unchecked")
  void prometheusOperatorTurnsItIntoAValidAlertmanagerConfiguration() throws Exception {
    client.resource(AlertmanagerConfigRenderer.render(orders())).create();
    String[] config = {generated(c -> assertThat(c).contains(SHOP + "/orders/page"))};

    System.out.println("prometheus-operator generated:\n" + config[0]);
    assertThat(amtool(config[0], "check-config")).contains("SUCCESS");

    Map<String, Object> am = Serialization.unmarshal(config[0], Map.class);
    List<Map<String, Object>> routes = (List<Map<String, Object>>) ((Map<String, Object>) am.get("route")).get("routes");
    Map<String, Object> ours = routes.stream().filter(r -> String.valueOf(r.get("receiver")).startsWith(SHOP + "/orders/"))
        .findFirst().orElseThrow();
    assertThat((List<String>) ours.get("matchers")).as("scoped to the namespace and the service")
        .contains("namespace=\"" + SHOP + "\"", "job=\"orders\"");
    assertThat(ours.get("continue")).as("the platform's routes still see the alerts").isEqualTo(true);
    List<Map<String, Object>> children = (List<Map<String, Object>>) ours.get("routes");
    assertThat(children).extracting(r -> r.get("receiver"))
        .containsExactly(SHOP + "/orders/page", SHOP + "/orders/ticket");
    assertThat(children.get(0)).containsEntry("group_wait", "30s").containsEntry("repeat_interval", "4h");
    assertThat(config[0]).as("the Secrets' values, read by prometheus-operator")
        .contains("http://hooks.shop.example/page", "pd-0123456789", "https://hooks.slack.example/services/T0/B0/x");
    List<Map<String, Object>> inhibit = (List<Map<String, Object>>) am.get("inhibit_rules");
    assertThat(inhibit).as("the three inhibitions, each scoped to the namespace")
        .filteredOn(r -> ((List<String>) r.get("source_matchers")).contains("job=\"orders\""))
        .hasSize(AlertmanagerConfigRenderer.INHIBITIONS.size())
        .allSatisfy(r -> assertThat((List<String>) r.get("target_matchers")).contains("namespace=\"" + SHOP + "\""));
  }

  /**
   * A severity without a receiver goes to the receiver the platform team defined (AlertmanagerConfig
   * cannot name a receiver of the main configuration): alerts.labels carries what its routes match, and
   * the service's route lets the alerts continue to them.
   */
  @Test
  void aSeverityWithoutReceiverReachesThePlatformsReceiver() throws Exception {
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("catalog").withNamespace(SHOP).build());
    o.setSpec(routed());
    o.getSpec().routing.ticket = null;
    o.getSpec().alerts = new dev.sightline.operator.api.AlertsSpec();
    o.getSpec().alerts.labels = Map.of("team", "shop");
    client.resource(AlertmanagerConfigRenderer.render(ObservedServiceModel.fromCrd(o))).create();
    String config = generated(c -> assertThat(c).contains(SHOP + "/catalog/page"));
    String[] ticket = {"config", "routes", "test", "namespace=" + SHOP, "job=catalog", "team=shop", "severity=warning"};
    assertThat(amtool(config, ticket).trim())
        .as("a ticket: the service's route has no receiver for it, the platform's team route delivers it")
        .isEqualTo(SHOP + "/catalog/unrouted,shop-oncall");
    String[] page = ticket.clone();
    page[page.length - 1] = "severity=critical";
    assertThat(amtool(config, page).trim())
        .as("a page: the service's receiver, and the platform's routes still see it")
        .isEqualTo(SHOP + "/catalog/page,shop-oncall");
  }

  /** Runs the real amtool on a configuration; its output, after asserting it succeeded. */
  static String amtool(String config, String... args) throws Exception {
    Path file = Files.createTempDirectory("sightline-amtool").resolve("alertmanager.yaml");
    Files.writeString(file, config);
    List<String> command = new java.util.ArrayList<>(List.of(TestCluster.cache().resolve("bin/amtool").toString()));
    command.addAll(List.of(args));
    command.add(args[0].equals("check-config") ? file.toString() : "--config.file=" + file);
    Process amtool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(amtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(amtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(amtool.exitValue()).as("%s:%n%s%n%s", command, out, config).isZero();
    return out;
  }

  @Test
  void theOperatorOwnsItWhileRoutingIsOnAndRemovesItWhenSwitchedOff() throws Exception {
    try (RunningOperator sightline = new RunningOperator(client)) {
      ObservedServiceSpec spec = routed();
      client.resource(Fixtures.observed(SHOP, "payments", spec)).create();
      await("the AlertmanagerConfig owned by the ObservedService").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(client.resources(AlertmanagerConfig.class).inNamespace(SHOP).withName("payments").get())
              .isNotNull()
              .satisfies(a -> assertThat(a.getMetadata().getOwnerReferences()).extracting("name")
                  .containsExactly("payments")));
      generated(c -> assertThat(c).contains(SHOP + "/payments/page"));
      await("condition Routed").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
          assertThat(StatusBuilder.find(client.resources(ObservedService.class).inNamespace(SHOP).withName("payments").get().getStatus(), StatusBuilder.ROUTED)).isNotNull()
              .satisfies(c -> assertThat(c.getStatus() + " " + c.getReason() + " " + c.getMessage()).isEqualTo(
                  "True AlertmanagerSelected AlertmanagerConfig " + SHOP + "/payments selected by Alertmanager "
                      + MONITORING + "/main")));

      ObservedService o = client.resources(ObservedService.class).inNamespace(SHOP).withName("payments").get();
      o.getSpec().routing.enabled = false;
      client.resource(o).update();
      await("the AlertmanagerConfig removed").atMost(Duration.ofSeconds(60)).until(() ->
          client.resources(AlertmanagerConfig.class).inNamespace(SHOP).withName("payments").get() == null);
      await("condition Routed gone with routing").atMost(Duration.ofSeconds(60)).until(() ->
          StatusBuilder.find(client.resources(ObservedService.class).inNamespace(SHOP).withName("payments").get().getStatus(), StatusBuilder.ROUTED) == null);
      generated(c -> assertThat(c).doesNotContain(SHOP + "/payments/"));
    }
  }
}
