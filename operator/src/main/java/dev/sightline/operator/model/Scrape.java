package dev.sightline.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;

/**
 * What Prometheus scrapes: one Service by name, or the Services a selector matches.
 *
 * @param serviceName the Service watched by name, or null when a selector is used
 * @param selector the Services' label selector, or null when a name is used
 */
public record Scrape(
    String serviceName, LabelSelector selector, IntOrString port, String path, String interval,
    String scrapeTimeout) {

  /** Human summary of the watched Service(s). */
  public String summary() {
    return serviceName != null ? serviceName : "selector " + Selectors.describe(selector);
  }
}
