package dev.sightline.operator.api;

/**
 * The syntax rules of the API as CEL expressions and messages in words, shared by the validation
 * annotations. The regular expressions are RE2 (CEL's and Prometheus's); "[.]" instead of a
 * backslash keeps them readable through both Java and CEL string escaping. Every string checked
 * by a CEL rule also has a maxLength, which keeps the rule inside the API server's cost budget.
 */
public final class Syntax {
  /**
   * A Prometheus duration (units largest first, each once), with bounded digits so the total stays
   * inside Prometheus's range (about 292 years): promtool rejects 99999999999999999999d.
   */
  public static final String PROMETHEUS_DURATION_RE =
      "^(0|([0-9]{1,2}y)?([0-9]{1,3}w)?([0-9]{1,3}d)?([0-9]{1,4}h)?([0-9]{1,4}m)?([0-9]{1,4}s)?([0-9]{1,4}ms)?)$";
  public static final String PROMETHEUS_DURATION =
      "self != '' && self.matches('" + PROMETHEUS_DURATION_RE + "')";
  public static final String PROMETHEUS_DURATION_WORDS =
      "a Prometheus duration: whole numbers with the units y, w, d, h, m, s, ms, largest first and each at most"
          + " once (at most 4 digits, 3 for w and d, 2 for y), e.g. 30s, 5m, 1h30m";

  /** A scrape duration: only h, m, s and ms, so CEL's duration() can compare interval and timeout. */
  public static final String SCRAPE_DURATION_RE = "^([0-9]{1,4}h)?([0-9]{1,4}m)?([0-9]{1,4}s)?([0-9]{1,4}ms)?$";
  public static final String SCRAPE_DURATION =
      "self.matches('" + SCRAPE_DURATION_RE + "') && self != '' && duration(self) > duration('0s')";
  public static final String SCRAPE_DURATION_WORDS =
      "a duration above zero in h, m, s and ms, largest first (at most 4 digits each), e.g. 30s, 1m or 1m30s";

  /** A request latency, as Go's time.ParseDuration (and CEL) reads it: decimals allowed. */
  public static final String LATENCY_RE = "^([0-9]{1,6}([.][0-9]{1,6})?(h|m|s|ms))+$";
  public static final String LATENCY =
      "self.matches('" + LATENCY_RE + "') && duration(self) > duration('0s')";
  public static final String LATENCY_WORDS =
      "a duration above zero in h, m, s or ms, decimals allowed, e.g. 300ms, 1s, 1.5s or 2s500ms";

  /** Prometheus metric and label names. */
  public static final String METRIC_NAME_RE = "^[a-zA-Z_:][a-zA-Z0-9_:]*$";
  public static final String LABEL_NAME_RE = "^[a-zA-Z_][a-zA-Z0-9_]*$";
  public static final String METRIC_NAME = "self.matches('" + METRIC_NAME_RE + "')";
  public static final String METRIC_NAME_WORDS =
      "a Prometheus metric name: letters, digits, _ and :, not starting with a digit, e.g. http_requests_total";
  public static final String LABEL_NAME = "self.matches('" + LABEL_NAME_RE + "')";
  public static final String LABEL_NAME_WORDS =
      "a Prometheus label name: letters, digits and _, not starting with a digit, e.g. status";

  /** Kubernetes label keys (optional DNS prefix and /, then a name of at most 63) and values. */
  public static final String LABEL_KEY_RE =
      "^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";
  public static final String LABEL_VALUE_RE = "^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$";
  public static final String LABEL_KEY_WORDS =
      "a Kubernetes label key: an optional DNS prefix and /, then at most 63 letters, digits, -, _ and ., starting"
          + " and ending with a letter or digit, e.g. team or app.kubernetes.io/part-of";
  public static final String LABEL_VALUE_WORDS =
      "a Kubernetes label value: at most 63 letters, digits, -, _ and ., starting and ending with a letter or"
          + " digit, or empty, e.g. payments";

  /** A DNS-1035 label: what Service names are. */
  public static final String DNS_LABEL_RE = "^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$";
  /** A Kubernetes object name such as a Secret's: DNS subdomain, lowercase. */
  public static final String DNS_SUBDOMAIN_RE = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

  /** An SLO window: whole days or weeks, at most 90 days. */
  public static final String WINDOW_FORMAT = "self.matches('^[1-9][0-9]{0,2}[dw]$')";
  public static final String WINDOW_AT_MOST_90_DAYS =
      "!" + WINDOW_FORMAT + " || int(self.substring(0, self.size() - 1)) * (self.endsWith('w') ? 7 : 1) <= 90";
  public static final String WINDOW_WORDS =
      "a whole number of days or weeks, e.g. 7d, 30d or 4w (no other unit: write 720h as 30d)";

  /** A percentage objective, strictly between 0 and 100. */
  public static final String PERCENT_OBJECTIVE = "self > 0.0 && self < 100.0";

  /**
   * An RE2 regular expression, compiled by CEL as Prometheus compiles it: an invalid one fails at the API
   * server, not in Prometheus. CEL's && skips the compile (and its raw error) when a look-around is there.
   */
  public static final String RE2 = "self != '' && !self.contains('(?=') && !self.contains('(?!')"
      + " && !self.contains('(?<=') && !self.contains('(?<!') && (''.matches(self) || !''.matches(self))";
  public static final String RE2_WORDS = "a non-empty RE2 regular expression (no look-ahead or look-behind)";

  private Syntax() {}
}
