package dev.sightline.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;

/**
 * What Prometheus scrapes: one Service by name, or the Services a selector matches.
 *
 * @param serviceName the Service watched by name, or null when a selector is used
 * @param selector the Services' label selector, or null when a name is used
 */
public record Scrape(
    String serviceName, LabelSelector selector, IntOrString port, String path, String interval,
    String scrapeTimeout) {

  /** Whether this scrape watches the Service with this name and these labels. */
  public boolean watches(String name, Map<String, String> labels) {
    return watches(serviceName, selector, name, labels);
  }

  /** The rule: by selector when there is one, else by name. */
  public static boolean watches(String serviceName, LabelSelector selector, String name, Map<String, String> labels) {
    return selector != null ? Selectors.matches(selector, labels) : name.equals(serviceName);
  }

  /** Human summary of the watched Service(s). */
  public String summary() {
    return serviceName != null ? serviceName : "selector " + Selectors.describe(selector);
  }
}
