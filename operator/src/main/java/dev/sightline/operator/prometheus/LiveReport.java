package dev.sightline.operator.prometheus;

import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.status.Check;
import dev.sightline.operator.status.LiveChecks;

/**
 * What the last check cycle found for one ObservedService, compared by value: a cycle that finds
 * the same as the one before triggers no reconciliation and writes nothing.
 *
 * @param selection the selection message it was checked under (a change of it re-checks the status)
 * @param targets targets up / targets, e.g. 2/3, or null when no Prometheus was asked
 * @param firing alerts of this service firing in the selecting Prometheus servers
 * @param found with metrics.convention auto: the convention found, or null
 * @param histogram the latency histogram's layout found ({@link Histogram#UNKNOWN} when none)
 */
public record LiveReport(
    String selection, Check scraped, Check rulesLoaded, Check metricsFound, String targets, int firing,
    MetricConvention found, Histogram histogram) {
  /** The report's conditions and counts, as status shows them. */
  public LiveChecks live() {
    return new LiveChecks(scraped, rulesLoaded, metricsFound, targets, firing);
  }
}
