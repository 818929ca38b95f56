package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.testsupport.TestCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real Helm CLI (built by e2e/scripts/build-binaries.sh from its Go module). */
final class Helm {
  record Result(int exitCode, String output) {}

  private final Path kubeconfig;

  Helm(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** One Helm home for the whole run, inside target/: no user config or cache leaks into the tests or out of them. */
  private static final Path HOME = Path.of("target", "helm-home").toAbsolutePath();

  /** The cached Helm, or the one named by -Dsightline.helm (the kind provider uses the user's). */
  static Path binary() {
    String override = System.getProperty("sightline.helm", "");
    Path helm = override.isBlank() ? TestCluster.cache().resolve("bin/helm") : Path.of(override);
    assertThat(helm).as("helm missing: run e2e/scripts/build-binaries.sh (as .ci/run does)").isExecutable();
    return helm;
  }

  static Path chart(String name) {
    return TestCluster.repoRoot().resolve("charts").resolve(name);
  }

  Result run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary().toString());
    cmd.addAll(List.of(args));
    if (kubeconfig != null) {
      cmd.add("--kubeconfig");
      cmd.add(kubeconfig.toString());
    }
    Path home = HOME;
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
    pb.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
    pb.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("helm %s finished", args[0]).isTrue();
    return new Result(p.exitValue(), out);
  }

  String ok(String... args) throws Exception {
    Result r = run(args);
    assertThat(r.exitCode()).as("helm %s:%n%s", String.join(" ", args), r.output()).isZero();
    return r.output();
  }
}
