package dev.sightline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Grafana's published dashboard schema, as its two published checkers see a dashboard (both installed
 * by e2e/scripts/build-binaries.sh, pinned in versions.env):
 *
 * <ul>
 *   <li>grafana-foundation-sdk (Go): a strict unmarshal into Grafana's generated Go types (every
 *       panel type's options and the Prometheus query type registered) and {@code Validate()};
 *   <li>npm {@code @grafana/schema} with tsc: the dashboard as a TypeScript constant of the v1
 *       dashboard type, each panel's options and custom field config of its panel type.
 * </ul>
 *
 * <p>What one checker cannot see: {@code @grafana/schema} has no Prometheus query type, so panel
 * targets and the annotation's Prometheus fields (target.expr, titleFormat, tagKeys) are unchecked
 * there; grafana-foundation-sdk checks them as Prometheus queries and annotation options.
 */
public final class GrafanaSchema {
  /** What one checker said of one run: its output and whether it found no error. */
  public record Report(String checker, String output, boolean clean) {}

  private GrafanaSchema() {}

  /** Both checkers on the files; each reports per file "N errors". */
  public static List<Report> check(List<Path> dashboards) throws IOException, InterruptedException {
    Path bin = TestCluster.cache().resolve("bin/grafana-foundation-check");
    Path modules = TestCluster.cache().resolve("grafana");
    assertThat(bin).as("grafana-foundation-check (e2e/scripts/build-binaries.sh builds it)").isExecutable();
    assertThat(modules.resolve("node_modules/@grafana/schema/package.json"))
        .as("@grafana/schema (e2e/scripts/build-binaries.sh installs it)").exists();
    List<String> go = new ArrayList<>(List.of(bin.toString()));
    List<String> ts = new ArrayList<>(List.of("node",
        TestCluster.repoRoot().resolve("e2e/tools/grafana-schema/check.mjs").toString(), modules.toString()));
    dashboards.forEach(d -> {
      go.add(d.toString());
      ts.add(d.toString());
    });
    return List.of(run("grafana-foundation-sdk", go), run("@grafana/schema + tsc", ts));
  }

  /** Grafana's unit ids, from grafana-foundation-sdk's units package (build-binaries.sh lists them). */
  public static Set<String> units() throws IOException {
    Path list = TestCluster.cache().resolve("grafana/units.txt");
    assertThat(list).as("Grafana's units (e2e/scripts/build-binaries.sh lists them)").exists();
    Set<String> units = new TreeSet<>(Files.readAllLines(list));
    assertThat(units).as("Grafana's units").contains("reqps", "s", "percentunit", "bytes", "none").hasSizeGreaterThan(100);
    return units;
  }

  private static Report run(String checker, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", checker).isTrue();
    assertThat(p.exitValue()).as("%s ran (exit 0 clean, 1 errors):%n%s", checker, out).isIn(0, 1);
    return new Report(checker, out, p.exitValue() == 0);
  }
}
