package dev.sightline.operator.prometheus;

import java.net.URI;
import java.time.Duration;

/**
 * How the live checks reach Prometheus.
 *
 * @param interval one check cycle: how often every selecting Prometheus is asked about every service
 * @param urlTemplate the HTTP API's base URL of an instance, with {namespace} and {name}; by default
 *     the governing Service prometheus-operator creates in the instance's namespace. Out of cluster,
 *     e.g. http://127.0.0.1:9090 through a port-forward.
 * @param timeout of one API call
 */
public record CheckSettings(Duration interval, String urlTemplate, Duration timeout) {
  public static final String IN_CLUSTER_URL = "http://prometheus-operated.{namespace}.svc:9090";
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final CheckSettings DEFAULTS = new CheckSettings(DEFAULT_INTERVAL, IN_CLUSTER_URL, DEFAULT_TIMEOUT);

  /** The API base (ending in /) of an instance; a routePrefix moves the API under it. */
  public URI baseUrl(PrometheusSelection.Instance instance) {
    String url = urlTemplate.replace("{namespace}", instance.namespace()).replace("{name}", instance.name());
    String prefix = instance.routePrefix() == null ? "" : instance.routePrefix().replaceAll("^/+|/+$", "");
    return URI.create(url.replaceAll("/+$", "") + "/" + (prefix.isEmpty() ? "" : prefix + "/"));
  }
}
