package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.testsupport.TestCluster;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On kind the suite runs the user's kubectl (first on PATH, or -Dsightline.kubectl), never the one this
 * project caches for the local node: a laptop with Docker and kind has no such cache (it was the fallback,
 * and the first closed-loop case died on it).
 */
class UserToolsTest {
  @TempDir Path dir;

  @Test
  void theFirstKubectlOnPathIsTheOneUsed() throws Exception {
    Path first = executable(dir.resolve("a"), "kubectl");
    executable(dir.resolve("b"), "kubectl");
    String path = dir.resolve("empty") + File.pathSeparator + first.getParent() + File.pathSeparator + dir.resolve("b");
    assertThat(UserTools.find("kubectl", "sightline.kubectl", "", Map.of("PATH", path))).isEqualTo(first);
  }

  @Test
  void neverTheLocalNodesCachedKubectl() {
    Path cached = TestCluster.cache().resolve("kubeapitest");
    assertThatThrownBy(() -> UserTools.find("kubectl", "sightline.kubectl", "", Map.of("PATH", dir.toString())))
        .hasMessageContaining("kubectl is not on PATH").hasMessageContaining("-Dsightline.kubectl")
        .hasMessageNotContaining(cached.toString());
  }

  @Test
  void thePropertyWins() throws Exception {
    Path named = executable(dir.resolve("named"), "kubectl");
    Path onPath = executable(dir.resolve("path"), "kubectl");
    assertThat(UserTools.find("kubectl", "sightline.kubectl", named.toString(), Map.of("PATH", onPath.getParent().toString())))
        .isEqualTo(named);
    assertThatThrownBy(() -> UserTools.find("kubectl", "sightline.kubectl", dir.resolve("none").toString(), Map.of()))
        .hasMessageContaining("not an executable");
  }

  private static Path executable(Path dir, String name) throws Exception {
    Files.createDirectories(dir);
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }
}
