package dev.sightline.operator.prometheus;

import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.status.LiveChecks;

/**
 * What the last check cycle found for one ObservedService, compared by value: a cycle that finds
 * the same as the one before triggers no reconciliation and writes nothing.
 *
 * @param selection the selection message it was checked under (a change of it re-checks the status)
 * @param live the conditions and counts status shows
 * @param found with metrics.convention auto: the convention found, or null
 * @param histogram the latency histogram's layout found ({@link Histogram#UNKNOWN} when none)
 */
public record LiveReport(String selection, LiveChecks live, MetricConvention found, Histogram histogram) {}
