package dev.sightline.operator.status;

/**
 * What Prometheus has for one objective.
 *
 * @param budgetLeft the lowest error budget left among its budgets (and routes), as a ratio, or null before one is
 *     recorded
 * @param worstRoute for a grouped objective, the route with that budget, else null
 * @param requests whether its requests have a recorded rate (a named objective whose routes match no request has
 *     none)
 */
public record ObjectiveLive(Double budgetLeft, String worstRoute, boolean requests) {}
