package dev.sightline.operator.render.dashboard;

import dev.sightline.operator.render.Expr;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Grafana panel, built fluently and written as JSON in a fixed key order (byte-identical
 * dashboards): {@code Panel.stat("Request rate", "...", "reqps").query(expr).size(4, 4)}. Every panel is
 * written complete, as Grafana saves it: each option its panel type requires (Grafana's published schema,
 * checked by GrafanaSchemaTest), field overrides, and the targets with the datasource variable.
 */
public final class Panel {
  static final String DATASOURCE = "${datasource}";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Grafana's panel types Sightline uses. */
  public enum Type { STAT, TIMESERIES, HEATMAP, BARGAUGE }

  /** One query and its legend. */
  public record Query(String expr, String legend) {}

  /** A link Grafana shows on a value: a runbook, a page about it. */
  public record Link(String title, String url) {}

  private final Type type;
  private final String title;
  private final String description;
  private final String unit;
  private final List<Query> queries = new ArrayList<>();
  private final Map<String, List<Link>> links = new LinkedHashMap<>();
  private final Map<Integer, String[]> mappings = new TreeMap<>();
  private String baseColor = "green";
  private final Map<Double, String> steps = new TreeMap<>();
  private boolean names;
  private int width = 12;
  private int height = 8;

  private Panel(Type type, String title, String description, String unit) {
    this.type = type;
    this.title = title;
    this.description = description;
    this.unit = unit;
    if (type == Type.STAT) {
      size(3, 4);
    }
  }

  /** A single number, the last value; its query's legend is the title. */
  public static Panel stat(String title, String description, String unit) {
    return new Panel(Type.STAT, title, description, unit);
  }

  public static Panel timeseries(String title, String description, String unit) {
    return new Panel(Type.TIMESERIES, title, description, unit);
  }

  /**
   * Requests per duration bucket over time, from Prometheus' cumulative buckets (the target's heatmap
   * format turns them into per-bucket counts; calculate off, so Grafana does not re-bucket the rates).
   */
  public static Panel heatmap(String title, String description, String unit) {
    return new Panel(Type.HEATMAP, title, description, unit);
  }

  /** Horizontal bars of instant values. */
  public static Panel bargauge(String title, String description, String unit) {
    return new Panel(Type.BARGAUGE, title, description, unit);
  }

  public Panel query(Expr expr) {
    return query(expr, title);
  }

  public Panel query(Expr expr, String legend) {
    queries.add(new Query(expr.text(), legend));
    return this;
  }

  /** Links on the values of the last query added (data links; Grafana interpolates variables in them). */
  public Panel links(List<Link> forLastQuery) {
    if (!forLastQuery.isEmpty()) {
      links.put(refId(queries.size() - 1), List.copyOf(forLastQuery));
    }
    return this;
  }

  /** Shows this value as text in a colour instead of the number (e.g. 1 as "Firing" in red). */
  public Panel mapping(int value, String text, String color) {
    mappings.put(value, new String[] {text, color});
    return this;
  }

  /** A stat shows each value with its legend (several values, e.g. "up" and "of"). */
  public Panel withNames() {
    names = true;
    return this;
  }

  /** The colour below the first step. */
  public Panel base(String color) {
    baseColor = color;
    return this;
  }

  /** From this value up, this colour (a threshold line on time series). */
  public Panel step(double from, String color) {
    steps.put(from, color);
    return this;
  }

  /** Width (of 24 columns) and height in grid units. */
  public Panel size(int width, int height) {
    this.width = width;
    this.height = height;
    return this;
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  Type type() {
    return type;
  }

  String title() {
    return title;
  }

  String description() {
    return description;
  }

  List<Query> queries() {
    return List.copyOf(queries);
  }

  ObjectNode toJson() {
    ObjectNode p = F.objectNode();
    p.put("type", type.name().toLowerCase());
    p.put("title", title);
    p.put("description", description);
    p.putObject("datasource").put("type", "prometheus").put("uid", DATASOURCE);
    ObjectNode fieldConfig = p.putObject("fieldConfig");
    fieldConfig(fieldConfig.putObject("defaults"));
    overrides(fieldConfig.putArray("overrides"));
    ArrayNode targets = p.putArray("targets");
    for (int i = 0; i < queries.size(); i++) {
      Query q = queries.get(i);
      ObjectNode t = targets.addObject();
      t.put("refId", refId(i));
      t.putObject("datasource").put("type", "prometheus").put("uid", DATASOURCE);
      t.put("expr", q.expr());
      t.put("legendFormat", q.legend());
      switch (type) {
        case HEATMAP -> t.put("format", "heatmap");
        case BARGAUGE, STAT -> t.put("instant", true);
        default -> t.put("range", true);
      }
    }
    options(p.putObject("options"));
    return p;
  }

  private void fieldConfig(ObjectNode defaults) {
    defaults.put("unit", unit);
    ObjectNode thresholds = defaults.putObject("thresholds");
    thresholds.put("mode", "absolute");
    ArrayNode s = thresholds.putArray("steps");
    s.addObject().putNull("value").put("color", baseColor);
    steps.forEach((value, color) -> s.addObject().put("value", value).put("color", color));
    if (!mappings.isEmpty()) {
      ObjectNode options = defaults.putArray("mappings").addObject().put("type", "value").putObject("options");
      int index = 0;
      for (Map.Entry<Integer, String[]> m : mappings.entrySet()) {
        options.putObject(String.valueOf(m.getKey()))
            .put("text", m.getValue()[0]).put("color", m.getValue()[1]).put("index", index++);
      }
    }
    if (type == Type.TIMESERIES && !steps.isEmpty()) {
      defaults.putObject("custom").putObject("thresholdsStyle").put("mode", "line");
    }
  }

  private void overrides(ArrayNode overrides) {
    links.forEach((refId, list) -> {
      ObjectNode o = overrides.addObject();
      o.putObject("matcher").put("id", "byFrameRefID").put("options", refId);
      ArrayNode value = o.putArray("properties").addObject().put("id", "links").putArray("value");
      list.forEach(l -> value.addObject().put("title", l.title()).put("url", l.url()).put("targetBlank", true));
    });
  }

  private void options(ObjectNode o) {
    switch (type) {
      case STAT -> {
        reduce(o);
        o.put("orientation", "auto");
        o.put("textMode", names ? "value_and_name" : "value");
        o.put("wideLayout", true);
        o.put("colorMode", mappings.isEmpty() ? "value" : "background");
        o.put("graphMode", mappings.isEmpty() ? "area" : "none");
        o.put("justifyMode", "auto");
        o.put("showPercentChange", false);
        o.put("percentChangeColorMode", "standard");
      }
      case TIMESERIES -> {
        legend(o, "list", "bottom");
        tooltip(o, "multi");
      }
      case HEATMAP -> {
        o.put("calculate", false);
        ObjectNode color = o.putObject("color");
        color.put("mode", "scheme").put("scheme", "Oranges").put("fill", "dark-orange").put("scale", "exponential")
            .put("exponent", 0.5).put("steps", 64).put("reverse", false);
        o.putObject("yAxis").put("axisPlacement", "left").put("unit", unit).put("reverse", false);
        o.putObject("rowsFrame").put("layout", "auto");
        o.put("cellGap", 1);
        o.put("showValue", "never");
        o.putObject("legend").put("show", true);
        o.putObject("tooltip").put("mode", "single").put("yHistogram", false).put("showColorScale", false);
        o.putObject("exemplars").put("color", "rgba(255,0,255,0.7)");
        o.putObject("filterValues").put("le", 1e-9);
      }
      case BARGAUGE -> {
        reduce(o);
        o.put("orientation", "horizontal");
        o.put("displayMode", "gradient");
        o.put("valueMode", "color");
        o.put("namePlacement", "auto");
        o.put("showUnfilled", true);
        o.put("sizing", "auto");
        o.put("minVizWidth", 8);
        o.put("minVizHeight", 16);
        o.put("maxVizHeight", 300);
        legend(o, "list", "bottom").put("showLegend", false);
      }
    }
  }

  private static void reduce(ObjectNode o) {
    ObjectNode r = o.putObject("reduceOptions");
    r.put("values", false);
    r.putArray("calcs").add("lastNotNull");
    r.put("fields", "");
  }

  private static ObjectNode legend(ObjectNode o, String mode, String placement) {
    ObjectNode l = o.putObject("legend");
    l.put("showLegend", true).put("displayMode", mode).put("placement", placement);
    l.putArray("calcs");
    return l;
  }

  private static void tooltip(ObjectNode o, String mode) {
    o.putObject("tooltip").put("mode", mode).put("sort", "desc");
  }

  static String refId(int index) {
    return String.valueOf((char) ('A' + index));
  }
}
