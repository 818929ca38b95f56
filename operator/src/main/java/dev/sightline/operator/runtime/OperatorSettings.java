package dev.sightline.operator.runtime;

import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.prometheus.CheckSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Operator configuration, read from environment variables: each is one {@link Variable} below, from
 * which docs/configuration.md's table is generated.
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

  /**
   * One environment variable.
   *
   * @param defaultText the default as the table shows it
   * @param meaning what it sets, for the table
   */
  public record Variable(String name, String defaultText, String meaning) {
    String get(Map<String, String> env) {
      return env.get(name);
    }
  }

  public static final Variable WATCH_NAMESPACES = new Variable("SIGHTLINE_WATCH_NAMESPACES", "all",
      "comma-separated namespaces to watch");
  public static final Variable LEADER_ELECTION = new Variable("SIGHTLINE_LEADER_ELECTION", "`false`",
      "take a Lease before reconciling (set for replicas > 1)");
  public static final Variable LEASE_NAME = new Variable("SIGHTLINE_LEASE_NAME", "`sightline-operator`",
      "Lease name");
  public static final Variable LEASE_NAMESPACE = new Variable("SIGHTLINE_LEASE_NAMESPACE", "`$POD_NAMESPACE`",
      "Lease namespace");
  public static final Variable HTTP_PORT = new Variable("SIGHTLINE_HTTP_PORT", "`8080`",
      "`/healthz`, `/readyz` (started and all informers healthy), `/metrics`");
  public static final Variable CONCURRENCY = new Variable("SIGHTLINE_RECONCILE_CONCURRENCY", "`10`",
      "parallel reconciliations");
  public static final Variable RESYNC_INTERVAL = new Variable("SIGHTLINE_RESYNC_INTERVAL", "`10h`",
      "longest time between two reconciliations of an unchanged ObservedService (a safety net; changes are"
          + " reconciled at once)");
  /** Read by logback.xml, not here: its default is there. */
  public static final Variable LOG_LEVEL = new Variable("SIGHTLINE_LOG_LEVEL", "`INFO`",
      "level of Sightline's loggers; logs are one JSON object per line");
  public static final Variable CHECK_INTERVAL = new Variable("SIGHTLINE_CHECK_INTERVAL", "`30s`",
      "one check cycle: how often every selecting Prometheus is asked about every ObservedService");
  public static final Variable PROMETHEUS_URL = new Variable("SIGHTLINE_PROMETHEUS_URL",
      "`" + CheckSettings.IN_CLUSTER_URL + "`",
      "base URL of a Prometheus instance's API; `{namespace}` and `{name}` are the Prometheus resource's");
  public static final Variable PROMETHEUS_SHARD_URL = new Variable("SIGHTLINE_PROMETHEUS_SHARD_URL",
      "`" + CheckSettings.IN_CLUSTER_SHARD_URL + "`",
      "base URL of one shard of a Prometheus with `shards` > 1; `{pod}` is the shard's first pod (each shard is"
          + " asked for its own targets)");
  public static final Variable THANOS_RULER_URL = new Variable("SIGHTLINE_THANOS_RULER_URL",
      "`" + CheckSettings.IN_CLUSTER_THANOS_RULER_URL + "`",
      "base URL of a ThanosRuler's API; `{namespace}` and `{name}` are the ThanosRuler resource's");
  public static final Variable PROMETHEUS_TIMEOUT = new Variable("SIGHTLINE_PROMETHEUS_TIMEOUT", "`10s`",
      "timeout of one Prometheus API call (and of connecting)");

  /** Every variable, in the table's order. */
  public static final List<Variable> VARIABLES = List.of(WATCH_NAMESPACES, LEADER_ELECTION, LEASE_NAME,
      LEASE_NAMESPACE, HTTP_PORT, CONCURRENCY, RESYNC_INTERVAL, LOG_LEVEL, CHECK_INTERVAL, PROMETHEUS_URL,
      PROMETHEUS_SHARD_URL, THANOS_RULER_URL, PROMETHEUS_TIMEOUT);

  public static OperatorSettings fromEnv(Map<String, String> env) {
    String ns = env.getOrDefault(WATCH_NAMESPACES.name(), "").trim();
    Set<String> namespaces = new TreeSet<>();
    if (!ns.isEmpty()) {
      Arrays.stream(ns.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(namespaces::add);
    }
    return new OperatorSettings(
        namespaces,
        Boolean.parseBoolean(env.getOrDefault(LEADER_ELECTION.name(), "false")),
        env.getOrDefault(LEASE_NAME.name(), "sightline-operator"),
        emptyToNull(env.getOrDefault(LEASE_NAMESPACE.name(), env.get("POD_NAMESPACE"))),
        intValue(env, HTTP_PORT, 8080),
        intValue(env, CONCURRENCY, 10),
        true,
        durationValue(env, RESYNC_INTERVAL, DEFAULT_RESYNC),
        new CheckSettings(
            durationValue(env, CHECK_INTERVAL, CheckSettings.DEFAULT_INTERVAL),
            url(env, PROMETHEUS_URL, CheckSettings.IN_CLUSTER_URL, "optionally with {namespace} and {name}"),
            durationValue(env, PROMETHEUS_TIMEOUT, CheckSettings.DEFAULT_TIMEOUT),
            url(env, PROMETHEUS_SHARD_URL, CheckSettings.IN_CLUSTER_SHARD_URL, "with {pod}"),
            url(env, THANOS_RULER_URL, CheckSettings.IN_CLUSTER_THANOS_RULER_URL,
                "optionally with {namespace} and {name}")));
  }

  private static int intValue(Map<String, String> env, Variable variable, int fallback) {
    String key = variable.name();
    String v = variable.get(env);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
    }
  }

  private static Duration durationValue(Map<String, String> env, Variable variable, Duration fallback) {
    String key = variable.name();
    String v = variable.get(env);
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

  private static String url(Map<String, String> env, Variable variable, String fallback, String placeholders) {
    String v = env.getOrDefault(variable.name(), fallback);
    String url = v.isBlank() ? fallback : v.trim();
    if (!url.matches("https?://[^\\s]+") || (fallback.contains("{pod}") && !url.contains("{pod}"))) {
      throw new IllegalArgumentException(variable.name() + " must be an http(s) URL, " + placeholders + ", e.g. "
          + fallback + ", got '" + v + "'");
    }
    return url;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
