package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/**
 * Alert routing through Alertmanager: an AlertmanagerConfig owned by the ObservedService with one
 * route for this service's alerts, its page and ticket receivers, and inhibition between its alerts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RoutingSpec {
  @JsonPropertyDescription("true generates the AlertmanagerConfig. Off by default: many platforms route every"
      + " alert centrally, by labels (see alerts.labels). Default: " + Defaults.ROUTING_ENABLED + ".")
  @Default(Defaults.ROUTING_ENABLED)
  public Boolean enabled;

  @JsonPropertyDescription("Receiver of page-severity alerts. Without it, pages are left to the platform's routes"
      + " (inhibition still applies).")
  public ReceiverSpec page;

  @JsonPropertyDescription("Receiver of ticket-severity alerts. Without it, tickets are left to the platform's"
      + " routes (inhibition still applies).")
  public ReceiverSpec ticket;
}
