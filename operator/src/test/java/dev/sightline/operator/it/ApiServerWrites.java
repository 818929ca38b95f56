package dev.sightline.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts write requests from the API server's own apiserver_request_total metric. */
public final class ApiServerWrites {
  private static final Set<String> WRITE_VERBS = Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION");
  private static final Pattern LINE = Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private ApiServerWrites() {}

  /** Writes so far to the given resources (plural names, e.g. configmaps), any subresource. */
  public static long count(KubernetesClient client, Set<String> resources) {
    String metrics = client.raw("/metrics");
    long total = 0;
    for (String line : metrics.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String verb = null;
      String resource = null;
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        if (l.group(1).equals("verb")) {
          verb = l.group(2);
        } else if (l.group(1).equals("resource")) {
          resource = l.group(2);
        }
      }
      if (WRITE_VERBS.contains(verb) && resources.contains(resource)) {
        total += (long) Double.parseDouble(m.group(2));
      }
    }
    return total;
  }
}
