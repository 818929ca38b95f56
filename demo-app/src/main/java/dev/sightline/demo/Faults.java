package dev.sightline.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fault injection per route template ("/api/orders/{id}") or for every route ("*"): an error
 * rate, added latency and latency jitter. Replaced atomically, read on every request.
 */
public final class Faults {
  /** One route's faults. errorRate in [0,1]; latencyMs and jitterMs in [0,60000]. */
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  public record Fault(double errorRate, long latencyMs, long jitterMs) {
    public Fault {
      if (errorRate < 0 || errorRate > 1) {
        throw new IllegalArgumentException("errorRate must be between 0 and 1, got " + errorRate);
      }
      if (latencyMs < 0 || latencyMs > 60_000 || jitterMs < 0 || jitterMs > 60_000) {
        throw new IllegalArgumentException("latencyMs and jitterMs must be between 0 and 60000");
      }
    }
  }

  /** What a request must suffer. */
  public record Decision(boolean fail, long delayMs) {}

  private volatile Map<String, Fault> byRoute = Map.of();

  public Map<String, Fault> get() {
    return byRoute;
  }

  public void set(Map<String, Fault> faults) {
    byRoute = Map.copyOf(new TreeMap<>(faults));
  }

  public Decision decide(String route) {
    Map<String, Fault> current = byRoute;
    return decide(current.getOrDefault(route, current.get("*")));
  }

  /** For this route's own entry only, not "*": /metrics fails only when asked by name, never in a storm. */
  public Decision decideExactly(String route) {
    return decide(byRoute.get(route));
  }

  private static Decision decide(Fault f) {
    if (f == null) {
      return new Decision(false, 0);
    }
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long delay = f.latencyMs() + (f.jitterMs() > 0 ? r.nextLong(f.jitterMs() + 1) : 0);
    return new Decision(f.errorRate() > 0 && r.nextDouble() < f.errorRate(), delay);
  }
}
