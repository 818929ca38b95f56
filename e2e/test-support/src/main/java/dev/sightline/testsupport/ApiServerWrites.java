package dev.sightline.testsupport;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts write requests (and, apart, single-object reads) from the API server's own apiserver_request_total. */
public final class ApiServerWrites {
  private static final Set<String> WRITE_VERBS = Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION");
  private static final Pattern LINE = Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private ApiServerWrites() {}

  /** Writes so far to the given resources (plural names, e.g. configmaps), any subresource. */
  public static long count(KubernetesClient client, Set<String> resources) {
    return sum(byVerbAndResource(client), resources);
  }

  /** Single-object reads (GET, not LIST or WATCH) so far of the given resources: what a cache should spare. */
  public static long gets(KubernetesClient client, Set<String> resources) {
    return sum(requests(client, Set.of("GET")), resources);
  }

  /** Writes so far by "VERB resource[/subresource]", e.g. "APPLY observedservices/status". */
  public static Map<String, Long> byVerbAndResource(KubernetesClient client) {
    return requests(client, WRITE_VERBS);
  }

  /** The sum over "VERB resource[/subresource]" keys whose resource is one of the given. */
  private static long sum(Map<String, Long> byVerbAndResource, Set<String> resources) {
    return byVerbAndResource.entrySet().stream()
        .filter(e -> resources.contains(e.getKey().substring(e.getKey().indexOf(' ') + 1).split("/")[0]))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static Map<String, Long> requests(KubernetesClient client, Set<String> verbs) {
    Map<String, Long> out = new TreeMap<>();
    for (String line : client.raw("/metrics").split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      if (!verbs.contains(labels.get("verb"))) {
        continue;
      }
      String sub = labels.getOrDefault("subresource", "");
      String key = labels.get("verb") + " " + labels.get("resource") + (sub.isEmpty() ? "" : "/" + sub);
      out.merge(key, (long) Double.parseDouble(m.group(2)), Long::sum);
    }
    return out;
  }
}
