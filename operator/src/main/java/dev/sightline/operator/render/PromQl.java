package dev.sightline.operator.render;

import dev.sightline.operator.model.ObservedServiceModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Builds PromQL series selectors with correctly escaped label values. */
public final class PromQl {
  private PromQl() {}

  /** The label matchers that pick one ObservedService's series: namespace and the job the ServiceMonitor sets. */
  public static Map<String, String> serviceMatchers(ObservedServiceModel model) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("namespace", "=" + quote(model.namespace()));
    m.put("job", "=" + quote(model.name()));
    return m;
  }

  /** metric{namespace="..", job=".."} plus extra matchers given as label -> operator+quoted value. */
  public static String series(String metric, ObservedServiceModel model, Map<String, String> extra) {
    return selector(metric, serviceMatchers(model), extra);
  }

  /**
   * metric{base..., extra...}: the base matchers in their order, then the extra ones sorted by label.
   * Sorted because callers pass Map.of, whose order changes from one JVM to the next: a restarted operator
   * would render other text and rewrite every object (the scale benchmark caught it on the dashboards).
   */
  public static String selector(String metric, Map<String, String> base, Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>(base);
    all.putAll(new TreeMap<>(extra));
    StringJoiner j = new StringJoiner(", ", metric + "{", "}");
    all.forEach((k, v) -> j.add(k + v));
    return j.toString();
  }

  public static String series(String metric, ObservedServiceModel model) {
    return series(metric, model, Map.of());
  }

  /** The same selector as an expression to build on. */
  public static Expr expr(String metric, ObservedServiceModel model) {
    return Expr.of(series(metric, model));
  }

  public static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
