package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs rendered rules through `promtool test rules` and reads back which alerts were firing at
 * each evaluation time. Every (alert, time) is asserted "not firing"; promtool then lists exactly
 * the firing ones as failures, which gives the real rule engine's timeline.
 */
final class PromtoolTimeline {
  private static final Pattern FAILURE = Pattern.compile("alertname: (\\w+), time: ([0-9hmsd]+),");
  private static final Pattern LABELS = Pattern.compile("Labels:\\{([^}]*)}");

  private PromtoolTimeline() {}

  /** Minute -> alert names firing at that minute, checked from {@code fromMinute} every {@code stepMinutes}. */
  static TreeMap<Integer, Set<String>> run(
      Path dir, ObservedServiceModel spec, Map<String, String> series, int scrapeSeconds, int fromMinute, int minutes,
      int stepMinutes)
      throws Exception {
    var groups = PrometheusRuleRenderer.render(spec).getSpec().getGroups();
    Files.writeString(dir.resolve("rules.yaml"), Serialization.asYaml(Map.of("groups", groups)));
    Set<String> alertNames = new TreeSet<>();
    groups.forEach(g -> g.getRules().stream().map(Rule::getAlert).filter(a -> a != null).forEach(alertNames::add));

    List<Map<String, Object>> checks = new ArrayList<>();
    for (int t = Math.max(fromMinute, stepMinutes); t <= minutes; t += stepMinutes) {
      for (String a : alertNames) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("eval_time", t + "m");
        c.put("alertname", a);
        c.put("exp_alerts", List.of());
        checks.add(c);
      }
    }
    List<Map<String, Object>> input = new ArrayList<>();
    series.forEach((s, v) -> input.add(Map.of("series", s, "values", v)));
    Map<String, Object> test = new LinkedHashMap<>();
    test.put("interval", scrapeSeconds + "s");
    test.put("input_series", input);
    test.put("alert_rule_test", checks);
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("rule_files", List.of("rules.yaml"));
    file.put("evaluation_interval", "1m");
    file.put("group_eval_order", groupOrder(groups));
    file.put("tests", List.of(test));
    Files.writeString(dir.resolve("test.yaml"), Serialization.asYaml(file));

    Process p = new ProcessBuilder(PromtoolCheckTest.promtool().toString(), "test", "rules", "test.yaml")
        .directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    TreeMap<Integer, Set<String>> firing = new TreeMap<>();
    Matcher m = FAILURE.matcher(out);
    int failures = 0;
    List<int[]> starts = new ArrayList<>();
    List<String[]> found = new ArrayList<>();
    while (m.find()) {
      starts.add(new int[] {m.start(), m.end()});
      found.add(new String[] {m.group(1), m.group(2)});
    }
    for (int i = 0; i < found.size(); i++) {
      failures++;
      int minute = (int) Math.round(DurationParser.seconds(found.get(i)[1]) / 60);
      String got = out.substring(starts.get(i)[1], i + 1 < found.size() ? starts.get(i + 1)[0] : out.length());
      Set<String> at = firing.computeIfAbsent(minute, k -> new TreeSet<>());
      Matcher labels = LABELS.matcher(got);
      boolean any = false;
      while (labels.find()) {
        any = true;
        at.add(identity(found.get(i)[0], labels.group(1), spec.metrics().names().routeLabel()));
      }
      if (!any) {
        at.add(found.get(i)[0]);
      }
    }
    // Anything else promtool complains about (bad rules, bad series) is a real failure.
    if (failures == 0) {
      assertThat(p.exitValue()).as("promtool output:%n%s", out).isZero();
    } else {
      assertThat(out).as("promtool output").doesNotContain("could not", "parse error", "bad ");
      assertThat(out.split("got:\\[", -1).length - 1).as("every promtool failure is a firing alert").isEqualTo(failures);
    }
    return firing;
  }

  /**
   * The groups in the order the rule renders them, evaluated in that order at each time. Without it promtool takes
   * them in a random order, and a named objective's slow group read the 5m sums of this evaluation or the one
   * before, which moved its tickets by a minute from one run to the next. promtool evaluates every group every
   * evaluation_interval; in Prometheus the slow group runs every 5 minutes, so its tickets can come that much later
   * than the replay shows.
   */
  static List<String> groupOrder(List<io.fabric8.openshift.api.model.monitoring.v1.RuleGroup> groups) {
    return groups.stream().map(io.fabric8.openshift.api.model.monitoring.v1.RuleGroup::getName).toList();
  }

  /**
   * An alert as the timeline names it: its name, and a named objective's alerts with their objective (and route,
   * when grouped), e.g. SightlineAvailabilityBudgetBurnFast{slo=checkout} or ...{slo=api,route=/api/b}.
   */
  static String identity(String alertName, String labels, String routeLabel) {
    String slo = label(labels, "slo");
    if (slo == null) {
      return alertName;
    }
    String route = label(labels, routeLabel);
    return alertName + "{slo=" + slo + (route == null ? "" : ",route=" + route) + "}";
  }

  private static String label(String labels, String name) {
    Matcher m = Pattern.compile("(?:^|[ ,{])" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(labels);
    return m.find() ? m.group(1) : null;
  }

  /** The alert name of an identity: without its objective. */
  static String alertName(String identity) {
    int brace = identity.indexOf('{');
    return brace < 0 ? identity : identity.substring(0, brace);
  }

  /** The objective of an identity, or "" for the service-wide alerts. */
  static String objective(String identity) {
    int brace = identity.indexOf("{slo=");
    return brace < 0 ? "" : identity.substring(brace + 5).replaceAll("[,}].*$", "");
  }

  /** Every alert that fired at any time. */
  static Set<String> everFired(java.util.SortedMap<Integer, Set<String>> timeline) {
    Set<String> all = new TreeSet<>();
    timeline.values().forEach(all::addAll);
    return all;
  }
}
