package dev.sightline.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {
  @Test
  void defaultsWatchAllNamespacesWithoutLeaderElection() {
    var s = OperatorSettings.fromEnv(Map.of());
    assertThat(s.namespaces()).isEmpty();
    assertThat(s.leaderElection()).isFalse();
    assertThat(s.httpPort()).isEqualTo(8080);
    assertThat(s.concurrency()).isEqualTo(10);
    assertThat(s.resyncInterval()).isEqualTo(java.time.Duration.ofHours(10));
  }

  @Test
  void readsTheResyncIntervalAsADurationAndRejectsBadOnes() {
    assertThat(OperatorSettings.fromEnv(Map.of("SIGHTLINE_RESYNC_INTERVAL", "90s")).resyncInterval())
        .isEqualTo(java.time.Duration.ofSeconds(90));
    assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of("SIGHTLINE_RESYNC_INTERVAL", "often")))
        .hasMessage("SIGHTLINE_RESYNC_INTERVAL must be a duration above zero like 10h or 90s, got 'often'");
    assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of("SIGHTLINE_RESYNC_INTERVAL", "0s")))
        .hasMessageContaining("above zero");
  }

  @Test
  void readsNamespaceListAndLease() {
    var s = OperatorSettings.fromEnv(Map.of(
        "SIGHTLINE_WATCH_NAMESPACES", " shop, payments ,,",
        "SIGHTLINE_LEADER_ELECTION", "true",
        "POD_NAMESPACE", "sightline-system",
        "SIGHTLINE_HTTP_PORT", "9090"));
    assertThat(s.namespaces()).containsExactly("payments", "shop");
    assertThat(s.leaderElection()).isTrue();
    assertThat(s.leaseNamespace()).isEqualTo("sightline-system");
    assertThat(s.httpPort()).isEqualTo(9090);
  }

  @Test
  void rejectsNonNumericPortsClearly() {
    assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of("SIGHTLINE_HTTP_PORT", "http")))
        .hasMessage("SIGHTLINE_HTTP_PORT must be an integer, got 'http'");
  }

  @Test
  void checkSettingsDefaultToTheGoverningServiceAndTakeAnOverride() {
    var checks = OperatorSettings.fromEnv(Map.of()).checks();
    assertThat(checks.interval()).isEqualTo(java.time.Duration.ofSeconds(30));
    var instance = new dev.sightline.operator.prometheus.PrometheusSelection.Instance(
        dev.sightline.operator.prometheus.PrometheusSelection.Kind.PROMETHEUS, "monitoring", "k8s",
        null, null, null, null, "/prom/");
    assertThat(checks.baseUrl(instance).toString()).isEqualTo("http://prometheus-operated.monitoring.svc:9090/prom/");
    var local = OperatorSettings.fromEnv(Map.of("SIGHTLINE_PROMETHEUS_URL", "http://127.0.0.1:9090/",
        "SIGHTLINE_CHECK_INTERVAL", "5s")).checks();
    assertThat(local.baseUrl(instance).toString()).isEqualTo("http://127.0.0.1:9090/prom/");
    assertThat(local.interval()).isEqualTo(java.time.Duration.ofSeconds(5));
    assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of("SIGHTLINE_PROMETHEUS_URL", "prometheus:9090")))
        .hasMessageContaining("must be an http(s) URL");
  }

  @Test
  void eachShardOfAShardedPrometheusIsAskedThroughItsPodAndAThanosRulerThroughItsService() {
    var checks = OperatorSettings.fromEnv(Map.of()).checks();
    var sharded = new dev.sightline.operator.prometheus.PrometheusSelection.Instance(
        dev.sightline.operator.prometheus.PrometheusSelection.Kind.PROMETHEUS, "monitoring", "k8s",
        null, null, null, null, null, 2);
    assertThat(checks.shardUrls(sharded)).extracting(Object::toString).containsExactly(
        "http://prometheus-k8s-0.prometheus-operated.monitoring.svc:9090/",
        "http://prometheus-k8s-shard-1-0.prometheus-operated.monitoring.svc:9090/");
    var ruler = new dev.sightline.operator.prometheus.PrometheusSelection.Instance(
        dev.sightline.operator.prometheus.PrometheusSelection.Kind.THANOS_RULER, "monitoring", "global",
        null, null, null, null, null, 1);
    assertThat(checks.shardUrls(ruler)).extracting(Object::toString)
        .containsExactly("http://thanos-ruler-operated.monitoring.svc:10902/");
    var local = OperatorSettings.fromEnv(Map.of("SIGHTLINE_PROMETHEUS_SHARD_URL", "http://127.0.0.1:9090/{pod}/",
        "SIGHTLINE_THANOS_RULER_URL", "http://127.0.0.1:10902")).checks();
    assertThat(local.shardUrls(sharded).get(1).toString()).isEqualTo("http://127.0.0.1:9090/prometheus-k8s-shard-1-0/");
    assertThat(local.baseUrl(ruler).toString()).isEqualTo("http://127.0.0.1:10902/");
    assertThat(checks.querierUrl(ruler)).as("no queryEndpoints").isNull();
    var queried = new dev.sightline.operator.prometheus.PrometheusSelection.Instance(
        dev.sightline.operator.prometheus.PrometheusSelection.Kind.THANOS_RULER, "monitoring", "global",
        null, null, null, null, null, 1, "http://thanos-query.monitoring.svc:10902/");
    assertThat(checks.querierUrl(queried).toString()).isEqualTo("http://thanos-query.monitoring.svc:10902/");
    assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of("SIGHTLINE_PROMETHEUS_SHARD_URL",
        "http://prometheus-operated.monitoring.svc:9090"))).hasMessage("SIGHTLINE_PROMETHEUS_SHARD_URL must be an"
        + " http(s) URL, with {pod}, e.g. http://{pod}.prometheus-operated.{namespace}.svc:9090, got"
        + " 'http://prometheus-operated.monitoring.svc:9090'");
  }
}
