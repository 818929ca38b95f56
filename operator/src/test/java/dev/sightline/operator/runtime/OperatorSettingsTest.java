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
}
