package dev.sightline.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rendered rule group passes the real Prometheus rule checker. */
class PromtoolCheckTest {
  static Path promtool() {
    Path p = Path.of(System.getProperty("sightline.promtool", "/usr/bin/promtool"));
    assertThat(p).as("promtool (Debian package prometheus; .ci/run installs it)").isExecutable();
    return p;
  }

  static String run(Path dir, String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = promtool().toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.exitValue()).as("promtool %s:%n%s", String.join(" ", args), out).isZero();
    return out;
  }

  static Path writeRules(Path dir, ObservedServiceModel spec) throws Exception {
    Path file = dir.resolve("rules.yaml");
    var groups = PrometheusRuleRenderer.render(spec).getSpec().getGroups();
    Files.writeString(file, Serialization.asYaml(Map.of("groups", groups)));
    return file;
  }

  @ParameterizedTest
  @MethodSource("dev.sightline.operator.render.GoldenFilesTest#cases")
  void renderedRulesPassPromtoolCheckRules(String name, @TempDir Path dir) throws Exception {
    Path rules = writeRules(dir, GoldenFilesTest.load(name));
    String out = run(dir, "check", "rules", rules.toString());
    assertThat(out).contains("SUCCESS");
  }
}
