package dev.sightline.operator.model;

import dev.sightline.operator.api.MetricConvention;

/** The service's instrumentation: its convention, the names that follow from it, and what counts as failed. */
public record Metrics(MetricConvention convention, MetricNames names, String errorStatusRegex) {}
