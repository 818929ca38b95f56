package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Urgency class of an alert; mapped to a severity label value by alerts.severities. */
public enum Severity {
  /** Wake someone up. */
  @JsonProperty("page")
  PAGE,
  /** Needs attention during working hours. */
  @JsonProperty("ticket")
  TICKET
}
