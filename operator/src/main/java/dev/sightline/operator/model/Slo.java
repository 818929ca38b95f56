package dev.sightline.operator.model;

/**
 * One named objective over chosen requests: its own SLI, budget and burn-rate alerts, labelled with its name.
 *
 * @param name the objective's name, label slo on its series and alerts
 * @param requests which requests count
 * @param availability percent of the chosen requests that must not fail, or null without an availability target
 * @param latency the latency objective, or null without one
 * @param window the SLO window, e.g. 30d
 * @param perRoute whether it is one SLO per value of the route label (grouped)
 */
public record Slo(String name, Requests requests, Double availability, Objectives.Latency latency, String window,
    boolean perRoute) {

  /**
   * The requests an objective counts: a matcher on the route label and one on the method label, each null for
   * every value.
   */
  public record Requests(LabelMatch route, LabelMatch method) {
    public static final Requests ALL = new Requests(null, null);
  }

  /**
   * A PromQL label matcher: {@code =} one exact value, or {@code =~} an RE2 regular expression (exact values
   * joined, their metacharacters escaped).
   */
  public record LabelMatch(String op, String value) {
    /** Exactly these values: {@code =} for one, a regular expression of the escaped values for several. */
    public static LabelMatch anyOf(java.util.List<String> values) {
      return values.size() == 1 ? new LabelMatch("=", values.get(0))
          : new LabelMatch("=~", String.join("|", values.stream().map(LabelMatch::quoteMeta).toList()));
    }

    public static LabelMatch regex(String re) {
      return new LabelMatch("=~", re);
    }

    /** RE2's (Go's regexp.QuoteMeta) escaping: the value matched literally. */
    static String quoteMeta(String s) {
      StringBuilder b = new StringBuilder();
      for (char c : s.toCharArray()) {
        if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
          b.append('\\');
        }
        b.append(c);
      }
      return b.toString();
    }
  }

  /** The error budget of the availability objective as a ratio, e.g. 0.001 for 99.9 %. */
  public double availabilityBudget() {
    return Numbers.round(1 - availability / 100.0);
  }

  /** Human summary, e.g. "checkout 99.9%, 99% < 300ms / 30d". */
  public String summary() {
    return name + " " + promise();
  }

  /** What it promises, e.g. "99.9%, 99% < 300ms / 30d". */
  public String promise() {
    StringBuilder sb = new StringBuilder();
    if (availability != null) {
      sb.append(Numbers.format(availability)).append('%');
    }
    if (latency != null) {
      sb.append(availability != null ? ", " : "").append(Numbers.format(latency.target())).append("% < ")
          .append(latency.threshold());
    }
    return sb.append(" / ").append(window).toString();
  }
}
