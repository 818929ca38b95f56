package dev.sightline.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.GeneratedDocs;
import dev.sightline.operator.model.Alerts;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.render.routing.AlertmanagerConfigRenderer;
import dev.sightline.operator.render.rules.GoldenSignalAlerts;
import dev.sightline.operator.render.rules.Windows;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every default lives in {@link Defaults}: the generated CRD's default: values are exactly its
 * entries marked inCrd, and the reference, alert and routing tables in docs/ are generated from it, the
 * CRD's descriptions and the alert definitions (refresh with -Dsightline.updateReadme=true).
 */
public class ApiReferenceTest {
  static final Path CRD = Path.of("target/classes/META-INF/fabric8/observedservices.sightline.dev-v1.yml");

  @Test
  void theCrdDefaultsAreTheDefaultsTable() throws IOException {
    Map<String, Object> crdDefaults = new LinkedHashMap<>();
    walk(specSchema(), "", (path, schema) -> {
      if (schema.containsKey("default")) {
        crdDefaults.put(path, schema.get("default"));
      }
    });
    Map<String, String> table = Defaults.TABLE.stream().filter(Defaults.Entry::inCrd)
        .collect(Collectors.toMap(Defaults.Entry::field, Defaults.Entry::value, (a, b) -> a, LinkedHashMap::new));
    assertThat(crdDefaults.keySet()).as("fields with a CRD default").containsExactlyInAnyOrderElementsOf(table.keySet());
    table.forEach((field, value) -> assertThat(same(crdDefaults.get(field), value))
        .as("CRD default of %s is %s, the table says %s", field, crdDefaults.get(field), value).isTrue());
  }

  @Test
  void theModelOfAnEmptySpecHasTheTablesDefaults() {
    ObservedServiceModel m = ObservedServiceModel.fromCrd(empty());
    assertThat(m.scrape().interval()).isEqualTo(Defaults.INTERVAL);
    assertThat(m.scrape().port().getStrVal()).isEqualTo(Defaults.PORT);
    assertThat(m.objectives().window()).isEqualTo(Defaults.WINDOW);
    assertThat(m.alerts().basics("HighErrorRate").forDuration())
        .isEqualTo(AlertCatalog.governing("HighErrorRate").forDuration()).isEqualTo("3m30s");
    assertThat(m.alerts().basics("HighErrorRate").severity()).isEqualTo(Defaults.PAGE_SEVERITY);
    assertThat(m.alerts().highLatency().threshold()).isEqualTo(Defaults.LATENCY_THRESHOLD);
    assertThat(m.alerts().budgetBurn().keepFiringFor()).isEqualTo(Defaults.KEEP_FIRING_FOR);
    assertThat(m.alerts().basics("HighErrorRate").keepFiringFor()).as("a page holds").isEqualTo(Defaults.KEEP_FIRING_FOR);
    assertThat(m.alerts().basics("HighLatency").keepFiringFor()).as("a ticket does not").isNull();
    assertThat(m.dashboard().folder()).isEqualTo(Defaults.DASHBOARD_FOLDER);
  }

  @Test
  void theReferenceTablesAreGeneratedFromTheCode() throws IOException {
    GeneratedDocs.check(GeneratedDocs.DOCS.resolve("reference.md"), "ApiReferenceTest",
        Map.of("api-reference", referenceTable()));
    GeneratedDocs.check(GeneratedDocs.DOCS.resolve("alerts.md"), "ApiReferenceTest",
        Map.of("alert-table", alertTable()));
    GeneratedDocs.check(GeneratedDocs.DOCS.resolve("routing.md"), "ApiReferenceTest",
        Map.of("routing-table", routingTable()));
  }

  static String referenceTable() throws IOException {
    Map<String, String> defaults = Defaults.TABLE.stream()
        .collect(Collectors.toMap(Defaults.Entry::field, Defaults.Entry::value));
    StringBuilder md = new StringBuilder("| Field | Default | Meaning |\n|---|---|---|\n");
    walk(specSchema(), "", (path, schema) -> {
      String description = String.valueOf(schema.getOrDefault("description", ""))
          .replaceAll(" ?Defaults?: .*$", "").replace("|", "\\|").replace("\n", " ").trim();
      String value = defaults.get(path);
      md.append("| `").append(path).append("` | ").append(value == null ? "–" : "`" + value + "`").append(" | ")
          .append(description).append(" |\n");
    });
    return md.toString();
  }

  static String alertTable() {
    Alerts a = ObservedServiceModel.fromCrd(empty()).alerts();
    StringBuilder md = new StringBuilder("| Alert | Fires when | Default |\n|---|---|---|\n");
    for (GoldenSignalAlerts.Definition d : GoldenSignalAlerts.DEFINITIONS) {
      Alerts.Basics b = a.basics(d.name());
      md.append("| `").append(d.name()).append("` | ").append(d.firesWhen()).append(" | ").append(b.forDuration())
          .append(", ").append(b.severity().equals(a.pageSeverity()) ? "page" : "ticket")
          .append(b.keepFiringFor() == null ? "" : ", keep_firing_for " + b.keepFiringFor()).append(" |\n");
    }
    for (boolean page : new boolean[] {true, false}) {
      List<String> pairs = new ArrayList<>();
      for (Windows.Pair p : Windows.PAIRS) {
        if (p.page() == page) {
          pairs.add(Numbers.format(p.factor(Defaults.WINDOW)) + "× over " + p.longWindow() + " **and** " + p.shortWindow());
        }
      }
      md.append("| `{Availability,Latency}BudgetBurn").append(page ? "Fast" : "Slow").append("` | the error (or slow")
          .append("-request) ratio burns the budget faster than ").append(String.join(", or ", pairs))
          .append(" (").append(Defaults.WINDOW).append(" window; at least `alerts.budgetBurn.minRequests` requests in")
          .append(" the long window, whose ratio must clear the factor by more than chance: two standard errors,")
          .append(" √(threshold / requests)) | ")
          .append(page ? "page" : "ticket").append(", keep_firing_for ").append(a.budgetBurn().keepFiringFor())
          .append(" |\n");
    }
    return md.toString();
  }

  /** What goes where with spec.routing, and what mutes what (AlertmanagerConfigRenderer's data). */
  static String routingTable() {
    ObservedService o = empty();
    o.setSpec(new ObservedServiceSpec());
    o.getSpec().objectives = new ObjectivesSpec();
    o.getSpec().objectives.latency = new LatencyObjectiveSpec();
    o.getSpec().objectives.latency.threshold = "300ms";
    ObservedServiceModel m = ObservedServiceModel.fromCrd(o);
    StringBuilder md = new StringBuilder("| Severity | Receiver | group_wait / group_interval / repeat_interval |\n"
        + "|---|---|---|\n");
    md.append("| page (`").append(m.alerts().pageSeverity()).append("`) | `routing.page` | ")
        .append(Defaults.PAGE_GROUP_WAIT).append(" / ").append(Defaults.PAGE_GROUP_INTERVAL).append(" / ")
        .append(Defaults.PAGE_REPEAT_INTERVAL).append(" |\n");
    md.append("| ticket (`").append(m.alerts().ticketSeverity()).append("`) | `routing.ticket` | ")
        .append(Defaults.TICKET_GROUP_WAIT).append(" / ").append(Defaults.TICKET_GROUP_INTERVAL).append(" / ")
        .append(Defaults.TICKET_REPEAT_INTERVAL).append(" |\n\n");
    md.append("| While this fires (same namespace and job) | it mutes | Why |\n|---|---|---|\n");
    for (AlertmanagerConfigRenderer.Inhibition i : AlertmanagerConfigRenderer.INHIBITIONS) {
      md.append("| ").append(words(i.source().apply(m), m)).append(" | ").append(words(i.target().apply(m), m))
          .append(" | ").append(i.why()).append(" |\n");
    }
    return md.toString();
  }

  private static String words(io.fabric8.openshift.api.model.monitoring.v1alpha1.Matcher matcher,
      ObservedServiceModel m) {
    if (matcher.getName().equals("severity")) {
      return "any " + (matcher.getValue().equals(m.alerts().pageSeverity()) ? "page" : "ticket");
    }
    return java.util.Arrays.stream(matcher.getValue().split("\\|"))
        .map(a -> "`" + a.substring(m.alerts().namePrefix().length()) + "`").collect(Collectors.joining(", "));
  }

  static ObservedService empty() {
    ObservedService o = new ObservedService();
    o.setMetadata(new ObjectMetaBuilder().withName("x").withNamespace("y").build());
    return o;
  }

  interface Visitor {
    void visit(String path, Map<String, Object> schema);
  }

  /** Visits every field under spec, and under the items of a list of objects (as list[].field); selectors and maps are single fields. */
  @SuppressWarnings("unchecked")
  static void walk(Map<String, Object> schema, String prefix, Visitor v) {
    Map<String, Object> props = (Map<String, Object>) schema.get("properties");
    if (props == null) {
      return;
    }
    props.forEach((name, child) -> {
      Map<String, Object> c = (Map<String, Object>) child;
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      Map<String, Object> items = (Map<String, Object>) c.get("items");
      if (items != null && items.get("properties") != null) {
        v.visit(path, c);
        walk(items, path + "[]", v);
        return;
      }
      Map<String, Object> childProps = (Map<String, Object>) c.get("properties");
      if (childProps == null || childProps.containsKey("matchLabels")) {
        v.visit(path, c);
      } else {
        walk(c, path, v);
      }
    });
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> specSchema() throws IOException {
    Map<String, Object> crd = Serialization.unmarshal(Files.readString(CRD), Map.class);
    Map<String, Object> version = ((List<Map<String, Object>>) ((Map<String, Object>) crd.get("spec")).get("versions")).get(0);
    Map<String, Object> root = (Map<String, Object>) ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema");
    return (Map<String, Object>) ((Map<String, Object>) root.get("properties")).get("spec");
  }

  static boolean same(Object crdDefault, String value) {
    if (crdDefault instanceof Number n) {
      return new BigDecimal(n.toString()).compareTo(new BigDecimal(value)) == 0;
    }
    return String.valueOf(crdDefault).equals(value);
  }
}
