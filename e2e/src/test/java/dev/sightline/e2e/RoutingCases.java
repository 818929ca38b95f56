package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sightline.demo.LoadGenerator;
import dev.sightline.testsupport.Edits;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ReceiverSpec;
import dev.sightline.operator.api.RoutingSpec;
import dev.sightline.operator.api.SecretKeyRef;
import dev.sightline.operator.api.SloSpec;
import dev.sightline.operator.api.TargetDownAlertSpec;
import dev.sightline.operator.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Alert routing on the real node: the demo's ObservedService gets spec.routing with webhook receivers
 * for pages and tickets, both a {@link WebhookReceiver} in this JVM; the real Alertmanager (managed by
 * prometheus-operator, fed by the real Prometheus) delivers to it. Counts what arrives: one page per
 * incident, tickets held back while a page fires, resolved notifications on recovery, a target
 * that stops answering pages TargetDown only, and a rolling restart pages nothing.
 */
final class RoutingCases implements AutoCloseable {
  static final String SECRET = "demo-alerting";
  private final ClusterProvider provider;
  private final KubernetesClient admin;
  private final String ns;
  private final List<String> timings;
  private final WebhookReceiver receiver;
  private long enabledAt;
  private WebhookReceiver.Notification stormPage;
  /** What Alertmanager held for the demo, sampled every 2 s: alertname -> severity, and which were inhibited. */
  private final Map<String, String> held = new java.util.concurrent.ConcurrentSkipListMap<>();
  private final java.util.Set<String> inhibited = new java.util.concurrent.ConcurrentSkipListSet<>();
  private final java.util.concurrent.ScheduledExecutorService sampler =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

  RoutingCases(ClusterProvider provider, List<String> timings) throws Exception {
    this.provider = provider;
    this.admin = provider.admin();
    this.ns = provider.namespace();
    this.timings = timings;
    this.receiver = new WebhookReceiver();
  }

  /**
   * Routes the demo's pages and tickets to the webhook receivers (without waiting: Alertmanager's
   * configuration follows while the stack settles), TargetDown after 30 s, the fast burn resolving with
   * its window.
   */
  void enable() {
    enabledAt = System.nanoTime();
    String base = "http://" + provider.addressReachableFromPods() + ":" + receiver.port();
    admin.resource(new SecretBuilder().withNewMetadata().withName(SECRET).withNamespace(ns).endMetadata()
        .withStringData(Map.of("page", base + "/page", "ticket", base + "/ticket")).build()).serverSideApply();
    Edits.edit(admin.resources(ObservedService.class).inNamespace(ns).withName(ClusterProvider.DEMO), o -> {
      o.getSpec().routing = new RoutingSpec();
      o.getSpec().routing.enabled = true;
      // pages flush 5 s after they fire; tickets wait two minutes, as the defaults (30 s against 5 min) let a page
      // that fires soon after a ticket mute it before it is sent: on the minutes-old demo the slow burn's 1d and 2h
      // windows hold the same minutes as the fast burn's 1h, so its lower threshold is crossed first, and the page
      // came 75-120 s into the storm in CI runs
      o.getSpec().routing.page = receiver("page", "5s");
      o.getSpec().routing.ticket = receiver("ticket", "2m");
      if (o.getSpec().alerts == null) {
        o.getSpec().alerts = new dev.sightline.operator.api.AlertsSpec();
      }
      if (o.getSpec().alerts.targetDown == null) {
        o.getSpec().alerts.targetDown = new TargetDownAlertSpec();
      }
      o.getSpec().alerts.targetDown.forDuration = "30s";
      // resolved as soon as the target answers, not 5 minutes later (a page's default keep_firing_for)
      o.getSpec().alerts.targetDown.keepFiringFor = "0s";
      if (o.getSpec().alerts.budgetBurn == null) {
        o.getSpec().alerts.budgetBurn = new dev.sightline.operator.api.BudgetBurnAlertSpec();
      }
      // the fast burn resolves with its windows, not 5 minutes after them
      o.getSpec().alerts.budgetBurn.keepFiringFor = "0s";
      return o;
    });
  }

  /** Waits until the AlertmanagerConfig is Routed and Alertmanager runs the demo's routes; then samples it. */
  void awaitRoutes() throws Exception {
    await("condition Routed True").atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(
        ClusterProvider.condition(admin, ns, ClusterProvider.DEMO, StatusBuilder.ROUTED)).isNotNull()
        .satisfies(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True")));
    AlertmanagerApi alertmanager = provider.alertmanager();
    await("the demo's routes in Alertmanager's configuration").atMost(Duration.ofSeconds(180)).until(() ->
        alertmanager.config().contains(ns + "/" + ClusterProvider.DEMO + "/page"));
    timings.add(EndToEndIT.lap("routing on to routes in Alertmanager", enabledAt));
    String matchers = "job=\"" + ClusterProvider.DEMO + "\"";
    sampler.scheduleWithFixedDelay(() -> {
      try {
        for (var a : alertmanager.alerts(matchers)) {
          String name = a.path("labels").path("alertname").asText();
          held.put(name, a.path("labels").path("severity").asText());
          if (a.path("status").path("inhibitedBy").size() > 0) {
            inhibited.add(name);
          }
        }
      } catch (Exception e) {
        // the next sample
      }
    }, 0, 2, java.util.concurrent.TimeUnit.SECONDS);
  }

  /**
   * Prints, for one scenario, what Alertmanager held (each alert group would have been one notification
   * without inhibition) against what arrived, then starts the next scenario's sample afresh.
   */
  private void report(String scenario, Instant since) {
    List<WebhookReceiver.Notification> got = demo(since);
    System.out.printf("e2e routing | %s | alerts held by Alertmanager %s, inhibited %s | notifications without"
        + " inhibition: %d firing | received: %d firing (%s), %d resolved%n", scenario, held, inhibited, held.size(),
        got.stream().filter(WebhookReceiver.Notification::firing).count(),
        got.stream().filter(WebhookReceiver.Notification::firing).map(n -> n.path() + " " + n.alerts()).toList(),
        got.stream().filter(WebhookReceiver.Notification::resolved).count());
    held.clear();
    inhibited.clear();
  }

  private static ReceiverSpec receiver(String key, String groupWait) {
    ReceiverSpec r = new ReceiverSpec();
    r.webhook = new ReceiverSpec.Webhook();
    r.webhook.url = new SecretKeyRef(SECRET, key);
    // short timings for the test; the defaults (30s/5m/4h for pages) would make it last much longer
    r.groupWait = groupWait;
    r.groupInterval = "15s";
    r.repeatInterval = "1h";
    return r;
  }

  /**
   * After an error storm (started at {@code stormStart}), once its symptom alert has resolved: one page
   * notification for the incident, the other page and the tickets held by Alertmanager but muted, and no
   * ticket delivered while the page fires.
   */
  void stormPagedOnce(Instant stormStart) throws Exception {
    AlertmanagerApi alertmanager = provider.alertmanager();
    await(EndToEndIT.ALERT + " resolved in Alertmanager").atMost(Duration.ofSeconds(120)).until(() ->
        alertmanager.active(EndToEndIT.ALERT).stream()
            .noneMatch(labels -> ClusterProvider.DEMO.equals(labels.path("job").asText())));
    List<WebhookReceiver.Notification> pages = pages(stormStart);
    List<WebhookReceiver.Notification> firing = pages.stream().filter(WebhookReceiver.Notification::firing).toList();
    System.out.printf("e2e routing | error storm: %d page notification(s) firing %s, first %.0f s after the storm"
        + " started%n", firing.size(), firing.stream().map(WebhookReceiver.Notification::alerts).toList(),
        firing.isEmpty() ? -1.0 : Duration.between(stormStart, firing.get(0).at()).toMillis() / 1000.0);
    assertThat(firing).as("page notifications for one error storm").hasSize(1);
    assertThat(firing.get(0).alerts()).hasSize(1);
    assertThat(inhibited).as("the storm's other page (%s) and its tickets muted: held %s", EndToEndIT.ALERT, held)
        .contains(EndToEndIT.ALERT).containsAll(held.entrySet().stream()
            .filter(e -> e.getValue().equals("warning")).map(Map.Entry::getKey).toList());
    assertThat(held).as("a ticket fired during the storm (the slow burn): the check below sees something")
        .containsValue("warning");
    assertThat(receiver.received()).as("tickets while the page fired")
        .noneMatch(n -> n.path().equals("/ticket") && n.firing() && n.at().isAfter(stormStart));
    assertThat(pages).as("the page still fires: the ticket check covers a firing page")
        .noneMatch(WebhookReceiver.Notification::resolved);
    stormPage = firing.get(0);
    report("error storm", stormStart);
  }

  /**
   * Prints when the storm's page resolved, if it did by now: on the minutes-old demo the fast burn holds
   * longer than the suite runs. -Dsightline.e2e.awaitStormResolved=true waits for it (up to 25 min), to
   * measure it.
   */
  void reportStormResolution(Instant stormStart, long faultsOffNanos) {
    if (stormPage == null) {
      return;
    }
    Instant faultsOff = Instant.now().minusNanos(System.nanoTime() - faultsOffNanos);
    if (Boolean.getBoolean("sightline.e2e.awaitStormResolved")) {
      await("the storm page's resolved notification").atMost(Duration.ofMinutes(25)).pollInterval(Duration.ofSeconds(5))
          .until(() -> pages(stormStart).stream().anyMatch(WebhookReceiver.Notification::resolved));
    }
    pages(stormStart).stream().filter(WebhookReceiver.Notification::resolved).findFirst().ifPresentOrElse(
        n -> System.out.printf("e2e routing | error storm: resolved notification %s %.0f s after the storm started,"
            + " %.0f s after the faults stopped%n", n.alerts(), Duration.between(stormStart, n.at()).toMillis() / 1000.0,
            Duration.between(faultsOff, n.at()).toMillis() / 1000.0),
        () -> System.out.printf("e2e routing | error storm: %s still firing %.0f s after the faults stopped%n",
            stormPage.alerts(), (System.nanoTime() - faultsOffNanos) / 1e9));
  }

  /**
   * kubectl rollout restart of the demo, whose pods warm up for {@link EndToEndIT#WARM_UP_SECONDS} before they
   * listen (the chart's startupDelaySeconds) and are not ready until they answer (the chart's readiness
   * probe): Prometheus scrapes the starting pod and gets nothing for longer than TargetDown's for, and no
   * page reaches Alertmanager. Returns the new demo pod.
   */
  Pod rollingRestartPagesNothing() throws Exception {
    Instant start = Instant.now();
    long t0 = System.nanoTime();
    String deployment = "deployment/" + ClusterProvider.DEMO;
    provider.kubectl("rollout", "restart", deployment, "-n", ns);
    provider.kubectl("rollout", "status", deployment, "-n", ns, "--timeout=240s");
    timings.add(EndToEndIT.lap("rollout restart to rolled out", t0));
    // the new pod was scraped while it started: the failed scrapes of the not-ready target, which TargetDown
    // counted before it knew readiness (at 5 s scrapes, 30 s of them page)
    PrometheusApi prom = provider.prometheus();
    String notReady = "up{namespace=\"" + ns + "\", job=\"" + ClusterProvider.DEMO + "\", sightline_ready=\"false\"}";
    String failedWhileStarting = "sum(count_over_time(" + notReady + "[15m]) - sum_over_time(" + notReady + "[15m]))";
    await("failed scrapes of the starting pod recorded").atMost(Duration.ofSeconds(60))
        .until(() -> prom.query(failedWhileStarting + " >= 6").size() == 1);
    // from the restart, TargetDown's window (50 s at 5 s scrapes), for (30 s) and the page's group_wait passed
    await("no page reaches Alertmanager during and after the rollout").during(Duration.ofSeconds(60))
        .atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofSeconds(2)).until(() ->
            pages(start).isEmpty() && !held.containsValue("critical"));
    System.out.printf("e2e routing | rolling restart: %s failed scrapes of the starting pod, pages %s%n",
        prom.query(failedWhileStarting).get(0).path("value").get(1).asText(), pages(start));
    report("rolling restart", start);
    return EndToEndIT.assertRunsHardened(admin, ns, "demo-app");
  }

  /**
   * The demo's metrics endpoint stops answering while the app serves and stays ready (faults on /metrics,
   * as when the process hangs for Prometheus but not for the kubelet): TargetDown pages, nothing else
   * does; answering again, TargetDown resolves.
   */
  void targetDownPagesOnlyTargetDown() throws Exception {
    Instant start = Instant.now();
    long t0 = System.nanoTime();
    metricsFault("{\"/metrics\":{\"errorRate\":1.0}}");
    try {
      await("TargetDown page notification").atMost(Duration.ofSeconds(300)).until(() -> pages(start).stream()
          .anyMatch(n -> n.firing() && n.alerts().contains("DemoTargetDown firing")));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      PrometheusApi prom = provider.prometheus();
      String service = "namespace=\"" + ns + "\", job=\"" + ClusterProvider.DEMO + "\"";
      for (String q : List.of("up{" + service + "}", "ALERTS{" + service + "}",
          "max_over_time(up{" + service + "}[1m])", "avg_over_time(up{" + service + "}[1h])")) {
        System.out.println("e2e routing | TargetDown not paged: " + q + " = " + prom.query(q));
      }
      System.out.println("e2e routing | pages " + pages(start) + ", held " + held);
      throw e;
    }
    timings.add(EndToEndIT.lap("metrics endpoint down to TargetDown page notification", t0));
    long back = System.nanoTime();
    metricsFault("{}");
    await("TargetDown resolved notification").atMost(Duration.ofSeconds(300)).until(() -> pages(start).stream()
        .anyMatch(n -> n.resolved() && n.alerts().contains("DemoTargetDown resolved")));
    timings.add(EndToEndIT.lap("endpoint back to TargetDown resolved notification", back));
    List<WebhookReceiver.Notification> pages = pages(start);
    System.out.printf("e2e routing | metrics endpoint down: page notifications %s%n",
        pages.stream().map(n -> n.status() + " " + n.alerts()).toList());
    assertThat(pages).as("pages while the target was down").allMatch(n -> n.alerts().stream()
        .allMatch(a -> a.startsWith("DemoTargetDown ")));
    report("metrics endpoint down", start);
  }

  /**
   * A named objective on the demo (checkout: POST /api/checkout at 99.9 %, a tenth of the load Job's traffic),
   * then a quarter of checkout's requests fail: 2.5 % of all, under HighErrorRate's 5 % and the service-wide burn
   * rates. Checkout's fast burn pages, once, through Alertmanager, labelled with its objective, and not muted by
   * what the service-wide objective may still have firing from the storm; status.objectives shows its budget.
   */
  void routeFailingAlonePagesItsObjective() throws Exception {
    long t0 = System.nanoTime();
    Edits.edit(admin.resources(ObservedService.class).inNamespace(ns).withName(ClusterProvider.DEMO), o -> {
      SloSpec checkout = new SloSpec();
      checkout.name = "checkout";
      checkout.routes = List.of("/api/checkout");
      checkout.methods = List.of("POST");
      checkout.availability = 99.9;
      o.getSpec().slos = List.of(checkout);
      return o;
    });
    PrometheusApi prom = provider.prometheus();
    String objective = "namespace=\"" + ns + "\", job=\"" + ClusterProvider.DEMO + "\", slo=\"checkout\"";
    await("checkout's requests recorded").atMost(Duration.ofSeconds(240)).until(() ->
        prom.query("namespace_job_slo:sightline_http_requests:rate5m{" + objective + "} > 0").size() == 1);
    timings.add(EndToEndIT.lap("named objective added to its requests recorded", t0));
    await("status.objectives shows checkout, its requests found").atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
      var status = admin.resources(ObservedService.class).inNamespace(ns).withName(ClusterProvider.DEMO).get()
          .getStatus();
      assertThat(status.objectiveCount).isEqualTo(2);
      assertThat(status.objectives.get(1).name).isEqualTo("checkout");
      assertThat(status.objectives.get(1).message).isNull();
    });
    Instant start = Instant.now();
    long failing = System.nanoTime();
    String page = "DemoAvailabilityBudgetBurnFast{slo=checkout} firing";
    metricsFault("{\"/api/checkout\":{\"errorRate\":0.25}}");
    try {
      await("checkout's page notification").atMost(Duration.ofSeconds(300)).until(() -> pages(start).stream()
          .anyMatch(n -> n.firing() && n.alerts().contains(page)));
      timings.add(EndToEndIT.lap("checkout failing alone to its page notification", failing));
      // the failures go on for a minute, and checkout's page is not sent again meanwhile
      await("no second page for checkout while it keeps failing").during(Duration.ofSeconds(60))
          .atMost(Duration.ofSeconds(75)).until(() -> pages(start).stream()
              .filter(n -> n.firing() && n.alerts().contains(page)).count() == 1);
    } finally {
      metricsFault("{}");
    }
    List<WebhookReceiver.Notification> pages = pages(start);
    // the budgets' group runs every 5 minutes: its first evaluation may be that far off
    await("status.objectives shows checkout's budget").atMost(Duration.ofSeconds(420)).until(() ->
        admin.resources(ObservedService.class).inNamespace(ns).withName(ClusterProvider.DEMO).get().getStatus()
            .objectives.get(1).budgetRemaining != null);
    timings.add(EndToEndIT.lap("named objective added to its budget in status", t0));
    var status = admin.resources(ObservedService.class).inNamespace(ns).withName(ClusterProvider.DEMO).get()
        .getStatus();
    System.out.printf("e2e routing | checkout failing alone: page notifications %s; status objectives %d, worst"
        + " budget %s, checkout %s%n", pages.stream().map(n -> n.status() + " " + n.alerts()).toList(),
        status.objectiveCount, status.worstBudget, status.objectives.get(1).budgetRemaining);
    assertThat(pages.stream().filter(n -> n.firing() && n.alerts().contains(page))).as("checkout's pages").hasSize(1);
    assertThat(pages).as("no service-wide symptom page").noneMatch(n -> n.firing()
        && n.alerts().contains("DemoHighErrorRate firing"));
    report("checkout failing alone", start);
  }

  /** The demo's fault injection, through its Service, as the load generator sets it. */
  private void metricsFault(String json) throws Exception {
    LoadGenerator.setFaults(java.net.http.HttpClient.newHttpClient(), java.net.URI.create(provider.demoUrl()), json);
  }

  /** Notifications for the demo since a moment. */
  private List<WebhookReceiver.Notification> demo(Instant since) {
    return receiver.received().stream().filter(n -> n.job().equals(ClusterProvider.DEMO) && !n.at().isBefore(since))
        .toList();
  }

  /** Page notifications for the demo since a moment. */
  private List<WebhookReceiver.Notification> pages(Instant since) {
    return demo(since).stream().filter(n -> n.path().equals("/page")).toList();
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    receiver.close();
  }
}
