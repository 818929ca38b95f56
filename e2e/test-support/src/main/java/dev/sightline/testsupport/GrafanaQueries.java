package dev.sightline.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dashboard's queries, and its variables substituted the way Grafana substitutes them before it queries. */
public final class GrafanaQueries {
  /** One panel query: the panel's title, its refId and its expression as written. */
  public record PanelQuery(String panel, String refId, String expr) {}

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");

  private GrafanaQueries() {}

  /** Every panel target, in the dashboard's order (rows have none). */
  public static List<PanelQuery> panelQueries(JsonNode dashboard) {
    List<PanelQuery> out = new ArrayList<>();
    dashboard.get("panels").forEach(p -> p.path("targets").forEach(t ->
        out.add(new PanelQuery(p.get("title").asText(), t.get("refId").asText(), t.get("expr").asText()))));
    return out;
  }

  /**
   * The values Grafana gives the dashboard's variables on first load: each variable's current value, All
   * as its allValue, $__rate_interval as the interval given (Grafana: max(4 x scrape interval, step +
   * scrape interval)).
   */
  public static Map<String, String> defaults(JsonNode dashboard, String rateInterval) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("__rate_interval", rateInterval);
    for (JsonNode v : dashboard.at("/templating/list")) {
      String current = v.at("/current/value").asText();
      values.put(v.get("name").asText(), "$__all".equals(current) ? v.get("allValue").asText() : current);
    }
    return values;
  }

  /** The expression with every variable replaced; fails on a variable the dashboard does not define. */
  public static String substitute(String expr, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(expr);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      if (name.matches("\\d+")) { // a regex group reference of label_replace, not a variable
        m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
        continue;
      }
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException("query uses $" + name + ", which the dashboard does not define: " + expr);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
