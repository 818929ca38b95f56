package dev.sightline.operator.model;

import dev.sightline.operator.api.MetricConvention;

/**
 * The service's instrumentation: its convention, the names that follow from it, and what counts as failed.
 *
 * @param convention the convention in use (with {@code auto}, the one found, else the default)
 * @param auto whether the spec asked Sightline to find the convention
 */
public record Metrics(MetricConvention convention, boolean auto, MetricNames names, String errorStatusRegex) {}
