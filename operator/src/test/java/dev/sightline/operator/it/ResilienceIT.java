package dev.sightline.operator.it;

import dev.sightline.testsupport.TestCluster;
import dev.sightline.testsupport.Edits;
import dev.sightline.testsupport.OperatorProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sightline.operator.api.ObservedService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator as a real process (see {@link OperatorProcess}) through crashes, an API server
 * outage, leader failover and people editing what it generated. Figures are printed, not asserted
 * as timings; the deadlines only bound how long a failure takes to show.
 */
class ResilienceIT {
  static final Duration CONVERGE = Duration.ofSeconds(180);

  @Test
  void sigkillWhileCreating200ConvergesWithoutDuplicatesOrOrphans(@TempDir Path dir) throws Exception {
    TestCluster cluster = TestCluster.shared();
    KubernetesClient client = cluster.client();
    String ns = Fixtures.namespace(client, "crash");
    Map<String, String> env = Map.of("SIGHTLINE_WATCH_NAMESPACES", ns);
    long readyAtKill;
    try (OperatorProcess first = new OperatorProcess(cluster.kubeconfig(), dir, "first", env)) {
      await("operator ready").atMost(Duration.ofSeconds(60)).until(() -> first.readiness() == 200);
      CompletableFuture<Void> creating = CompletableFuture.runAsync(() -> Convergence.create(client, ns, "svc", 0, 200));
      // kill it in the middle of the work: some done, many not yet
      await("some reconciled").atMost(CONVERGE).until(() -> Convergence.ready(client, ns) >= 30);
      first.kill();
      readyAtKill = Convergence.ready(client, ns);
      creating.get();
    }
    long t0 = System.nanoTime();
    try (OperatorProcess second = new OperatorProcess(cluster.kubeconfig(), dir, "second", env)) {
      await("all 200 Ready after the restart").atMost(CONVERGE).until(() -> Convergence.ready(client, ns) == 200);
      System.out.printf("resilience | SIGKILL with %d/200 Ready; restarted operator converged all 200 in %.1f s%n",
          readyAtKill, (System.nanoTime() - t0) / 1e9);
      assertThat(readyAtKill).as("killed mid-way").isLessThan(200);
      Convergence.assertConverged(client, ns, 200);
    }
  }

  @Test
  void survivesA30SecondApiServerOutageAndReportsItOnReadyz(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = TestCluster.start(true)) {
      KubernetesClient client = cluster.client();
      String ns = Fixtures.namespace(client, "outage");
      try (OperatorProcess operator = new OperatorProcess(cluster.kubeconfig(), dir, "op", Map.of())) {
        Convergence.create(client, ns, "svc", 0, 10);
        await("10 Ready").atMost(CONVERGE).until(() -> Convergence.ready(client, ns) == 10);
        await("operator ready").atMost(Duration.ofSeconds(30)).until(() -> operator.readiness() == 200);

        long down = System.nanoTime();
        cluster.stopApiServer();
        await("/readyz reports the outage").atMost(Duration.ofSeconds(25)).until(() -> operator.readiness() == 503);
        double noticed = (System.nanoTime() - down) / 1e9;
        // the outage lasts 30 s; readiness must say so the whole time, and the process must stay up
        Duration left = Duration.ofSeconds(30).minusNanos(System.nanoTime() - down);
        await("not ready while the API server is down").during(left).atMost(left.plusSeconds(5))
            .until(() -> operator.readiness() == 503 && operator.isAlive());
        cluster.startApiServer();
        long up = System.nanoTime();
        await("ready again").atMost(Duration.ofSeconds(120)).until(() -> operator.readiness() == 200);
        double recovered = (System.nanoTime() - up) / 1e9;

        // it works again without a restart: a new ObservedService and an edited one converge
        Convergence.create(client, ns, "after", 0, 1);
        Edits.edit(client.resources(ObservedService.class).inNamespace(ns).withName("svc-0"),
            o -> {
              o.getSpec().objectives = new dev.sightline.operator.api.ObjectivesSpec();
              o.getSpec().objectives.availability = 99.9;
              return o;
            });
        await("converged after the outage").atMost(CONVERGE).until(() -> Convergence.ready(client, ns) == 11);
        assertThat(client.resources(PrometheusRule.class).inNamespace(ns).withName("svc-0").get().getSpec().toString())
            .contains("0.001"); // the 99.9 % objective's error budget
        Convergence.assertConverged(client, ns, 11);
        System.out.printf("resilience | API server down 30 s: /readyz 503 after %.1f s, 200 again %.1f s after restart%n",
            noticed, recovered);
      }
    }
  }

  @Test
  void onlyTheLeaderWritesAndTheOtherTakesOverWhenItIsKilled(@TempDir Path dir) throws Exception {
    TestCluster cluster = TestCluster.shared();
    KubernetesClient client = cluster.client();
    String ns = Fixtures.namespace(client, "leader");
    Map<String, String> env = Map.of("SIGHTLINE_WATCH_NAMESPACES", ns, "SIGHTLINE_LEADER_ELECTION", "true",
        "SIGHTLINE_LEASE_NAMESPACE", ns);
    try (OperatorProcess alpha = new OperatorProcess(cluster.kubeconfig(), dir, "alpha", env);
         OperatorProcess beta = new OperatorProcess(cluster.kubeconfig(), dir, "beta", env)) {
      await("a leader").atMost(Duration.ofSeconds(60)).until(() -> holder(client, ns) != null);
      Convergence.create(client, ns, "svc", 0, 20);
      await("20 Ready").atMost(CONVERGE).until(() -> Convergence.ready(client, ns) == 20);
      OperatorProcess leader = holder(client, ns).equals("alpha") ? alpha : beta;
      OperatorProcess follower = leader == alpha ? beta : alpha;
      assertThat(leader.reconciliations()).isGreaterThanOrEqualTo(20);
      assertThat(follower.reconciliations()).as("the follower reconciles (and writes) nothing").isZero();

      leader.kill();
      long killed = System.nanoTime();
      // JOSDK's defaults: lease 15 s, renew deadline 10 s, retry every 2 s; takeover is expected at ~15-17 s
      // (printed below); the deadline leaves room for a loaded CI machine
      await("the follower takes the lease").atMost(Duration.ofSeconds(15 + 2 + 13))
          .until(() -> follower.name().equals(holder(client, ns)));
      double takeover = (System.nanoTime() - killed) / 1e9;
      Convergence.create(client, ns, "after", 0, 5);
      await("new ObservedServices Ready under the new leader").atMost(CONVERGE)
          .until(() -> Convergence.ready(client, ns) == 25);
      assertThat(follower.reconciliations()).isGreaterThanOrEqualTo(5);
      Convergence.assertConverged(client, ns, 25);
      System.out.printf("resilience | leader %s killed: %s took the lease after %.1f s (lease duration 15 s)%n",
          leader.name(), follower.name(), takeover);
    }
  }

  @Test
  void generatedObjectsDeletedOrEditedUnderLoadAreRestored(@TempDir Path dir) throws Exception {
    TestCluster cluster = TestCluster.shared();
    KubernetesClient client = cluster.client();
    String ns = Fixtures.namespace(client, "tamper");
    try (OperatorProcess operator = new OperatorProcess(cluster.kubeconfig(), dir, "op", Map.of("SIGHTLINE_WATCH_NAMESPACES", ns))) {
      Convergence.create(client, ns, "svc", 0, 100);
      await("100 Ready").atMost(CONVERGE).until(() -> Convergence.ready(client, ns) == 100);
      Map<String, String> before = snapshot(client, ns);

      // load: 100 more being created while someone deletes and edits generated objects
      CompletableFuture<Void> load = CompletableFuture.runAsync(() -> Convergence.create(client, ns, "more", 0, 100));
      for (int i = 0; i < 20; i++) {
        client.resources(ServiceMonitor.class).inNamespace(ns).withName("svc-" + i).delete();
        // (fields Sightline sets; one it does not set, e.g. a group interval someone adds, is theirs under
        // server-side apply and stays)
        client.resources(PrometheusRule.class).inNamespace(ns).withName("svc-" + (20 + i)).edit(r -> {
          var rules = r.getSpec().getGroups().get(0).getRules();
          rules.remove(0);
          rules.get(rules.size() - 1).setFor("1h");
          return r;
        });
        client.configMaps().inNamespace(ns).withName("svc-" + (40 + i) + "-dashboard").edit(c -> {
          c.getData().replaceAll((k, v) -> "{}");
          return c;
        });
        client.configMaps().inNamespace(ns).withName("svc-" + (60 + i) + "-dashboard").delete();
        client.resources(ServiceMonitor.class).inNamespace(ns).withName("svc-" + (80 + i)).edit(s -> {
          s.getSpec().getEndpoints().get(0).setPath("/elsewhere");
          return s;
        });
      }
      load.get();
      long t0 = System.nanoTime();
      await("every tampered object restored").atMost(CONVERGE).untilAsserted(() -> {
        Map<String, String> now = snapshot(client, ns);
        assertThat(now.keySet().stream().filter(k -> !now.get(k).equals(before.get(k))).toList()).isEmpty();
      });
      await("200 Ready").atMost(CONVERGE).until(() -> Convergence.ready(client, ns) == 200);
      Convergence.assertConverged(client, ns, 200);
      System.out.printf("resilience | 100 generated objects deleted or edited during 100 creates: all restored %.1f s after the load%n",
          (System.nanoTime() - t0) / 1e9);
    }
  }

  /** The generated content of the first 100 ObservedServices: ServiceMonitor and PrometheusRule specs, dashboard JSON. */
  static Map<String, String> snapshot(KubernetesClient client, String ns) {
    Map<String, String> s = new TreeMap<>();
    for (int i = 0; i < 100; i++) {
      String name = "svc-" + i;
      ServiceMonitor sm = client.resources(ServiceMonitor.class).inNamespace(ns).withName(name).get();
      PrometheusRule pr = client.resources(PrometheusRule.class).inNamespace(ns).withName(name).get();
      ConfigMap cm = client.configMaps().inNamespace(ns).withName(name + "-dashboard").get();
      s.put(name + "/sm", sm == null ? "missing" : String.valueOf(sm.getSpec()));
      s.put(name + "/pr", pr == null ? "missing" : String.valueOf(pr.getSpec()));
      s.put(name + "/cm", cm == null ? "missing" : String.valueOf(cm.getData()));
    }
    return s;
  }

  static String holder(KubernetesClient client, String ns) {
    Lease lease = client.leases().inNamespace(ns).withName("sightline-operator").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
