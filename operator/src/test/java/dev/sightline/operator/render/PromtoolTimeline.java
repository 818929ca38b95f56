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
    file.put("tests", List.of(test));
    Files.writeString(dir.resolve("test.yaml"), Serialization.asYaml(file));

    Process p = new ProcessBuilder(PromtoolCheckTest.promtool().toString(), "test", "rules", "test.yaml")
        .directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    TreeMap<Integer, Set<String>> firing = new TreeMap<>();
    Matcher m = FAILURE.matcher(out);
    int failures = 0;
    while (m.find()) {
      failures++;
      int minute = (int) Math.round(DurationParser.seconds(m.group(2)) / 60);
      firing.computeIfAbsent(minute, k -> new TreeSet<>()).add(m.group(1));
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

  /** Every alert that fired at any time. */
  static Set<String> everFired(java.util.SortedMap<Integer, Set<String>> timeline) {
    Set<String> all = new TreeSet<>();
    timeline.values().forEach(all::addAll);
    return all;
  }
}
