package dev.sightline.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kind provider: the cluster the current kubeconfig context points to, prepared by
 * e2e/kind/cluster.sh (kind, the jib images loaded, kube-prometheus-stack in {@code monitoring}).
 * The operator and the demo app run as the chart's pods; Prometheus and the demo app are reached
 * through port-forwards. Run by e2e/kind/test.sh.
 */
final class KindProvider implements ClusterProvider {
  private final KubernetesClient admin = new KubernetesClientBuilder().build();
  private final Helm helm;
  private final String namespace = System.getProperty("sightline.e2e.namespace", "sightline-e2e");
  private final String monitoring = System.getProperty("sightline.e2e.monitoringNamespace", "monitoring");
  private final String prometheusService = System.getProperty("sightline.e2e.prometheusService", "kube-prometheus-stack-prometheus");
  private final List<LocalPortForward> forwards = new ArrayList<>();
  private boolean installed;

  KindProvider(Path dir) throws Exception {
    String kubeconfig = System.getenv("KUBECONFIG");
    Path file = kubeconfig != null ? Path.of(kubeconfig.split(java.io.File.pathSeparator)[0])
        : Path.of(System.getProperty("user.home"), ".kube", "config");
    if (!Files.isReadable(file)) {
      throw new IllegalStateException("kind provider: no kubeconfig at " + file + "; run e2e/kind/cluster.sh first");
    }
    helm = new Helm(file);
    new Helm(null).ok("dependency", "build", Helm.chart("sightline-stack").toString());
    if (admin.namespaces().withName(namespace).get() != null) {
      throw new IllegalStateException("namespace " + namespace + " exists (an earlier run?): kubectl delete namespace " + namespace);
    }
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

  @Override
  public void installStack(String... sets) throws Exception {
    String version = System.getProperty("sightline.version");
    List<String> all = new ArrayList<>(List.of(
        "sightline-operator.image.tag=" + version, "sightline-operator.image.pullPolicy=Never",
        "demo-app.image.tag=" + version, "demo-app.image.pullPolicy=Never"));
    all.addAll(List.of(sets));
    List<String> args = new ArrayList<>(List.of(ClusterProvider.installArgs(namespace, all)));
    args.addAll(List.of("--create-namespace", "--wait", "--timeout", "5m"));
    installed = true;
    helm.ok(args.toArray(String[]::new));
  }

  @Override
  public PrometheusApi prometheus() {
    LocalPortForward f = admin.services().inNamespace(monitoring).withName(prometheusService).portForward(9090);
    forwards.add(f);
    return new PrometheusApi(URI.create("http://127.0.0.1:" + f.getLocalPort()));
  }

  @Override
  public String demoUrl() {
    LocalPortForward f = admin.services().inNamespace(namespace).withName(DEMO).portForward(8080);
    forwards.add(f);
    return "http://127.0.0.1:" + f.getLocalPort();
  }

  @Override
  public void printLogs(PrintStream out) {
    for (Pod pod : admin.pods().inNamespace(namespace).list().getItems()) {
      out.println("==== pod " + pod.getMetadata().getName() + " (last 40 lines)");
      out.println(admin.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).tailingLines(40).getLog());
    }
  }

  @Override
  public void close() {
    for (LocalPortForward f : forwards) {
      try {
        f.close();
      } catch (Exception e) {
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
      System.err.println("kind provider clean-up: " + e);
    }
    admin.close();
  }
}
