package dev.sightline.operator.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CPU time and memory of a process, from /proc; how the benchmarks find the local API server's process. */
final class ProcStats {
  /** USER_HZ: the unit of utime and stime in /proc/[pid]/stat on Linux. */
  private static final double CLOCK_TICKS = 100.0;

  private ProcStats() {}

  /** User plus system CPU seconds the process has used so far. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name may hold spaces: the fields after it start after its closing parenthesis
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS; // fields 14 and 15 of stat
    } catch (IOException e) {
      throw new IllegalStateException("no /proc/" + pid + "/stat", e);
    }
  }

  /** Resident set size in MiB. */
  static double rssMiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("no /proc/" + pid + "/status", e);
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  /** The kube-apiserver process serving the kubeconfig's server (its --secure-port). */
  static long apiServerPid(String kubeconfig) {
    Matcher m = Pattern.compile("server: (\\S+)").matcher(kubeconfig);
    if (!m.find()) {
      throw new IllegalStateException("no server in the kubeconfig");
    }
    String port = "--secure-port " + URI.create(m.group(1)).getPort() + " ";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("kube-apiserver") && c.contains(port)).orElse(false))
        .mapToLong(ProcessHandle::pid).findFirst()
        .orElseThrow(() -> new IllegalStateException("no kube-apiserver process with " + port));
  }
}
