package dev.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load generator against the real demo app: what it reports is what the app's metrics counted. */
class LoadGeneratorTest {
  static DemoApp app;
  static final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

  @BeforeAll
  static void start() {
    app = new DemoApp(true).start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static LoadGenerator.Options options(String mode, int maxRequests) {
    return LoadGenerator.parse("--mode", mode, "--rate", "200", "--concurrency", "8", "--duration", "20s",
        "--max-requests", Integer.toString(maxRequests), "--target", "http://127.0.0.1:" + app.port(),
        "--progress", "false");
  }

  /** Requests the app counted, without the generator's own: fault switching and the readiness wait. */
  static double countedByApp() {
    String metrics = app.registry().scrape();
    return MetricsText.sum(metrics, "http_server_requests_seconds_count", Map.of())
        - MetricsText.sum(metrics, "http_server_requests_seconds_count", Map.of("uri", "/admin/faults"))
        - MetricsText.sum(metrics, "http_server_requests_seconds_count", Map.of("uri", "/readyz"));
  }

  @Test
  void normalModeStopsAtMaxRequestsAndTheAppCountsEveryOne() throws Exception {
    double before = countedByApp();
    LoadGenerator.Report report = new LoadGenerator(options("normal", 300)).run(quiet);
    assertThat(report.sent()).isEqualTo(300);
    assertThat(report.byStatus().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(300);
    assertThat(report.byStatus().keySet()).allMatch(s -> s < 500);
    assertThat(report.p99Ms()).isPositive().isGreaterThanOrEqualTo(report.p50Ms());
    assertThat(report.format()).contains("requests: 300", "p99");
    assertThat(countedByApp() - before).as("nothing lost, nothing doubled").isEqualTo(300);
  }

  @Test
  void errorModeMakesFailuresAndSwitchesFaultsOffAtTheEnd() throws Exception {
    LoadGenerator.Report report = new LoadGenerator(options("errors", 400)).run(quiet);
    long failed = report.byStatus().getOrDefault(500, 0L);
    assertThat(failed).isBetween(60L, 200L); // 30 % of 400, with slack
    assertThat(app.faults().get()).isEmpty();
  }

  @Test
  void stopsAfterItsDuration() throws Exception {
    var o = LoadGenerator.parse("--rate", "20", "--duration", "1500ms", "--target", "http://127.0.0.1:" + app.port(),
        "--progress", "false");
    LoadGenerator.Report report = new LoadGenerator(o).run(quiet);
    assertThat(report.seconds()).isBetween(1.4, 5.0);
    assertThat(report.sent()).isBetween(20L, 40L);
  }

  @Test
  void stopEndsARunEarlyAndSwitchesFaultsOff() throws Exception {
    var o = LoadGenerator.parse("--mode", "errors", "--rate", "20", "--duration", "10m",
        "--target", "http://127.0.0.1:" + app.port(), "--progress", "false");
    LoadGenerator generator = new LoadGenerator(o);
    var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return generator.run(quiet);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !app.faults().get().isEmpty());
    generator.stop();
    LoadGenerator.Report report = run.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(report.seconds()).isLessThan(60);
    assertThat(app.faults().get()).isEmpty();
  }

  @Test
  void rejectsBadOptions() {
    assertThatThrownBy(() -> LoadGenerator.parse("--rate")).hasMessageContaining("usage");
    assertThatThrownBy(() -> LoadGenerator.parse("--rate", "-1")).hasMessageContaining("--rate");
    assertThatThrownBy(() -> LoadGenerator.parse("--mode", "chaos")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void waitsForATargetThatStartsLater() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LoadGenerator generator = new LoadGenerator(LoadGenerator.parse("--mode", "errors", "--rate", "100",
        "--max-requests", "50", "--duration", "20s", "--target", "http://127.0.0.1:" + port, "--progress", "false",
        "--wait-for-target", "30s"));
    var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return generator.run(quiet);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    // the app comes up after the generator started (a Job next to a new Deployment)
    try (DemoApp late = new DemoApp(true).start("127.0.0.1", port)) {
      LoadGenerator.Report report = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(report.sent()).isEqualTo(50);
      assertThat(report.failedToConnect()).isZero();
      assertThat(late.faults().get()).as("faults switched off again at the end").isEmpty();
    }
  }

  @Test
  void saysWhenTheTargetNeverBecomesReady() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LoadGenerator generator = new LoadGenerator(LoadGenerator.parse("--target", "http://127.0.0.1:" + port,
        "--wait-for-target", "1s", "--progress", "false"));
    assertThatThrownBy(() -> generator.run(quiet)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not ready after PT1S").hasMessageContaining("127.0.0.1:" + port);
  }
}
