package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What one named objective is evaluated per: one SLO per value of that label, from one rule set. */
public enum SloGrouping {
  /** One SLO per route (the convention's route label: uri, handler, http_route or custom.routeLabel). */
  @JsonProperty("route")
  ROUTE
}
