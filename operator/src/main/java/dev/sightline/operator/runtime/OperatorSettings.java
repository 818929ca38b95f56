package dev.sightline.operator.runtime;

import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.prometheus.CheckSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Operator configuration, read from environment variables (documented in the README).
 *
 * @param namespaces namespaces to watch; empty means all namespaces
 * @param leaderElection whether to take a Lease before reconciling (needed for replicas > 1)
 * @param leaseName name of the Lease
 * @param leaseNamespace namespace of the Lease; null means the operator's own namespace
 * @param httpPort port of /healthz, /readyz and /metrics (0 = any free port)
 * @param concurrency maximum parallel reconciliations
 * @param exitOnLostLease end the process when leadership is lost, so no two instances ever write
 *     (false only for tests that run several operators in one JVM)
 * @param resyncInterval longest time between two reconciliations of an ObservedService even when
 *     nothing changed (a safety net; changes are reconciled at once). Default 10h.
 * @param checks how often and where the live checks ask Prometheus
 */
public record OperatorSettings(
    Set<String> namespaces,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    int httpPort,
    int concurrency,
    boolean exitOnLostLease,
    Duration resyncInterval,
    CheckSettings checks) {

  public static final Duration DEFAULT_RESYNC = Duration.ofHours(10);

  public static OperatorSettings fromEnv(Map<String, String> env) {
    String ns = env.getOrDefault("SIGHTLINE_WATCH_NAMESPACES", "").trim();
    Set<String> namespaces = new TreeSet<>();
    if (!ns.isEmpty()) {
      Arrays.stream(ns.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(namespaces::add);
    }
    return new OperatorSettings(
        namespaces,
        Boolean.parseBoolean(env.getOrDefault("SIGHTLINE_LEADER_ELECTION", "false")),
        env.getOrDefault("SIGHTLINE_LEASE_NAME", "sightline-operator"),
        emptyToNull(env.getOrDefault("SIGHTLINE_LEASE_NAMESPACE", env.get("POD_NAMESPACE"))),
        intValue(env, "SIGHTLINE_HTTP_PORT", 8080),
        intValue(env, "SIGHTLINE_RECONCILE_CONCURRENCY", 10),
        true,
        durationValue(env, "SIGHTLINE_RESYNC_INTERVAL", DEFAULT_RESYNC),
        new CheckSettings(
            durationValue(env, "SIGHTLINE_CHECK_INTERVAL", CheckSettings.DEFAULT_INTERVAL),
            prometheusUrl(env.getOrDefault("SIGHTLINE_PROMETHEUS_URL", CheckSettings.IN_CLUSTER_URL)),
            durationValue(env, "SIGHTLINE_PROMETHEUS_TIMEOUT", CheckSettings.DEFAULT_TIMEOUT)));
  }

  private static int intValue(Map<String, String> env, String key, int fallback) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
    }
  }

  private static Duration durationValue(Map<String, String> env, String key, Duration fallback) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      double seconds = DurationParser.seconds(v.trim());
      if (seconds > 0) {
        return Duration.ofMillis((long) (seconds * 1000));
      }
    } catch (RuntimeException e) {
      // not a duration: the message below says what is expected
    }
    throw new IllegalArgumentException(key + " must be a duration above zero like 10h or 90s, got '" + v + "'");
  }

  private static String prometheusUrl(String v) {
    String url = v.isBlank() ? CheckSettings.IN_CLUSTER_URL : v.trim();
    if (!url.matches("https?://[^\\s]+")) {
      throw new IllegalArgumentException("SIGHTLINE_PROMETHEUS_URL must be an http(s) URL, optionally with {namespace}"
          + " and {name}, e.g. " + CheckSettings.IN_CLUSTER_URL + ", got '" + v + "'");
    }
    return url;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
