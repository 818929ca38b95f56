package dev.sightline.operator.model;

/**
 * The service level objectives.
 *
 * @param availability percent of requests that must not fail
 * @param latency the latency objective, or null without one
 * @param window the SLO window, e.g. 30d
 */
public record Objectives(double availability, Latency latency, String window) {

  /** Latency objective: a threshold (as written and in seconds) and the percent of requests that must beat it. */
  public record Latency(String threshold, double thresholdSeconds, double target) {
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
