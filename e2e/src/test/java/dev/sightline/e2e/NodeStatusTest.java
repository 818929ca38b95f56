package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * node.sh status tells a running node (not ours to stop) from the state a dead one left behind (a reboot,
 * a killed run: node.sh up removes it and starts), so neither the main command nor the tests refuse to
 * start over leftovers. Run against a scratch state directory; no node is started.
 */
class NodeStatusTest {
  @TempDir Path state;

  @Test
  void noStateIsStopped() throws Exception {
    assertThat(status(state.resolve("none"))).isEqualTo("stopped");
  }

  @Test
  void pidsOfProcessesThatAreGoneAreStale() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor(10, TimeUnit.SECONDS);
    Files.createDirectories(state.resolve("pids"));
    Files.writeString(state.resolve("pids/etcd"), Long.toString(gone.pid()));
    Files.createDirectories(state.resolve("kubeconfig"));
    Files.writeString(state.resolve("kubeconfig/super-admin.conf"), "");
    assertThat(status(state)).isEqualTo("stale");
  }

  @Test
  void aPidNowOwnedByAnotherProgramIsStale() throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      Files.createDirectories(state.resolve("pids"));
      Files.writeString(state.resolve("pids/kube-apiserver"), Long.toString(other.pid()));
      assertThat(status(state)).isEqualTo("stale");
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void aLiveComponentIsRunning() throws Exception {
    Process sleep = new ProcessBuilder("sleep", "60").start();
    try {
      Files.createDirectories(state.resolve("pids"));
      Files.writeString(state.resolve("pids/sleep"), Long.toString(sleep.pid()));
      assertThat(status(state)).isEqualTo("running");
    } finally {
      sleep.destroyForcibly();
    }
  }

  private static String status(Path state) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(TestCluster.repoRoot().resolve("e2e/scripts/node.sh").toString(), "status")
        .redirectErrorStream(true);
    pb.environment().put("SIGHTLINE_NODE_DIR", state.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
