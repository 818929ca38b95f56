package dev.sightline.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as its own JVM, started the way the image starts it ({@code Main}, settings from the
 * environment, the image's JVM flags read from the jib-built image configuration, a memory ceiling
 * like the chart's limit), so it can be killed
 * with SIGKILL, measured (RSS) and read through its own /readyz and /metrics.
 */
public final class OperatorProcess implements AutoCloseable {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? ([-0-9.eE+NaInf]+)$");
  private final String name;
  private final int port;
  private final Process process;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * @param kubeconfig kubeconfig YAML of the cluster
   * @param dir where the kubeconfig copy and the log go
   * @param name the instance name (HOSTNAME, the leader-election identity)
   * @param env extra SIGHTLINE_* settings
   */
  public OperatorProcess(String kubeconfig, Path dir, String name, Map<String, String> env) throws IOException {
    this.name = name;
    Path kc = dir.resolve("kubeconfig-" + name);
    Files.writeString(kc, kubeconfig);
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    log = dir.resolve("operator-" + name + ".log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:MaxRAM=384m")); // what the JVM sees in a container with the chart's 384Mi memory limit
    cmd.addAll(imageJvmFlags());
    // extra flags for experiments (e.g. -XX:NativeMemoryTracking=summary in the benchmark)
    String extra = System.getProperty("sightline.operatorJvmFlags", "").trim();
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    cmd.addAll(List.of("-cp", classpath(), "dev.sightline.operator.runtime.Main"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> e = new HashMap<>(env);
    e.put("KUBECONFIG", kc.toString());
    e.put("HOSTNAME", name);
    e.put("SIGHTLINE_HTTP_PORT", Integer.toString(port));
    e.put("MALLOC_ARENA_MAX", "2"); // as the chart's Deployment sets it
    pb.environment().putAll(e);
    process = pb.start();
  }

  /**
   * The JVM flags of the operator image: the entrypoint jib wrote into target/jib-image.tar
   * (the image-tar execution during package), between "java" and "-cp".
   */
  static List<String> imageJvmFlags() throws IOException {
    Path tar = TestCluster.repoRoot().resolve("operator/target/jib-image.tar");
    if (!Files.exists(tar)) {
      throw new IllegalStateException(tar + " missing: built by mvn package (jib image-tar execution)");
    }
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    String configFile = json.readTree(untar(tar, "manifest.json")).get(0).get("Config").asText();
    List<String> flags = new ArrayList<>();
    for (var e : json.readTree(untar(tar, configFile)).at("/config/Entrypoint")) {
      flags.add(e.asText());
    }
    int cp = flags.indexOf("-cp");
    if (cp < 1 || !flags.get(0).equals("java")) {
      throw new IllegalStateException("unexpected image entrypoint " + flags);
    }
    return flags.subList(1, cp);
  }

  private static String untar(Path tar, String entry) throws IOException {
    Process p = new ProcessBuilder("tar", "-xOf", tar.toString(), entry).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("tar -xOf " + tar + " " + entry + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out;
  }

  /** target/classes and the runtime dependencies (written by the build to target/runtime-classpath.txt). */
  static String classpath() throws IOException {
    Path module = TestCluster.repoRoot().resolve("operator/target");
    Path deps = module.resolve("runtime-classpath.txt");
    if (!Files.exists(deps)) {
      throw new IllegalStateException(deps + " missing: build with mvn (process-test-classes writes it)");
    }
    return module.resolve("classes") + java.io.File.pathSeparator + Files.readString(deps).trim();
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** HTTP status of /readyz, or -1 when the endpoint does not answer. */
  public int readiness() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The /metrics text, or empty when the endpoint does not answer. */
  public String metrics() {
    return metrics(http, port);
  }

  /** The /metrics text a local process serves on {@code port}, or empty when the endpoint does not answer. */
  public static String metrics(HttpClient http, int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Sum of all samples of a metric (any labels) in the given /metrics text. */
  public static double sum(String metrics, String metric) {
    return sum(metrics, metric, "");
  }

  /** Sum of the samples of a metric whose labels contain {@code labelFilter} (e.g. {@code area="heap"}). */
  public static double sum(String metrics, String metric, String labelFilter) {
    double total = 0;
    for (String line : metrics.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (m.matches() && m.group(1).equals(metric) && (m.group(2) == null ? "" : m.group(2)).contains(labelFilter)) {
        total += Double.parseDouble(m.group(3));
      }
    }
    return total;
  }

  /** Successful reconciliations so far (JOSDK's counter). */
  public double reconciliations() {
    return sum(metrics(), "operator_sdk_reconciliations_success_total");
  }

  /** Resident set size in MiB, from /proc. */
  public double rssMiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmRSS for " + process.pid());
  }

  /** Output of a jcmd diagnostic command on the process (e.g. GC.class_histogram, VM.native_memory). */
  public String jcmd(String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(process.pid())));
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  /** SIGKILL: no shutdown hook, no lease release, as when a node dies or the OOM killer strikes. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** The last lines of its log (shown when a test fails). */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGTERM, then SIGKILL if it does not stop within 20 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
