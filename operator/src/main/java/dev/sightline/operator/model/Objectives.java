package dev.sightline.operator.model;

import java.util.List;

/**
 * The service level objectives.
 *
 * @param availability percent of requests that must not fail
 * @param latency the latency objective, or null without one
 * @param window the SLO window, e.g. 30d
 */
public record Objectives(double availability, Latency latency, String window) {

  /**
   * Latency objective: a threshold (as written and in seconds), the percent of requests that must beat
   * it, and the histogram's finite bucket bounds in seconds as Prometheus has them (empty while unknown).
   */
  public record Latency(String threshold, double thresholdSeconds, double target, List<Double> buckets) {
    /** Whether the histogram has a bucket at the threshold, or its layout is unknown (then one is assumed). */
    public boolean bucketAtThreshold() {
      return buckets.isEmpty() || buckets.stream().anyMatch(b -> Math.abs(b - thresholdSeconds) < 1e-9);
    }

    /** Whether a latency SLI can be computed: a bucket at the threshold, or one above it to interpolate to. */
    public boolean computable() {
      return bucketAtThreshold() || boundAtOrAbove() != null;
    }

    /** The largest bound below the threshold, or null. */
    public Double boundBelow() {
      return buckets.stream().filter(b -> b < thresholdSeconds - 1e-9).reduce((a, b) -> b).orElse(null);
    }

    /** The smallest bound at or above the threshold, or null when every bound is below it. */
    public Double boundAtOrAbove() {
      return buckets.stream().filter(b -> b >= thresholdSeconds - 1e-9).findFirst().orElse(null);
    }

    /** The error budget as a ratio, e.g. 0.01 for 99 % under the threshold. */
    public double budget() {
      return Numbers.round(1 - target / 100.0);
    }
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
