package dev.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads samples from Prometheus text format. The format itself is validated by the real
 * `promtool check metrics`; this only picks values out of lines promtool accepted.
 */
final class MetricsText {
  private MetricsText() {}

  static void assertValidWithPromtool(String text) throws Exception {
    Path promtool = Path.of(System.getProperty("sightline.promtool", "/usr/bin/promtool"));
    assertThat(promtool).as("promtool (Debian package prometheus; .ci/run installs it)").isExecutable();
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    p.getOutputStream().write(text.getBytes());
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // promtool exits 1 for unparseable input and 3 for lint advice only (Micrometer's JVM metric names
    // draw some, e.g. process_cpu_time_ns_total); the format itself must be clean.
    assertThat(out).as("promtool check metrics").doesNotContain("error while linting", "parsing error");
    assertThat(p.exitValue()).as("promtool check metrics: %s", out).isIn(0, 3);
  }

  /** Sum of the samples of {@code name} whose labels include all of {@code labels}. */
  static double sum(String text, String name, Map<String, String> labels) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      int brace = line.indexOf('{');
      int close = line.lastIndexOf('}');
      String labelPart = brace < 0 ? "" : line.substring(brace + 1, close);
      boolean all = labels.entrySet().stream()
          .allMatch(e -> labelPart.contains(e.getKey() + "=\"" + e.getValue() + "\""));
      if (all) {
        String value = line.substring((close < 0 ? line.indexOf(' ') : close + 1)).trim().split(" ")[0];
        total += Double.parseDouble(value);
      }
    }
    return total;
  }

  static long series(String text, String name) {
    return text.lines().filter(l -> l.startsWith(name + "{")).count();
  }
}
