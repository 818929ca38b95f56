package dev.sightline.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A cluster reached through a kubeconfig, with the monitoring stack in {@code monitoring} and
 * Sightline's images already there (e2e/scripts/node.sh + monitoring.sh, or e2e/kind/cluster.sh). The
 * operator, the demo app and its load Job run as the chart's pods; Prometheus, Alertmanager and the demo
 * app are reached through port-forwards, as a user would.
 */
final class KubeconfigCluster implements ClusterProvider {
  private final KubernetesClient admin;
  private final Helm helm;
  private final Path kubeconfig;
  private final Path kubectl;
  private final String namespace = System.getProperty("sightline.e2e.namespace", "sightline-e2e");
  private final List<LocalPortForward> forwards = new ArrayList<>();
  private final Consumer<PrintStream> moreLogs;
  private final Runnable teardown;
  private boolean installed;

  /** A cluster someone else brought up (kind): kubectl is the user's, as a user types it. */
  KubeconfigCluster(Path kubeconfig, Path kubectl) throws Exception {
    this(kubeconfig, kubectl, out -> {}, () -> {});
  }

  /** With logs of the cluster's own components and what to do after the clean-up (e.g. stop the cluster). */
  KubeconfigCluster(Path kubeconfig, Path kubectl, Consumer<PrintStream> moreLogs, Runnable teardown) throws Exception {
    this.kubectl = kubectl;
    this.moreLogs = moreLogs;
    this.teardown = teardown;
    if (!Files.isReadable(kubeconfig)) {
      throw new IllegalStateException("no kubeconfig at " + kubeconfig);
    }
    this.kubeconfig = kubeconfig;
    admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    helm = new Helm(kubeconfig);
    new Helm(null).ok("dependency", "build", Helm.chart("sightline-stack").toString());
    if (admin.namespaces().withName(namespace).get() != null) {
      throw new IllegalStateException("namespace " + namespace + " exists (an earlier run?): kubectl delete namespace " + namespace);
    }
  }

  /** $KUBECONFIG's first file, else ~/.kube/config (what e2e/kind/test.sh sets up). */
  static Path kubeconfigFromEnvironment() {
    String env = System.getenv("KUBECONFIG");
    return env != null && !env.isBlank() ? Path.of(env.split(java.io.File.pathSeparator)[0])
        : Path.of(System.getProperty("user.home"), ".kube", "config");
  }

  @Override
  public KubernetesClient admin() {
    return admin;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Helm helm() {
    return helm;
  }

  /** The chart's own image references and pull policy: the images this build made are already on the node. */
  @Override
  public void installStack(String... sets) throws Exception {
    List<String> args = new ArrayList<>(List.of("install", RELEASE, Helm.chart("sightline-stack").toString(),
        "--namespace", namespace, "--create-namespace", "--wait", "--timeout", "5m"));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    installed = true;
    helm.ok(args.toArray(String[]::new));
  }

  @Override
  public PrometheusApi prometheus() {
    return new PrometheusApi(forward(MONITORING, "prometheus-operated", 9090));
  }

  /** A Prometheus HTTP API (Prometheus, a Thanos Querier or Ruler) behind a Service, through a port-forward. */
  PrometheusApi prometheusApi(String ns, String service, int port) {
    return new PrometheusApi(forward(ns, service, port));
  }

  /** The Prometheus HTTP API of one pod (one shard of a sharded Prometheus), through a port-forward. */
  synchronized PrometheusApi prometheusPod(String ns, String pod, int port) {
    LocalPortForward f = admin.pods().inNamespace(ns).withName(pod).portForward(port);
    forwards.add(f);
    return new PrometheusApi(URI.create("http://127.0.0.1:" + f.getLocalPort()));
  }

  @Override
  public AlertmanagerApi alertmanager() {
    return new AlertmanagerApi(forward(MONITORING, "alertmanager-operated", 9093));
  }

  @Override
  public String addressReachableFromPods() {
    String set = System.getenv("SIGHTLINE_E2E_HOST_ADDRESS");
    return set != null && !set.isBlank() ? set : URI.create(admin.getConfiguration().getMasterUrl()).getHost();
  }

  @Override
  public String demoUrl() {
    return forward(namespace, DEMO, 8080).toString();
  }

  private synchronized URI forward(String ns, String service, int port) {
    LocalPortForward f = admin.services().inNamespace(ns).withName(service).portForward(port);
    forwards.add(f);
    return URI.create("http://127.0.0.1:" + f.getLocalPort());
  }

  @Override
  public String kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }

  @Override
  public void printLogs(PrintStream out) {
    for (String ns : List.of(namespace, MONITORING)) {
      for (Pod pod : admin.pods().inNamespace(ns).list().getItems()) {
        out.println("==== pod " + ns + "/" + pod.getMetadata().getName() + " " + pod.getStatus().getPhase()
            + " " + pod.getStatus().getConditions());
        for (var c : pod.getSpec().getContainers()) {
          try {
            out.println(admin.pods().inNamespace(ns).withName(pod.getMetadata().getName()).inContainer(c.getName())
                .tailingLines(30).getLog());
          } catch (RuntimeException e) {
            out.println("  (no log for " + c.getName() + ": " + e.getMessage() + ")");
          }
        }
      }
    }
    moreLogs.accept(out);
  }

  @Override
  public void close() {
    for (LocalPortForward f : forwards) {
      try {
        f.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    try {
      if (installed) {
        helm.run("uninstall", RELEASE, "--namespace", namespace, "--wait");
      }
      admin.namespaces().withName(namespace).delete();
      admin.namespaces().withName(namespace).waitUntilCondition(n -> n == null, 2, TimeUnit.MINUTES);
    } catch (Exception e) {
      System.err.println("clean-up of " + namespace + ": " + e);
    }
    admin.close();
    teardown.run();
  }
}
