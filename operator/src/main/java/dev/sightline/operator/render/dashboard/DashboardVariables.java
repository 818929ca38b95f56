package dev.sightline.operator.render.dashboard;

import dev.sightline.operator.render.PromQl;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.operator.model.ObservedServiceModel;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's choices (Grafana template variables) as data, and the series selectors that honour
 * them. Each row of the dashboard honours the choices of its {@link Scope}: a panel there selects with
 * every one of them, so choosing an instance or a route changes every panel it applies to and no other.
 */
final class DashboardVariables {
  /** A choice the dashboard offers. */
  enum Variable {
    /** The environment: the namespaces where the same job runs (the service's own one first). */
    NAMESPACE("namespace", "Environment", null),
    /** The scrape targets (pods) of the job; All is any target (Grafana's dashboard linter asks for .+). */
    INSTANCE("instance", "Instance", ".+"),
    /**
     * The routes the service counts requests by (the convention's route label); All also keeps requests
     * without the label (a custom convention's series may have none), which .+ would drop.
     */
    ROUTE("route", "Route (patterns, pain)", ".*");

    final String name;
    final String label;
    /** What All matches, for a multi-value choice. */
    final String allValue;

    Variable(String name, String label, String allValue) {
      this.name = name;
      this.label = label;
      this.allValue = allValue;
    }

    /** How a query refers to the variable: $namespace. */
    String ref() {
      return "$" + name;
    }
  }

  /** The choices a row's panels honour; the others do not apply to what they show. */
  enum Scope {
    /** Everything the service does in the chosen environment, on the chosen instances. */
    INSTANCES(EnumSet.of(Variable.NAMESPACE, Variable.INSTANCE)),
    /** ... and on the chosen routes. */
    ROUTES(EnumSet.of(Variable.NAMESPACE, Variable.INSTANCE, Variable.ROUTE)),
    /** The whole service in the chosen environment: alerts and objectives are the service's, not a pod's. */
    SERVICE(EnumSet.of(Variable.NAMESPACE));

    final Set<Variable> variables;

    Scope(Set<Variable> variables) {
      this.variables = variables;
    }
  }

  private DashboardVariables() {}

  /**
   * metric{namespace="$namespace", job="..", instance=~"$instance", route=~"$route", extra...}: the
   * service's series, narrowed by the scope's choices. The route choice applies only to series with
   * the route label (requests and their histogram).
   */
  static String series(ObservedServiceModel m, Scope scope, String metric, boolean routed, Map<String, String> extra) {
    Map<String, String> matchers = new LinkedHashMap<>();
    matchers.put("namespace", "=\"" + Variable.NAMESPACE.ref() + "\"");
    matchers.put("job", "=" + PromQl.quote(m.name()));
    if (scope.variables.contains(Variable.INSTANCE)) {
      matchers.put("instance", "=~\"" + Variable.INSTANCE.ref() + "\"");
    }
    if (routed && scope.variables.contains(Variable.ROUTE)) {
      matchers.put(m.metrics().names().routeLabel(), "=~\"" + Variable.ROUTE.ref() + "\"");
    }
    return PromQl.selector(metric, matchers, extra);
  }

  /** The templating list: the data source, then the choices in the order they narrow. */
  static void write(ObservedServiceModel m, ArrayNode vars) {
    ObjectNode ds = vars.addObject();
    ds.put("name", "datasource");
    ds.put("label", "Data source");
    ds.put("type", "datasource");
    ds.put("query", "prometheus");
    ds.put("hide", 0);
    ds.put("skipUrlSync", false);
    String job = "job=" + PromQl.quote(m.name());
    query(vars, Variable.NAMESPACE, "label_values(up{" + job + "}, namespace)", false)
        .putObject("current").put("text", m.namespace()).put("value", m.namespace());
    String inNamespace = "namespace=\"" + Variable.NAMESPACE.ref() + "\", " + job;
    all(query(vars, Variable.INSTANCE, "label_values(up{" + inNamespace + "}, instance)", true), Variable.INSTANCE);
    String route = m.metrics().names().routeLabel();
    all(query(vars, Variable.ROUTE,
        "label_values(" + m.metrics().names().requestsTotal() + "{" + inNamespace + "}, " + route + ")", true),
        Variable.ROUTE);
  }

  private static ObjectNode query(ArrayNode vars, Variable v, String query, boolean multi) {
    ObjectNode q = vars.addObject();
    q.put("name", v.name);
    q.put("label", v.label);
    q.put("type", "query");
    q.putObject("datasource").put("type", "prometheus").put("uid", Panel.DATASOURCE);
    // the query as a string, as mixins ship it: Grafana reads label_values(selector, label) in every version
    q.put("query", query);
    q.put("refresh", 2);
    q.put("hide", 0);
    q.put("skipUrlSync", false);
    q.put("multi", multi);
    q.put("includeAll", multi);
    q.put("sort", 1);
    q.put("regex", "");
    return q;
  }

  private static void all(ObjectNode q, Variable v) {
    q.put("allValue", v.allValue);
    q.putObject("current").put("text", "All").put("value", "$__all");
  }
}
