package dev.sightline.operator.bench;

import java.util.Map;

/**
 * What the scale benchmark measures of each system the same way.
 *
 * @param converged seconds from the first create to every custom resource handled (Sightline: Ready; Sloth: rules
 *     generated for the current generation; the write floor: every write answered)
 * @param controllerCpu CPU seconds the controller used in that time (NaN for the write floor, whose client is the
 *     benchmark itself)
 * @param apiServerCpu CPU seconds kube-apiserver used in that time
 * @param p50 reconcile latency, seconds (NaN when not measured)
 * @param reconciles reconciliations until converged (NaN for the write floor)
 * @param writes the controller's API writes until converged, by verb and resource
 * @param restart seconds from an immediate restart of the process to every resource handled again
 * @param restartWrites the writes in that time
 */
record ScaleFigures(String system, int total, double converged, double controllerCpu, double apiServerCpu,
    double p50, double p99, double reconciles, Map<String, Long> writes, double restart, Map<String, Long> restartWrites,
    double rss, double rssAfterRestart) {

  double writesPerResource() {
    return ScaleBenchmark.sum(writes) / (double) total;
  }

  double cpuPerResourceMs() {
    return controllerCpu * 1000 / total;
  }
}
