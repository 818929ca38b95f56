package dev.sightline.operator.model;

import dev.sightline.operator.api.ReceiverSpec;

/**
 * Alert routing through Alertmanager, with defaults applied.
 *
 * @param enabled whether an AlertmanagerConfig is generated
 * @param page receiver of page-severity alerts, or null to leave them to the platform's routes
 * @param ticket receiver of ticket-severity alerts, or null
 */
public record Routing(boolean enabled, ReceiverSpec page, ReceiverSpec ticket) {
  public static final Routing OFF = new Routing(false, null, null);
}
