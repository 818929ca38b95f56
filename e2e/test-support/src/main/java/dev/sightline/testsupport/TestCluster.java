package dev.sightline.testsupport;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real control plane for integration tests: kube-apiserver + etcd (fabric8 kube-api-test) and
 * kube-controller-manager (garbage collector and namespace controller), all built from the pinned
 * Go modules by e2e/scripts/build-binaries.sh. Missing binaries fail the test run; nothing is
 * downloaded or skipped.
 */
public final class TestCluster implements AutoCloseable {
  /** All of prometheus-operator's CRDs: the operator itself waits for every one of them. */
  public static final List<String> PROMETHEUS_OPERATOR_CRDS = List.of("servicemonitors", "prometheusrules",
      "prometheuses", "podmonitors", "probes", "alertmanagers", "alertmanagerconfigs", "scrapeconfigs",
      "thanosrulers", "prometheusagents");

  private static TestCluster shared;

  private final KubeAPIServer apiServer;
  private final Process controllerManager;
  private final KubernetesClient client;
  private final String kubeconfig;
  private List<String> apiServerCommand;
  private Process restartedApiServer;

  /** The cluster shared by all test classes of this JVM, with every CRD installed. */
  public static synchronized TestCluster shared() {
    if (shared == null) {
      shared = start(true);
      TestCluster s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    }
    return shared;
  }

  /** A fresh cluster; without third-party CRDs when {@code withThirdPartyCrds} is false. */
  public static TestCluster start(boolean withThirdPartyCrds) {
    return new TestCluster(withThirdPartyCrds);
  }

  private TestCluster(boolean withThirdPartyCrds) {
    Path k8sDir = binaryDir();
    apiServer = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withTestDir(cache().resolve("kubeapitest").toString())
        .withApiServerVersion(versions().getProperty("KUBE_VERSION"))
        .withOfflineMode(true)
        .withUpdateKubeConfig(false)
        .withStartupTimeout(120_000)
        .build());
    apiServer.start();
    kubeconfig = apiServer.getKubeConfigYaml();
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
    try {
      Path kc = Files.createTempFile("sightline-kubeconfig", ".yaml");
      Files.writeString(kc, kubeconfig);
      kc.toFile().deleteOnExit();
      Path log = Files.createTempFile("kube-controller-manager", ".log");
      controllerManager = new ProcessBuilder(
              k8sDir.resolve("kube-controller-manager").toString(),
              "--kubeconfig=" + kc,
              "--controllers=garbagecollector,namespace",
              "--leader-elect=false",
              "--secure-port=0",
              "--concurrent-gc-syncs=5")
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start kube-controller-manager", e);
    }
    installCrd(ownCrd());
    if (withThirdPartyCrds) {
      for (String crd : PROMETHEUS_OPERATOR_CRDS) {
        installCrd(thirdPartyCrd("monitoring.coreos.com_" + crd + ".yaml"));
      }
      installCrd(thirdPartyCrd("grafana.integreatly.org_grafanadashboards.yaml"));
    }
  }

  public KubernetesClient client() {
    return client;
  }

  public String kubeconfig() {
    return kubeconfig;
  }

  public void installPrometheusOperatorCrds() {
    for (String crd : PROMETHEUS_OPERATOR_CRDS) {
      installCrd(thirdPartyCrd("monitoring.coreos.com_" + crd + ".yaml"));
    }
  }

  public void installCrd(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<HasMetadata> items = client.load(in).items();
      List<String> names = new ArrayList<>();
      for (HasMetadata item : items) {
        client.resource(item).fieldManager("sightline-tests").forceConflicts().serverSideApply();
        names.add(item.getMetadata().getName());
      }
      for (String name : names) {
        Awaitility.await("CRD " + name + " established").atMost(Duration.ofSeconds(60)).until(() -> {
          CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
          return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
              && crd.getStatus().getConditions().stream()
              .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
        });
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CRD the build just generated from the Java API classes. */
  public static Path ownCrd() {
    Path p = repoRoot().resolve("operator/target/classes/META-INF/fabric8/observedservices.sightline.dev-v1.yml");
    if (!Files.exists(p)) {
      throw new IllegalStateException("generated CRD missing at " + p.toAbsolutePath() + "; run mvn process-classes");
    }
    return p;
  }

  public static Path thirdPartyCrd(String file) {
    Path p = cache().resolve("crds").resolve(file);
    if (!Files.exists(p)) {
      throw new IllegalStateException(p + " missing: run e2e/scripts/build-binaries.sh (as .ci/run does)");
    }
    return p;
  }

  public static Path cache() {
    String dir = System.getProperty("sightline.cache", System.getenv("SIGHTLINE_CACHE"));
    return dir == null || dir.isBlank()
        ? Path.of(System.getProperty("user.home"), ".cache", "sightline")
        : Path.of(dir);
  }

  /** The repository's top directory, found from the working directory of any module. */
  public static Path repoRoot() {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("e2e/scripts/versions.env"))) {
      root = root.getParent();
    }
    if (root == null) {
      throw new IllegalStateException("e2e/scripts/versions.env not found above " + Path.of("").toAbsolutePath());
    }
    return root;
  }

  /** e2e/scripts/versions.env, the one place that pins component versions. */
  public static Properties versions() {
    Path root = repoRoot();
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(root.resolve("e2e/scripts/versions.env"))) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return p;
  }

  public static Path binaryDir() {
    Path dir = cache().resolve("kubeapitest/k8s/" + versions().getProperty("KUBE_VERSION") + "-linux-amd64");
    for (String bin : List.of("etcd", "kube-apiserver", "kubectl", "kube-controller-manager")) {
      if (!Files.isExecutable(dir.resolve(bin))) {
        throw new IllegalStateException(dir.resolve(bin) + " missing: run e2e/scripts/build-binaries.sh (as .ci/run does)");
      }
    }
    return dir;
  }

  /**
   * Stops kube-apiserver and leaves etcd and its data running (kube-api-test's own stop removes
   * both). kube-api-test has no API for this, so its process object is reached by reflection; marking
   * it stopped through its own method keeps its unexpected-exit handler from tearing etcd down.
   */
  public synchronized void stopApiServer() throws Exception {
    Object processManager = field(apiServer, "kubeApiServerProcess");
    Process process = restartedApiServer != null ? restartedApiServer : (Process) field(processManager, "apiServerProcess");
    ProcessHandle.Info info = process.info();
    apiServerCommand = new ArrayList<>();
    apiServerCommand.add(info.command().orElseThrow());
    apiServerCommand.addAll(List.of(info.arguments().orElseThrow()));
    if (restartedApiServer == null) {
      processManager.getClass().getMethod("stopApiServer").invoke(processManager);
    } else {
      restartedApiServer.destroy();
    }
    process.waitFor(30, TimeUnit.SECONDS);
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Starts kube-apiserver again with the same command line: same port, certificates and etcd. */
  public synchronized void startApiServer() throws Exception {
    Path log = Files.createTempFile("kube-apiserver-restarted", ".log");
    restartedApiServer = new ProcessBuilder(apiServerCommand).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Awaitility.await("kube-apiserver ready again").atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> "ok".equals(client.raw("/readyz")));
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    java.lang.reflect.Field f = target.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(target);
  }

  @Override
  public void close() {
    client.close();
    // a restarted kube-apiserver is this class's own process, not kube-api-test's: it must not outlive the JVM
    if (restartedApiServer != null) {
      stop(restartedApiServer);
    }
    stop(controllerManager);
    apiServer.stop();
  }

  /** SIGTERM, up to 10 s to finish, then SIGKILL. */
  private static void stop(Process process) {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
  }
}
