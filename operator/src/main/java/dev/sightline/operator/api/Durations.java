package dev.sightline.operator.api;

/** Patterns shared by the API's validation annotations. */
public final class Durations {
  /** A Prometheus duration as prometheus-operator's own CRDs validate it (e.g. 30s, 1m30s, 2h). */
  public static final String PROMETHEUS_DURATION =
      "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$";
  /** A request-latency duration: CEL's duration() must parse it, so only h/m/s/ms units. */
  public static final String LATENCY_DURATION = "^(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$";
  /** A Prometheus metric name. */
  public static final String METRIC_NAME = "^[a-zA-Z_:][a-zA-Z0-9_:]*$";
  /** A Prometheus label name. */
  public static final String LABEL_NAME = "^[a-zA-Z_][a-zA-Z0-9_]*$";

  private Durations() {}
}
