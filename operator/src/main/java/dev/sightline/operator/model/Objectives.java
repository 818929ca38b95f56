package dev.sightline.operator.model;

import java.util.List;

/**
 * The service level objectives.
 *
 * @param availability percent of requests that must not fail
 * @param latency the latency objective, or null without one
 * @param window the SLO window, e.g. 30d
 * @param named the named objectives over chosen requests (spec.slos), in the spec's order
 */
public record Objectives(double availability, Latency latency, String window, List<Slo> named) {
  public Objectives {
    named = List.copyOf(named);
  }

  /**
   * Latency objective: a threshold (as written and in seconds), the percent of requests that must beat
   * it, and the service's histogram as Prometheus has it.
   */
  public record Latency(String threshold, double thresholdSeconds, double target, Histogram histogram) {
    /** How the latency SLI counts the requests faster than the threshold. */
    public enum Method {
      /** The classic bucket at the threshold (assumed while the layout is unknown): exact. */
      BUCKET,
      /** The native histogram's histogram_fraction up to the threshold: exact to the native buckets' width. */
      NATIVE,
      /** Linear interpolation between the classic buckets around the threshold. */
      INTERPOLATED,
      /** No SLI: every classic bucket lies below the threshold and there is no native histogram. */
      NONE
    }

    public Method method() {
      List<Double> b = histogram.buckets();
      if (b.stream().anyMatch(x -> Math.abs(x - thresholdSeconds) < 1e-9)) {
        return Method.BUCKET;
      }
      if (histogram.nativeBuckets()) {
        return Method.NATIVE;
      }
      if (b.isEmpty()) {
        return Method.BUCKET;
      }
      return boundAtOrAbove() != null ? Method.INTERPOLATED : Method.NONE;
    }

    /** The largest classic bound below the threshold, or null. */
    public Double boundBelow() {
      return histogram.buckets().stream().filter(b -> b < thresholdSeconds - 1e-9).reduce((a, b) -> b).orElse(null);
    }

    /** The smallest classic bound at or above the threshold, or null when every bound is below it. */
    public Double boundAtOrAbove() {
      return histogram.buckets().stream().filter(b -> b >= thresholdSeconds - 1e-9).findFirst().orElse(null);
    }

    /** The error budget as a ratio, e.g. 0.01 for 99 % under the threshold. */
    public double budget() {
      return Numbers.round(1 - target / 100.0);
    }
  }

  /** Whether any objective, the service-wide one or a named one, has a latency target (and so needs the histogram). */
  public boolean anyLatency() {
    return latency != null || named.stream().anyMatch(s -> s.latency() != null);
  }

  /** The error budget of the availability objective as a ratio, e.g. 0.005 for 99.5 %. */
  public double availabilityBudget() {
    return Numbers.round(1 - availability / 100.0);
  }

  /** Human summary, e.g. "99.5% / 30d" or "99.5%, 99% < 300ms / 30d". */
  public String summary() {
    StringBuilder sb = new StringBuilder(Numbers.format(availability)).append('%');
    if (latency != null) {
      sb.append(", ").append(Numbers.format(latency.target())).append("% < ").append(latency.threshold());
    }
    return sb.append(" / ").append(window).toString();
  }
}
