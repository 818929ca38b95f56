package dev.sightline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.testsupport.TestCluster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decisions of the kind scripts (e2e/kind/lib.sh, e2e/scripts/lib.sh), each the fix of a defect a first run
 * on a user's machine hit, run in bash as the scripts run them. What needs a cluster (the leaked cluster, the
 * kubeconfig left alone, the monitoring waited for, the rollout on a re-run) is checked on kind itself by
 * .ci/kind-journey.
 */
class KindScriptsTest {
  private static final Path ROOT = TestCluster.repoRoot();

  @TempDir Path dir;

  record Result(int exit, String out) {}

  /** Docker Desktop, colima and rootless Docker do not put this machine at the kind network's gateway. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
    "native Docker on Linux; Debian GNU/Linux 12 (bookworm); [\"name=seccomp,profile=default\"]; unix:///var/run/docker.sock; 172.18.0.1; 172.18.0.1",
    "Docker Desktop; Docker Desktop; [\"name=seccomp,profile=unconfined\"]; unix:///Users/me/.docker/run/docker.sock; 172.18.0.1; host.docker.internal",
    "colima; Ubuntu 24.04.1 LTS; [\"name=seccomp,profile=builtin\"]; unix:///Users/me/.colima/default/docker.sock; 192.168.5.1; host.lima.internal",
    "rootless Docker; Debian GNU/Linux 12 (bookworm); [\"name=seccomp,profile=builtin\",\"name=rootless\"]; unix:///run/user/1000/docker.sock; 172.18.0.1; 10.0.2.2",
  })
  void hostAddressFollowsWhereDockerRuns(String where, String os, String security, String dockerHost, String gateway,
      String expected) throws Exception {
    Result r = kindLib("host_address_for '" + os + "' '" + security + "' '" + dockerHost + "' '" + gateway + "'", Map.of());
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out().strip()).isEqualTo(expected);
  }

  @Test
  void aUsersHostAddressIsNeverOverwritten() throws Exception {
    Result r = kindLib("host_address_for 'Debian GNU/Linux 12' '[]' unix:///var/run/docker.sock 172.18.0.1",
        Map.of("SIGHTLINE_E2E_HOST_ADDRESS", "192.168.1.20"));
    assertThat(r.out().strip()).isEqualTo("192.168.1.20");
  }

  /** A port another program listens on would answer in place of the port-forward (and up.sh printed its URL). */
  @Test
  void forwardRefusesAPortAnotherProgramHas() throws Exception {
    try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = other.getLocalPort();
      Result r = bash("source e2e/scripts/lib.sh; kubectl=" + TestCluster.binaryDir().resolve("kubectl")
          + "; forward monitoring prometheus-operated " + port + " 9090 SIGHTLINE_PROMETHEUS_PORT", Map.of());
      assertThat(r.exit()).as(r.out()).isNotZero();
      assertThat(r.out()).contains("port " + port + " is taken by another program").contains("SIGHTLINE_PROMETHEUS_PORT");
      Result ports = bash("source e2e/scripts/lib.sh; check_ports", Map.of("SIGHTLINE_DEMO_PORT", Integer.toString(port)));
      assertThat(ports.exit()).as(ports.out()).isNotZero();
      assertThat(ports.out()).contains("SIGHTLINE_DEMO_PORT");
    }
  }

  /** kind v0.33.0 defaults to Kubernetes 1.37.0, not the version tested here. */
  @Test
  void theNodeImageIsTheTestedKubernetesVersion() throws Exception {
    String kube = PinnedVersionsTest.versions().getProperty("KUBE_VERSION");
    assertThat(kindLib("node_image", Map.of()).out().strip()).isEqualTo("kindest/node:v" + kube);
    assertThat(kindLib("node_image", Map.of("KIND_NODE_IMAGE", "my/node:x")).out().strip()).isEqualTo("my/node:x");
  }

  /** kubelet 1.35+ refuses cgroup v1 unless told: the patch is there on a cgroup v1 Docker host only. */
  @Test
  void theKubeletIsToldAboutCgroupV1() throws Exception {
    String v1 = kindLib("kind_config kindest/node:v1 1", Map.of()).out();
    String v2 = kindLib("kind_config kindest/node:v1 2", Map.of()).out();
    assertThat(v1).contains("image: kindest/node:v1").contains("failCgroupV1: false").contains("syncFrequency: 10s")
        .doesNotContain("apiServerAddress");
    assertThat(v2).doesNotContain("failCgroupV1");
    assertThat(kindLib("kind_config img 2", Map.of("SIGHTLINE_KIND_API_ADDRESS", "10.213.0.2")).out())
        .contains("apiServerAddress: \"10.213.0.2\"");
  }

  @ParameterizedTest
  @CsvSource({"v0.33.0, 0", "v0.33.1, 0", "v0.40.0, 0", "v1.0.0, 0", "v0.32.0, 1", "v0.9.0, 1", "'', 1"})
  void kindMustBeNewEnough(String version, int exit) throws Exception {
    assertThat(kindLib("version_at_least '" + version + "' v0.33.0", Map.of()).exit()).isEqualTo(exit);
  }

  /** kube-prometheus-stack 88.0.0 pairs Prometheus v3.13.1 and Alertmanager v0.33.1; the tested ones are set. */
  @Test
  void kubePrometheusStackRunsTheTestedPrometheusAndAlertmanager() throws Exception {
    var v = PinnedVersionsTest.versions();
    String args = kindLib("kps_args values.yaml", Map.of()).out();
    assertThat(args.lines()).containsSubsequence("--version", v.getProperty("KUBE_PROMETHEUS_STACK_VERSION"))
        .contains("prometheus.prometheusSpec.image.tag=" + v.getProperty("PROMETHEUS_VERSION"))
        .contains("alertmanager.alertmanagerSpec.image.tag=" + v.getProperty("ALERTMANAGER_VERSION"));
  }

  /** The cluster's kubeconfig is a file of its own: ~/.kube/config and its current context stay the user's. */
  @Test
  void eachClusterHasAKubeconfigOfItsOwn() throws Exception {
    String path = kindLib("kind_kubeconfig sightline", Map.of("HOME", dir.toString())).out().strip();
    assertThat(path).isEqualTo(dir + "/.cache/sightline/kind-sightline.kubeconfig");
    assertThat(Files.readString(ROOT.resolve("e2e/kind/cluster.sh"))).doesNotContain("use-context");
  }

  /**
   * kind prints one line per cluster; `kind get clusters | grep -qx` stops reading at the first match, kind's next
   * write then ends it with SIGPIPE, and under pipefail the pipeline says "absent". A kind on PATH that lists many
   * clusters the way kind does (one write per line) shows cluster_exists reads the whole answer first.
   */
  @Test
  void clusterExistsSurvivesALongList() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path kind = bin.resolve("kind");
    Files.writeString(kind, "#!/usr/bin/env bash\n[[ \"$*\" == 'get clusters' ]] || exit 2\n"
        + "echo sightline\nfor i in $(seq 20000); do echo \"other-$i\"; done\n");
    Files.setPosixFilePermissions(kind, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));
    assertThat(kindLib("cluster_exists sightline", env).exit()).isZero();
    assertThat(kindLib("cluster_exists other-20000", env).exit()).isZero();
    assertThat(kindLib("cluster_exists other", env).exit()).isEqualTo(1);
    // the old form, for contrast: the same list read by grep -q under pipefail
    assertThat(kindLib("kind get clusters | grep -qx sightline", env).exit()).isNotZero();
  }

  /** A rebuilt image keeps its tag: the pod templates carry its content digest so that a re-run rolls it out. */
  @Test
  void imageIdFollowsTheImagesContent() throws Exception {
    Path pack = TestCluster.cache().resolve("bin/imagepack");
    assertThat(pack).as("run e2e/scripts/setup.sh").isExecutable();
    Path a = dir.resolve("a.tar"), b = dir.resolve("b.tar");
    Files.writeString(dir.resolve("file"), "one");
    run(pack.toString(), "-ref", "x/y:1", "-out", a.toString(), "-add", dir.resolve("file") + ":/file");
    Files.writeString(dir.resolve("file"), "two");
    run(pack.toString(), "-ref", "x/y:1", "-out", b.toString(), "-add", dir.resolve("file") + ":/file");
    String idA = bash("source e2e/scripts/lib.sh; image_id " + a, Map.of()).out().strip();
    String idB = bash("source e2e/scripts/lib.sh; image_id " + b, Map.of()).out().strip();
    assertThat(idA).matches("[0-9a-f]{12}");
    assertThat(idB).matches("[0-9a-f]{12}").isNotEqualTo(idA);
    assertThat(Files.readString(ROOT.resolve("e2e/scripts/lib.sh")))
        .contains("sightline-operator.podAnnotations.sightline\\.dev/image-id=$(image_id")
        .contains("demo-app.podAnnotations.sightline\\.dev/image-id=$(image_id")
        .contains("apply --server-side --force-conflicts -f \"$root/charts/sightline-operator/crds/\"");
  }

  /** No Docker answering is said in words before anything else runs. */
  @Test
  void dockerNotAnsweringIsSaidFirst() throws Exception {
    // kind and helm as build-binaries.sh built them, kubectl too: every tool is there, Docker is not
    String bin = TestCluster.cache().resolve("bin") + ":" + TestCluster.binaryDir();
    Result r = bash("e2e/kind/cluster.sh", Map.of("PATH", bin + ":" + System.getenv("PATH"),
        "DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock")));
    assertThat(r.exit()).isNotZero();
    assertThat(r.out()).contains("Docker does not answer").doesNotContain("creating cluster");
  }

  /** docs/kind.md names the versions the scripts use. */
  @ParameterizedTest
  @CsvSource({"KUBE_VERSION, v", "KIND_MIN_VERSION, ''", "KUBE_PROMETHEUS_STACK_VERSION, ''", "PROMETHEUS_VERSION, ''",
      "ALERTMANAGER_VERSION, ''"})
  void theKindPageNamesTheVersionsInUse(String key, String prefix) throws Exception {
    assertThat(Files.readString(ROOT.resolve("docs/kind.md"))).contains(prefix + PinnedVersionsTest.versions().getProperty(key));
  }

  private Result kindLib(String command, Map<String, String> env) throws Exception {
    return bash("source e2e/scripts/versions.env; source e2e/kind/lib.sh; " + command, env);
  }

  private static Result bash(String script, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail; " + script).directory(ROOT.toFile())
        .redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    e.remove("SIGHTLINE_E2E_HOST_ADDRESS");
    e.remove("KIND_NODE_IMAGE");
    e.remove("SIGHTLINE_KIND_API_ADDRESS");
    e.putAll(new HashMap<>(env));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(script).isTrue();
    return new Result(p.exitValue(), out);
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
