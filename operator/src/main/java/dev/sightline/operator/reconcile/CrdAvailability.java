package dev.sightline.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a CRD is installed, asked at most every {@link #RECHECK} while missing and cached once
 * present (CRDs are not expected to disappear under a running operator). Keyed by API server, so
 * several operators in one JVM (tests) do not share answers.
 */
public final class CrdAvailability {
  public static final Duration RECHECK = Duration.ofSeconds(10);
  private static final Map<String, Long> missingSince = new ConcurrentHashMap<>();
  private static final Map<String, Boolean> present = new ConcurrentHashMap<>();

  private CrdAvailability() {}

  public static boolean isPresent(KubernetesClient client, String crdName) {
    String key = client.getMasterUrl() + "|" + crdName;
    if (present.containsKey(key)) {
      return true;
    }
    Long lastCheck = missingSince.get(key);
    long now = System.nanoTime();
    if (lastCheck != null && now - lastCheck < RECHECK.toNanos()) {
      return false;
    }
    boolean found = client.apiextensions().v1().customResourceDefinitions().withName(crdName).get() != null;
    if (found) {
      present.put(key, true);
      missingSince.remove(key);
    } else {
      missingSince.put(key, now);
    }
    return found;
  }
}
