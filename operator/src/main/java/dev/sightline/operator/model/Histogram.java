package dev.sightline.operator.model;

import java.util.List;

/**
 * The latency histogram's layout as Prometheus has it for the service's job: the finite bounds of its
 * classic buckets and whether it also has native (sparse) buckets. Unknown until the closed loop has
 * seen the series; then a bucket at the latency threshold is assumed.
 *
 * @param buckets finite classic bucket bounds in seconds, sorted; empty when none or unknown
 * @param nativeBuckets whether the histogram is also (or only) a native histogram
 */
public record Histogram(List<Double> buckets, boolean nativeBuckets) {
  public static final Histogram UNKNOWN = new Histogram(List.of(), false);

  public Histogram {
    buckets = List.copyOf(buckets);
  }

  /** Whether Prometheus has shown the layout (classic buckets or native ones). */
  public boolean known() {
    return !buckets.isEmpty() || nativeBuckets;
  }
}
