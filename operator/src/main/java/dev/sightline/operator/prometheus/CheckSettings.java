package dev.sightline.operator.prometheus;

import dev.sightline.operator.prometheus.PrometheusSelection.Kind;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the live checks reach Prometheus and ThanosRuler instances.
 *
 * @param interval one check cycle: how often every selecting Prometheus is asked about every service
 * @param urlTemplate the HTTP API's base URL of an instance, with {namespace} and {name}; by default
 *     the governing Service prometheus-operator creates in the instance's namespace. Out of cluster,
 *     e.g. http://127.0.0.1:9090 through a port-forward.
 * @param timeout of one API call
 * @param shardUrlTemplate the base URL of one shard of a sharded Prometheus, with {pod} (the shard's
 *     first pod) besides {namespace} and {name}: the governing Service fronts every shard, so each is
 *     asked through its pod's DNS name
 * @param thanosRulerUrlTemplate the base URL of a ThanosRuler's HTTP API, with {namespace} and {name}
 */
public record CheckSettings(Duration interval, String urlTemplate, Duration timeout, String shardUrlTemplate,
    String thanosRulerUrlTemplate) {
  public static final String IN_CLUSTER_URL = "http://prometheus-operated.{namespace}.svc:9090";
  public static final String IN_CLUSTER_SHARD_URL = "http://{pod}.prometheus-operated.{namespace}.svc:9090";
  public static final String IN_CLUSTER_THANOS_RULER_URL = "http://thanos-ruler-operated.{namespace}.svc:10902";
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final CheckSettings DEFAULTS = new CheckSettings(DEFAULT_INTERVAL, IN_CLUSTER_URL, DEFAULT_TIMEOUT);

  /** In-cluster URLs for shards and ThanosRulers. */
  public CheckSettings(Duration interval, String urlTemplate, Duration timeout) {
    this(interval, urlTemplate, timeout, IN_CLUSTER_SHARD_URL, IN_CLUSTER_THANOS_RULER_URL);
  }

  /** The API base (ending in /) of an instance; a routePrefix moves the API under it. */
  public URI baseUrl(PrometheusSelection.Instance instance) {
    return resolve(instance.kind() == Kind.THANOS_RULER ? thanosRulerUrlTemplate : urlTemplate, instance, null);
  }

  /**
   * The API base (ending in /) where what an instance records is queried when that is not the instance itself (a
   * ThanosRuler's Querier, {@link PrometheusSelection.Instance#queryUrl}), or null.
   */
  public URI querierUrl(PrometheusSelection.Instance instance) {
    return instance.queryUrl() == null ? null : URI.create(instance.queryUrl().replaceAll("/+$", "") + "/");
  }

  /** The API base of every shard of an instance, by shard number (one for an instance that is not sharded). */
  public List<URI> shardUrls(PrometheusSelection.Instance instance) {
    if (instance.shards() == 1 || instance.kind() == Kind.THANOS_RULER) {
      return List.of(baseUrl(instance));
    }
    List<URI> out = new ArrayList<>();
    for (int shard = 0; shard < instance.shards(); shard++) {
      out.add(resolve(shardUrlTemplate, instance, instance.podOf(shard)));
    }
    return out;
  }

  private static URI resolve(String template, PrometheusSelection.Instance instance, String pod) {
    String url = template.replace("{namespace}", instance.namespace()).replace("{name}", instance.name());
    if (pod != null) {
      url = url.replace("{pod}", pod);
    }
    String prefix = instance.routePrefix() == null ? "" : instance.routePrefix().replaceAll("^/+|/+$", "");
    return URI.create(url.replaceAll("/+$", "") + "/" + (prefix.isEmpty() ? "" : prefix + "/"));
  }
}
