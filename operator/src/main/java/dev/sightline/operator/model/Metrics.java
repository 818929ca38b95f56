package dev.sightline.operator.model;

import dev.sightline.operator.api.MetricConvention;

/**
 * The service's instrumentation: its convention, the names that follow from it, and what counts as failed.
 *
 * @param convention the convention in use (with {@code auto}, the one found, else the default)
 * @param auto whether the spec asked Sightline to find the convention
 * @param histogram the latency histogram's layout found in Prometheus ({@link Histogram#UNKNOWN} until then)
 */
public record Metrics(
    MetricConvention convention, boolean auto, MetricNames names, String errorStatusRegex, Histogram histogram) {
  /** Whether latency quantiles come from native buckets: the histogram has them and no classic ones. */
  public boolean nativeOnly() {
    return histogram.nativeBuckets() && histogram.buckets().isEmpty();
  }
}
