package dev.sightline.operator.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Grafana panel, built fluently and written as JSON in a fixed key order (byte-identical
 * dashboards): {@code Panel.stat("Request rate", "...", "reqps").query(expr).size(4, 4)}.
 */
public final class Panel {
  static final String DATASOURCE = "${datasource}";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Grafana's panel types Sightline uses. */
  public enum Type { STAT, TIMESERIES, HEATMAP, BARGAUGE }

  /** One query and its legend. */
  public record Query(String expr, String legend) {}

  private final Type type;
  private final String title;
  private final String description;
  private final String unit;
  private final List<Query> queries = new ArrayList<>();
  private String baseColor = "green";
  private final Map<Double, String> steps = new TreeMap<>();
  private int width = 12;
  private int height = 8;

  private Panel(Type type, String title, String description, String unit) {
    this.type = type;
    this.title = title;
    this.description = description;
    this.unit = unit;
  }

  /** A single number, the last value; its query's legend is the title. */
  public static Panel stat(String title, String description, String unit) {
    return new Panel(Type.STAT, title, description, unit);
  }

  public static Panel timeseries(String title, String description, String unit) {
    return new Panel(Type.TIMESERIES, title, description, unit);
  }

  /** Requests per duration bucket over time (Grafana does not re-bucket). */
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

  ObjectNode toJson() {
    ObjectNode p = F.objectNode();
    p.put("type", type.name().toLowerCase());
    p.put("title", title);
    p.put("description", description);
    p.putObject("datasource").put("type", "prometheus").put("uid", DATASOURCE);
    ObjectNode defaults = p.putObject("fieldConfig").putObject("defaults");
    defaults.put("unit", unit);
    ObjectNode thresholds = defaults.putObject("thresholds");
    thresholds.put("mode", "absolute");
    ArrayNode s = thresholds.putArray("steps");
    s.addObject().putNull("value").put("color", baseColor);
    steps.forEach((value, color) -> s.addObject().put("value", value).put("color", color));
    if (type == Type.TIMESERIES && !steps.isEmpty()) {
      defaults.putObject("custom").putObject("thresholdsStyle").put("mode", "line");
    }
    ArrayNode targets = p.putArray("targets");
    for (Query q : queries) {
      ObjectNode t = targets.addObject();
      t.put("refId", String.valueOf((char) ('A' + targets.size() - 1)));
      t.putObject("datasource").put("type", "prometheus").put("uid", DATASOURCE);
      t.put("expr", q.expr());
      t.put("legendFormat", q.legend());
      switch (type) {
        case HEATMAP -> t.put("format", "heatmap");
        case BARGAUGE -> t.put("instant", true);
        default -> { }
      }
    }
    switch (type) {
      case STAT -> p.putObject("options").putObject("reduceOptions").putArray("calcs").add("lastNotNull");
      case HEATMAP -> p.putObject("options").putObject("calculate").put("value", false);
      case BARGAUGE -> p.putObject("options").put("orientation", "horizontal").put("displayMode", "gradient");
      default -> { }
    }
    return p;
  }
}
